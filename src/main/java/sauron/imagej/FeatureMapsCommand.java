package sauron.imagej;

import java.io.File;

import org.scijava.ItemIO;
import org.scijava.app.StatusService;
import org.scijava.command.Command;
import org.scijava.command.DynamicCommand;
import org.scijava.log.LogService;
import org.scijava.module.MethodCallException;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import ij.ImagePlus;

/**
 * Shows what one layer of a model sees in an image: a hyperstack with one channel per (remaining) filter,
 * labelled "&lt;layer&gt; filter &lt;i&gt;" (i from 1, as the channel slider counts). The default is the last decoder layer, whose maps are the most
 * readable; level-l layers come on their own grid (the image size / 2^l).
 * <p>
 * The layer is chosen from the model's own layers: a DynamicCommand, since SciJava changes a parameter's choices
 * only on one (see {@link ActionHost}); the list is filled before the dialog from the model folder given or last
 * used, and again whenever the folder changes. A macro's {@code layer=enc0_0} is taken as given and checked when the
 * command runs. Scripts run it through ModuleService: CommandService.run returns null for a DynamicCommand.
 */
@Plugin(type = Command.class, headless = true, menuPath = "Plugins>Sauron U-Net>Feature Maps")
public final class FeatureMapsCommand extends DynamicCommand implements ActionHost {

	@Parameter(label = "Image", description = "the image the layer's maps are computed on")
	ImagePlus image;

	@Parameter(label = "Model folder", style = "directory", callback = "offerLayers", description = "a model folder written by Train U-Net")
	File model_dir;

	@Parameter(label = "Layer", description = "the model's layers in forward order: enc<l>_<0|1>, up<l>, dec<l>_<0|1> (level 0 is full resolution); dec0_1 is the last decoder layer")
	String layer = "dec0_1";

	@Parameter(type = ItemIO.OUTPUT)
	ImagePlus feature_maps;

	/** Injected by SciJava; null when the command runs in plain ImageJ 1 (as in {@link SauronCommand}). */
	@Parameter(required = false)
	private StatusService statusService;

	@Parameter(required = false)
	private LogService logService;

	private String error;

	/** Before the dialog: the Java check, then the layer list of the model folder known so far. */
	@Override
	public void initialize() throws MethodCallException {
		if (ActionHost.refusedJava(this)) return;
		super.initialize();
		offerLayers();
	}

	/** model_dir's callback: the layer list of the folder now chosen (FeatureMapsAction.offerLayers, Java 17). */
	private void offerLayers() {
		ActionHost.callJava17("sauron.imagej.FeatureMapsAction", "offerLayers", this);
	}

	@Override
	public void run() {
		ActionHost.run(this);
	}

	@Override
	public String title() {
		return ActionHost.title(getClass());
	}

	@Override
	public String error() {
		return error;
	}

	@Override
	public void setError(final String message) {
		error = message;
	}

	@Override
	public void report(final String message) {
		UserMessages.error(title(), message, logService);
	}

	@Override
	public void status(final String text) {
		UserMessages.status(statusService, text);
	}

	@Override
	public void progress(final int done, final int total) {
		UserMessages.progress(statusService, done, total);
	}
}
