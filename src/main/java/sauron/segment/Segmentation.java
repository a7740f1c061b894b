package sauron.segment;

import sauron.data.LabelVolume;
import sauron.data.Volume;

/**
 * The result of segmenting an image.
 *
 * @param probabilities one channel per class, on the image's grid: same shape and {@link sauron.data.Geometry}
 * @param labels the most probable class per voxel (lowest class index on ties), on the image's grid too
 */
public record Segmentation(Volume probabilities, LabelVolume labels) {}
