package sauron.worker;

import java.io.IOException;
import java.lang.module.FindException;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Checks update-site folders against what Fiji's launcher does with them once installed together (Jaunch,
 * config/jaunch/fiji.toml): jars/*.jar, jars/*&#47;*.jar and plugins/ go on Fiji's class path, and on Java 9+
 * jars/&lt;platform&gt;/ also goes on the module path. So no jar there may carry TensorFlow (its classes would meet
 * CSBDeep's TensorFlow 1.15, its natives would be loaded beside it), and no two jars in one jars/&lt;platform&gt;/
 * folder, counting every site, may have one module name: the JVM then refuses to start ("Two versions of module
 * ... found"), and so does a jar whose module name cannot be derived. {@code main} fails bin/make-update-site on
 * any of these.
 */
public final class FijiPathCheck {

	private FijiPathCheck() {}

	public static void main(final String[] args) throws IOException {
		final List<Path> sites = Stream.of(args).map(Path::of).filter(Files::isDirectory).toList();
		final List<String> problems = problems(sites);
		problems.forEach(p -> System.err.println("error: " + p));
		if (!problems.isEmpty()) System.exit(1);
		System.out.println("Fiji's class and module paths: no TensorFlow, no duplicate module in " + sites);
	}

	/** One line per problem (empty: the sites can be installed together and Fiji still starts). */
	public static List<String> problems(final List<Path> sites) throws IOException {
		final List<String> problems = new ArrayList<>();
		final Map<String, Map<String, List<Path>>> modulesPerFolder = new TreeMap<>();
		for (final Path site : sites)
			for (final Path jar : jars(site)) {
				final Path relative = site.relativize(jar);
				final String top = relative.getName(0).toString();
				if (!top.equals("jars") && !top.equals("plugins")) continue;
				if (carriesTensorFlow(jar)) problems.add(relative + " (site " + site + ") carries TensorFlow classes or natives onto Fiji's class path");
				if (top.equals("jars") && relative.getNameCount() == 3) {
					final String name = moduleName(jar, problems);
					if (name != null) modulesPerFolder.computeIfAbsent(relative.getParent().toString(), k -> new TreeMap<>()).computeIfAbsent(name, k -> new ArrayList<>()).add(jar);
				}
			}
		modulesPerFolder.forEach((folder, modules) -> modules.forEach((name, jars) -> {
			if (jars.size() > 1) problems.add("module " + name + " is in " + jars.size() + " jars of " + folder + "/, which Fiji puts on the module path: " + jars
					+ " (Fiji would not start)");
		}));
		return problems;
	}

	/** A class or native library of TensorFlow (org/tensorflow/..., libtensorflow*, tensorflow*.dll) in the jar. */
	static boolean carriesTensorFlow(final Path jar) throws IOException {
		try (JarFile zip = new JarFile(jar.toFile())) {
			return zip.stream().map(e -> e.getName()).anyMatch(n -> n.startsWith("org/tensorflow/") || n.substring(n.lastIndexOf('/') + 1).matches("(lib)?(jni)?tensorflow.*\\.(so.*|dylib|dll)"));
		}
	}

	/** The module name the JVM gives the jar on a module path (module-info, Automatic-Module-Name, or from its file name). */
	static String moduleName(final Path jar, final List<String> problems) {
		try {
			return ModuleFinder.of(jar).findAll().stream().findFirst().map(ModuleReference::descriptor).map(d -> d.name()).orElse(null);
		} catch (final FindException e) {
			problems.add(jar + ": no module name can be derived (" + e.getMessage() + "); on Fiji's module path it stops Fiji from starting");
			return null;
		}
	}

	private static List<Path> jars(final Path site) throws IOException {
		try (Stream<Path> files = Files.walk(site)) {
			return files.filter(p -> p.getFileName().toString().endsWith(".jar") && Files.isRegularFile(p)).sorted().toList();
		}
	}
}
