package sauron.net;

import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.GraphOptions;
import org.tensorflow.proto.RewriterConfig;

/**
 * Sessions for our graphs. On the CPU they run without TensorFlow's graph rewrites (Grappler): Sauron rebuilds
 * the training graph after every pruning round that removes filters, and Grappler re-optimises each new graph
 * on its first run, which cost seconds per rebuild on a 3D U-Net's training graph and bought no step time on
 * the CPU (bench: {@code sauron.bench.SessionRewritesBenchmark}). On a GPU its layout rewrites (channels-first
 * for cuDNN) matter, so they stay. The system property {@value #PROPERTY} ({@code on}, {@code off}, or
 * {@code auto}, the default) overrides the choice.
 */
public final class Sessions {

	public static final String PROPERTY = "sauron.tf.graphRewrites";

	private Sessions() {}

	public static Session create(final Graph graph) {
		if (rewrites()) return new Session(graph);
		final RewriterConfig off = RewriterConfig.newBuilder().setDisableMetaOptimizer(true).build();
		return new Session(graph, ConfigProto.newBuilder().setGraphOptions(GraphOptions.newBuilder().setRewriteOptions(off)).build());
	}

	static boolean rewrites() {
		final String p = System.getProperty(PROPERTY, "auto");
		return switch (p) {
			case "on" -> true;
			case "off" -> false;
			case "auto" -> Gpu.AVAILABLE;
			default -> throw new IllegalArgumentException("system property " + PROPERTY + " must be on, off or auto, got '" + p + "'");
		};
	}

	/** Asked once per JVM: listing devices opens a session. */
	private static final class Gpu {
		static final boolean AVAILABLE = Devices.gpuAvailable();
	}
}
