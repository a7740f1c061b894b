package sauron.segment;

import sauron.data.LabelVolume;
import sauron.data.Volume;

/**
 * The result of segmenting an image.
 *
 * @param probabilities one channel per class, same shape and voxel size as the image
 * @param labels the most probable class per voxel (lowest class index on ties)
 */
public record Segmentation(Volume probabilities, LabelVolume labels) {}
