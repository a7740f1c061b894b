package sauron.prune;

import sauron.net.UNetSpec;
import sauron.net.Weights;
import sauron.net.AdamState;

/** A network after filter removal: the narrower spec with its dense weights and Adam moments. */
public record PrunedNetwork(UNetSpec spec, Weights weights, AdamState adam) {}
