package sauron.model;

import sauron.net.Topology;
import sauron.net.UNetSpec;
import sauron.net.Weights;

/** A trained network: its spec, its weights and what it says about itself. */
public record SauronModel(UNetSpec spec, Weights weights, ModelMetadata metadata) {

	public SauronModel {
		weights.checkMatches(new Topology(spec));
	}

	public Topology topology() {
		return new Topology(spec);
	}
}
