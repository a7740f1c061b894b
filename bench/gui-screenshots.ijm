// Driven by bench/gui-screenshots.sh: runs the Sauron menu commands through plain ImageJ 1 (not batch mode),
// the way a user's macro would, and takes screenshots with exec("import") at the moments worth looking at.
// Argument: the output folder (screenshots, models). The script watches for windows and clicks/presses keys.
out = getArgument();
if (out == "") exit("give the output folder as the macro argument");
function shot(name) { wait(700); exec("import", "-window", "root", out + "/" + name + ".png"); }
function cells() {  // a 64x64 image of bright ovals with noise, and its labels (0 background, 1 ovals)
	newImage("cells", "8-bit black", 64, 64, 1);
	setColor(180); fillOval(6, 8, 18, 16); fillOval(36, 6, 20, 22); fillOval(12, 38, 22, 18); fillOval(42, 40, 14, 16);
	run("Add Specified Noise...", "standard=25");
	newImage("cells-truth", "8-bit black", 64, 64, 1);
	setColor(1); fillOval(6, 8, 18, 16); fillOval(36, 6, 20, 22); fillOval(12, 38, 22, 18); fillOval(42, 40, 14, 16);
}
cells();
train = "dims=2D epochs=4 steps=3 patch_size=32x32 validation=0.25 classes=0 levels=3 base_filters=4 sauron lambda=0.5";
run("Train U-Net", "image=cells labels=cells-truth model_dir=[" + out + "/model] " + train);
shot("1-trained");

run("Model Info", "model_dir=[" + out + "/model]");
shot("2-model-info");

run("Segment Image", "image=cells model_dir=[" + out + "/model] probabilities");
run("Evaluate Segmentation", "prediction=cells-labels truth=cells-truth classes=0");
shot("3-segment-evaluate");

run("Feature Maps", "image=cells model_dir=[" + out + "/model] layer=dec0_1");
run("Set... ", "zoom=400"); Stack.setChannel(2);  // 64x64 is small on screen; channel 2 to see its own range
shot("4-feature-maps");

// Stop button: the script clicks it once the first epoch is plotted; the model must still be saved and usable.
run("Close All");
cells();
File.saveString("", out + "/second-run");
run("Train U-Net", "image=cells labels=cells-truth model_dir=[" + out + "/stopped-model] " + replace(replace(train, "epochs=4", "epochs=40"), "steps=3", "steps=40"));
shot("7-stopped");
run("Model Info", "model_dir=[" + out + "/stopped-model]");
run("Segment Image", "image=cells model_dir=[" + out + "/stopped-model]");
shot("8-stopped-model-used");

// From the menu, not a macro: the dialog, OK without a model folder, the error dialog (the script presses the keys).
call("ij.IJ.doCommand", "Segment Image");
while (!File.exists(out + "/menu-done")) wait(200);
File.saveString(getInfo("log"), out + "/log.txt");
// Last, as it ends the macro: a failing command in a macro (missing model folder).
run("Segment Image", "image=cells model_dir=[" + out + "/no-such-model]");
print("not reached: the failing command should abort the macro");
