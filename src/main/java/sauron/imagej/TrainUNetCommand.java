package sauron.imagej;

import java.io.File;

import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

import ij.ImagePlus;

/**
 * Trains a U-Net on an open image and its label image, or on a folder with images/ and labels/, and saves the
 * model folder, in the engine process (the command line's "train"). Progress per epoch in the status bar and two live plots (log lines headless); "Stop after
 * this epoch", Esc or SciJava's cancel ends training early (after the epoch) and still saves a usable model.
 */
@Plugin(type = Command.class, headless = true, menuPath = "Plugins>Sauron U-Net>Train U-Net")
public final class TrainUNetCommand extends SauronCommand {

	@Parameter(label = "Image", required = false, description = "image to train on (ignored when data_dir is given)")
	ImagePlus image;

	@Parameter(label = "Labels", required = false, description = "its label image: 0 background, 1.. classes")
	ImagePlus labels;

	@Parameter(label = "Data folder", required = false, style = "directory", description = "instead of image and labels: a folder with images/ and labels/")
	File data_dir;

	@Parameter(label = "Model folder", style = "directory", description = "model folder to write")
	File model_dir;

	@Parameter(label = "Dimensions", choices = { "auto", "2D", "3D" }, description = "auto: 3D for stacks, else 2D")
	String dims = "auto";

	@Parameter(label = "Epochs", min = "1", description = "training length: epochs of 'Steps per epoch' batches each")
	int epochs = 50;

	@Parameter(label = "Steps per epoch", min = "1", description = "batches per epoch")
	int steps = 50;

	@Parameter(label = "Patch size", required = false, description = "patch size, x first, e.g. 64x64x64; empty: automatic (2D 128x128, 3D 64x64x64)")
	String patch_size = "";

	@Parameter(label = "Validation share", min = "0", max = "0.9", stepSize = "0.05", description = "share held out for validation loss and Dice; 0: none")
	double validation = 0.2;

	@Parameter(label = "Classes", min = "0", description = "classes incl. background; 0: automatic (the largest label + 1)")
	int classes = 0;

	@Parameter(label = "Levels", min = "0", description = "resolution levels; 0: automatic (2D 5, 3D 4)")
	int levels = 0;

	@Parameter(label = "Base filters", min = "0", description = "filters at level 0; 0: automatic (2D 32, 3D 24, the paper's)")
	int base_filters = 0;

	/** Prune filters with Sauron while training; off (with lambda 0) trains the plain nnU-Net baseline. */
	@Parameter(label = "Sauron pruning", description = "remove redundant filters with Sauron while training")
	boolean sauron = true;

	/** Weight of Sauron's regulariser in the loss (0: none; with pruning on, the paper's "Sauron (lambda=0)"). */
	@Parameter(label = "Lambda", min = "0", description = "weight of Sauron's regulariser in the loss; 0: none")
	double lambda = 0.5;

	@Parameter(label = "Schedule", choices = { "budget", "paper" }, description = "budget: pruning rounds every few steps between a warm-up and a recovery phase, "
			+ "with compensation (this project's default); paper: a round at every epoch end, thresholds rise on loss plateaus (the paper exactly)")
	String schedule = "budget";

	@Parameter(label = "Prune every (steps)", min = "0", description = "optimiser steps between pruning rounds; 0: automatic (the schedule's: budget 20 rounds "
			+ "spread over the pruning phase, paper every epoch end)")
	int prune_every = 0;

	@Parameter(label = "Minimum filters", min = "0", description = "no layer is pruned below this many filters; 0: automatic (the schedule's: budget 2, paper 1)")
	int min_filters = 0;

	@Parameter(label = "Training length", choices = { "time", "epochs" }, description = "time: a run that prunes takes as long as the unpruned network "
			+ "would for these epochs, and its small network trains on in the time pruning saved (more epochs, as many as this machine fits); epochs: "
			+ "exactly these epochs, reproducible to the last weight")
	String training_length = "time";

	@Parameter(label = "Highest threshold (tau_max)", min = "0", max = "1", description = "highest pruning threshold: higher removes more filters, lower keeps more accuracy; "
			+ "0: automatic (the schedule's: budget 0.6, paper 0.3)")
	double tau_max = 0;
}
