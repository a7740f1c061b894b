package sauron.imagej;

import java.io.File;
import java.io.IOException;

import sauron.model.ModelStore;
import sauron.model.SauronModel;

/** Loads a model folder given as a command parameter, saying so when none was given. */
final class ModelStores {

	private ModelStores() {}

	static SauronModel load(final File modelDir) throws IOException {
		if (modelDir == null || modelDir.getPath().isBlank()) throw new IllegalArgumentException("no model folder given (model_dir): choose the folder of a model written by Train U-Net");
		return ModelStore.load(modelDir.toPath());
	}
}
