package sauron.metrics;

/**
 * How well one class of a prediction matches the truth. Distances are in the units of the voxel
 * size (mm for NIfTI), volumes in those units cubed (squared in 2D).
 *
 * @param label class index
 * @param dice Dice coefficient; 1 when the class is absent from both
 * @param hd95 95th-percentile symmetric Hausdorff distance; 0 when absent from both, +Infinity when absent from one
 * @param hausdorff Hausdorff distance (HD100), same conventions as hd95
 * @param averageSurfaceDistance average symmetric surface distance (medpy assd), same conventions
 * @param truthVoxels voxels of the class in the truth
 * @param predictedVoxels voxels of the class in the prediction
 * @param truthVolume truth voxels times the voxel volume
 * @param predictedVolume predicted voxels times the voxel volume
 */
public record ClassScores(int label, double dice, double hd95, double hausdorff, double averageSurfaceDistance,
		long truthVoxels, long predictedVoxels, double truthVolume, double predictedVolume) {}
