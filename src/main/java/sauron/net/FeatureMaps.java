package sauron.net;

/** One layer's feature maps for a batch: channels-last values and their shape [B, spatial..., C]. */
public record FeatureMaps(float[] values, long[] shape) {

	public int channels() {
		return (int) shape[shape.length - 1];
	}
}
