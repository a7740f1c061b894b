package sauron.engine;

import java.util.List;

/** {@code sauron devices}: what TensorFlow sees; the engine process runs it to find out whether a GPU build can be used. */
public record DevicesRequest() implements EngineRequest {

	@Override
	public List<String> arguments() {
		return new Arguments("devices").list();
	}
}
