package sauron;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package rules of docs/ARCHITECTURE.md, checked against the compiled classes: each package uses only what
 * its package-info.java names after "May use:", the core never reaches ImageJ, SciJava, picocli or the Fiji side,
 * and nothing Fiji's JVM loads can reach TensorFlow.
 */
class ArchitectureTest {

	/** The UI-free core: what the command line and the Fiji engine both run. */
	private static final List<String> CORE = List.of("sauron.data", "sauron.metrics", "sauron.net", "sauron.model", "sauron.segment", "sauron.prune",
			"sauron.train", "sauron.tf", "sauron.export");
	private static final List<String> NEVER_IN_CORE = List.of("ij", "net.imagej", "org.scijava", "picocli", "sauron.engine", "sauron.worker", "sauron.imagej",
			"sauron.cli");
	/** The packages whose classes run inside Fiji's JVM (sauron.engine's requests and events also run in the engine). */
	private static final List<String> FIJI_SIDE = List.of("sauron.imagej", "sauron.worker", "sauron.engine");
	private static final List<String> TENSORFLOW = List.of("org.tensorflow", "org.bytedeco");

	private static final Path SOURCES = Path.of("src", "main", "java");
	private static final Pattern MAY_USE = Pattern.compile("May use:(.*?)(?:<p>|\\*/)", Pattern.DOTALL);
	private static final Pattern CODE = Pattern.compile("\\{@code ([a-z][\\w$]*(?:\\.[\\w$]+)*)\\}");

	private static Map<String, Set<String>> references;

	@BeforeAll
	static void readClassFiles() throws IOException, URISyntaxException {
		final Path classes = Path.of(sauron.data.Volume.class.getProtectionDomain().getCodeSource().getLocation().toURI());
		references = ClassReferences.of(classes);
		assertTrue(references.size() > 100, "class files read from " + classes + ": " + references.size());
	}

	@Test
	void corePackagesNeverReferToImageJSciJavaPicocliOrTheFijiSide() {
		final List<String> breaches = new ArrayList<>();
		for (final Map.Entry<String, Set<String>> c : references.entrySet())
			if (inAny(c.getKey(), CORE))
				for (final String used : c.getValue())
					if (inAny(used, NEVER_IN_CORE)) breaches.add(c.getKey() + " -> " + used);
		assertEquals(List.of(), breaches, "core classes referring to " + NEVER_IN_CORE);
	}

	@Test
	void everyPackageSaysWhatItIsForAndWhatItMayUse() throws IOException {
		final Set<String> compiled = new TreeSet<>();
		for (final String c : references.keySet()) compiled.add(ClassReferences.packageOf(c));
		for (final String pkg : compiled) {
			final Path info = packageInfo(pkg);
			assertTrue(Files.isRegularFile(info), "no " + info + ": say what " + pkg + " is for and what it may use");
			assertFalse(mayUse(pkg).isEmpty(), info + " names nothing after 'May use:'");
		}
	}

	@Test
	void everyPackageUsesOnlyWhatItsPackageInfoNames() throws IOException {
		final Map<String, Set<String>> allowed = new HashMap<>();
		final Map<String, Set<String>> breaches = new TreeMap<>();
		for (final Map.Entry<String, Set<String>> c : references.entrySet()) {
			final String pkg = ClassReferences.packageOf(c.getKey());
			if (!allowed.containsKey(pkg)) allowed.put(pkg, mayUse(pkg));
			for (final String used : c.getValue())
				if (!used.startsWith("java.") && !ClassReferences.packageOf(used).equals(pkg) && !inAny(used, allowed.get(pkg)))
					breaches.computeIfAbsent(pkg + " (may use " + allowed.get(pkg) + ")", k -> new TreeSet<>()).add(c.getKey() + " -> " + used);
		}
		assertEquals(Map.of(), breaches, "references that no package-info.java allows");
	}

	@Test
	void nothingFijisJvmLoadsCanReachTensorFlow() {
		// Breadth first over our own classes from every Fiji-side class; a path to TensorFlow is a breach.
		final Map<String, String> reachedFrom = new HashMap<>();
		final Deque<String> queue = new ArrayDeque<>();
		for (final String c : references.keySet())
			if (inAny(c, FIJI_SIDE)) {
				reachedFrom.put(c, null);
				queue.add(c);
			}
		assertFalse(queue.isEmpty(), "no Fiji-side classes found");
		// The shortest path from each Fiji-side class that reaches TensorFlow (breadth first: the first one found).
		final Map<String, String> breaches = new TreeMap<>();
		while (!queue.isEmpty()) {
			final String c = queue.poll();
			for (final String used : references.get(c)) {
				if (inAny(used, TENSORFLOW)) breaches.putIfAbsent(root(reachedFrom, c), path(reachedFrom, c) + " -> " + used);
				else if (references.containsKey(used) && !reachedFrom.containsKey(used)) {
					reachedFrom.put(used, c);
					queue.add(used);
				}
			}
		}
		assertEquals(List.of(), List.copyOf(breaches.values()), "TensorFlow reachable from " + FIJI_SIDE);
	}

	/** The packages and classes a package's package-info.java names, as {@code ...}, after "May use:". */
	private static Set<String> mayUse(final String pkg) throws IOException {
		final Path info = packageInfo(pkg);
		final Set<String> named = new TreeSet<>();
		if (!Files.isRegularFile(info)) return named;
		final Matcher paragraph = MAY_USE.matcher(Files.readString(info));
		if (!paragraph.find()) return named;
		final Matcher code = CODE.matcher(paragraph.group(1));
		while (code.find()) named.add(code.group(1));
		return named;
	}

	private static Path packageInfo(final String pkg) {
		return SOURCES.resolve(pkg.replace('.', '/')).resolve("package-info.java");
	}

	private static boolean inAny(final String className, final Iterable<String> prefixes) {
		for (final String p : prefixes) if (ClassReferences.within(className, p)) return true;
		return false;
	}

	private static String root(final Map<String, String> reachedFrom, final String to) {
		String c = to;
		while (reachedFrom.get(c) != null) c = reachedFrom.get(c);
		return c;
	}

	private static String path(final Map<String, String> reachedFrom, final String to) {
		final List<String> path = new ArrayList<>();
		for (String c = to; c != null; c = reachedFrom.get(c)) path.add(0, c);
		return String.join(" -> ", path);
	}

	@Test
	void theClassFileReaderFindsReferencesInCodeAndInSignatures() throws IOException {
		// A class the test knows: Topology builds Layer records (code) and returns List<Layer> (signature).
		final Set<String> topology = ClassReferences.read(readClass("sauron/net/Topology.class"));
		assertTrue(topology.contains("sauron.net.Layer"), topology::toString);
		assertTrue(topology.contains("sauron.net.UNetSpec"), topology::toString);
		assertTrue(topology.contains("java.util.LinkedHashMap"), topology::toString);
		assertFalse(topology.contains("sauron.net.InferenceGraph"), topology::toString);
		// A string constant is not a reference: EngineProcess names sauron.cli.SauronCli as text only.
		assertFalse(ClassReferences.read(readClass("sauron/worker/EngineProcess.class")).contains("sauron.cli.SauronCli"));
	}

	private static byte[] readClass(final String resource) throws IOException {
		try (var in = ArchitectureTest.class.getClassLoader().getResourceAsStream(resource)) {
			assertTrue(in != null, resource);
			return in.readAllBytes();
		}
	}
}
