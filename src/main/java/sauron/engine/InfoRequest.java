package sauron.engine;

import java.nio.file.Path;
import java.util.List;

/** {@code sauron info}, as Fiji's Model Info asks for it: the report on a model folder, as plain output. */
public record InfoRequest(Path model) implements EngineRequest {

	@Override
	public List<String> arguments() {
		return new Arguments("info").option("-m", model).list();
	}
}
