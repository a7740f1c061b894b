package sauron.imagej;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.scijava.Context;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;
import org.scijava.log.LogLevel;
import org.scijava.log.LogService;
import org.scijava.module.Module;
import org.scijava.module.ModuleService;

/**
 * A Fiji on Java 8 that has our update site: clicking a Sauron menu item must give one sentence saying what to
 * install, never an UnsupportedClassVersionError. What Fiji loads first (every class plugins.config names, every
 * SciJava command in the plugin index) and every class of ours they refer to must be Java 8 class files (major
 * version 52); and loaded where class files newer than that are refused, as Java 8 refuses them, they must still
 * build their dialogs' fields, instantiate and say the sentence. No Java 8 JVM can be installed here (Debian 12 has
 * none), so that refusal is simulated by a class loader.
 */
class JavaEntryClassesTest {

	static {
		System.setProperty("java.awt.headless", "true");
	}

	private static final int JAVA_8 = 52;
	private static final String SENTENCE = "Sauron U-Net needs Fiji with Java 17 or newer (Fiji Latest ships Java 21): download it from https://fiji.sc; "
			+ "this Fiji runs Java 1.8.0_402.";

	@AfterEach
	void realJava() {
		JavaVersionGate.javaVersion = () -> System.getProperty("java.version");
	}

	@Test
	void everyClassFijiLoadsFirstAndEveryClassOfOursTheyNameIsAJava8ClassFile() throws IOException {
		final List<String> entries = entryClasses();
		assertTrue(entries.contains("sauron.imagej.LegacyCommand") && entries.contains("sauron.imagej.TrainUNetCommand") && entries.contains("sauron.imagej.MacroFlagsPreprocessor") && entries.size() >= 10, entries.toString());
		final Map<String, Integer> versions = new HashMap<>();
		final Deque<String> todo = new ArrayDeque<>(entries);
		while (!todo.isEmpty()) {
			final String name = todo.pop();
			if (versions.containsKey(name)) continue;
			final ClassFile c = ClassFile.read(name);
			versions.put(name, c.major);
			todo.addAll(c.ourClasses);
		}
		final List<String> newer = versions.entrySet().stream().filter(e -> e.getValue() != JAVA_8).map(e -> e.getKey() + " (" + e.getValue() + ")").sorted().toList();
		assertEquals(List.of(), newer, "loaded before the Java check, in " + new TreeSet<>(versions.keySet()));
		// The actions are what the gate keeps from a Java 8 JVM: they are Java 17, and reached only by name.
		assertEquals(61, ClassFile.read("sauron.imagej.TrainUNetAction").major);
		assertTrue(!versions.containsKey("sauron.imagej.CommandAction"));
	}

	@Test
	void theJavaFeatureVersionIsReadFromEveryVersionForm() {
		assertEquals(8, JavaVersionGate.feature("1.8.0_402"));
		assertEquals(11, JavaVersionGate.feature("11.0.20"));
		assertEquals(17, JavaVersionGate.feature("17"));
		assertEquals(21, JavaVersionGate.feature("21-ea"));
		assertEquals(Integer.MAX_VALUE, JavaVersionGate.feature("unknown"), "an unreadable version is let through: the JVM itself will say");
		JavaVersionGate.javaVersion = () -> "16.0.2";
		assertTrue(JavaVersionGate.refusal().contains("this Fiji runs Java 16.0.2."));
		JavaVersionGate.javaVersion = () -> "17.0.2";
		assertNull(JavaVersionGate.refusal());
	}

	@Test
	void onJava8SciJavaCancelsTheCommandBeforeItsDialogWithTheSentence() throws Exception {
		JavaVersionGate.javaVersion = () -> "1.8.0_402";
		final Context context = new Context();
		final List<String> errors = new ArrayList<>();
		context.service(LogService.class).addLogListener(message -> {
			if (message.level() == LogLevel.ERROR) errors.add(message.text());
		});
		try {
			final CommandModule m = context.service(CommandService.class).run(ModelInfoCommand.class, true).get();
			assertTrue(m.isCanceled());
			assertEquals(SENTENCE, m.getCancelReason());
			assertNull(((ModelInfoCommand) m.getCommand()).report(), "the command did not run");
			// Feature Maps, a DynamicCommand, is its own module, run through the ModuleService.
			final Module maps = context.service(ModuleService.class).run(context.service(CommandService.class).getCommand(FeatureMapsCommand.class), true).get();
			assertEquals(SENTENCE, ((FeatureMapsCommand) maps).getCancelReason());
			assertNull(((FeatureMapsCommand) maps).feature_maps, "the command did not run");
			// Headless, the sentence is the SciJava log's error line, once per command.
			assertEquals(List.of("Model Info error: " + SENTENCE, "Feature Maps error: " + SENTENCE), errors);
		} finally {
			context.dispose();
		}
	}

	@Test
	void onAJvmThatRefusesJava17ClassFilesEveryEntryLoadsAndSaysTheSentence() throws Exception {
		final Java8Loader java8 = new Java8Loader(getClass().getClassLoader());
		final Class<?> gate = java8.loadClass("sauron.imagej.JavaVersionGate");
		final Field version = gate.getDeclaredField("javaVersion");
		version.setAccessible(true);
		version.set(null, (Supplier<String>) () -> "1.8.0_402");
		for (final String name : entryClasses()) {
			final Class<?> type = java8.loadClass(name);
			// As SciJava reads a command's parameters and ImageJ 1 its plugin, then makes one.
			for (Class<?> c = type; c != Object.class; c = c.getSuperclass()) c.getDeclaredFields();
			final Object entry = type.getDeclaredConstructor().newInstance();
			if (!(entry instanceof ij.plugin.PlugIn) && !(entry instanceof org.scijava.command.Command)) continue; // a preprocessor: made, not run
			final String[] printed = new String[1];
			if (name.equals("sauron.imagej.LegacyCommand")) {
				printedBy(printed, () -> {
					((ij.plugin.PlugIn) entry).run("sauron.imagej.TrainUNetCommand");
					return null;
				});
				assertEquals("Sauron U-Net error: " + SENTENCE, printed[0].strip(), name);
				continue;
			}
			type.getMethod("initialize").invoke(entry);
			assertEquals(SENTENCE, type.getMethod("getCancelReason").invoke(entry), name);
			printedBy(printed, () -> {
				((Runnable) entry).run();
				return null;
			});
			assertEquals(SENTENCE, type.getMethod("error").invoke(entry), name);
			assertTrue(printed[0].contains(" error: " + SENTENCE), name + ": " + printed[0]);
		}
		assertTrue(java8.refused.isEmpty(), "Java 17 classes were asked for: " + java8.refused);
		// The loader refuses what Java 8 refuses: with the check passed, the hand-off to the Java 17 action fails.
		version.set(null, (Supplier<String>) () -> "17.0.2");
		final Object train = java8.loadClass("sauron.imagej.TrainUNetCommand").getDeclaredConstructor().newInstance();
		printedBy(new String[1], () -> {
			((Runnable) train).run();
			return null;
		});
		assertEquals(List.of("sauron.imagej.CommandAction"), java8.refused);
	}

	/** Runs the call with System.out (where ImageJ's log goes headless, with no ImageJ window) captured into printed[0]. */
	private static <T> T printedBy(final String[] printed, final Supplier<T> call) {
		final PrintStream out = System.out;
		final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
		try {
			return call.get();
		} finally {
			System.setOut(out);
			printed[0] = bytes.toString(StandardCharsets.UTF_8);
		}
	}

	/**
	 * Every class plugins.config names (the ImageJ 1 class and its arguments) and every command in SciJava's plugin
	 * index, which must be the same commands: both menus offer every one; then the index's other plugins.
	 */
	private static List<String> entryClasses() throws IOException {
		final List<String> names = new ArrayList<>();
		final TreeSet<String> configured = new TreeSet<>(), indexed = new TreeSet<>();
		final Matcher config = Pattern.compile("^[^#].*?,\\s*\"[^\"]*\",\\s*([\\w.]+)\\(\"([\\w.]+)\"\\)", Pattern.MULTILINE).matcher(resource("plugins.config"));
		while (config.find()) {
			names.add(config.group(1));
			configured.add(config.group(2));
		}
		final TreeSet<String> otherPlugins = new TreeSet<>();
		final Matcher index = Pattern.compile("\\{\"class\":\"([\\w.$]+)\",\"values\":\\{[^}]*\"type\":\"([\\w.]+)\"").matcher(resource("META-INF/json/org.scijava.plugin.Plugin"));
		while (index.find()) (index.group(2).equals("org.scijava.command.Command") ? indexed : otherPlugins).add(index.group(1));
		assertEquals(configured, indexed, "plugins.config's commands and SciJava's");
		names.addAll(indexed);
		// Fiji also makes every preprocessor of the index for every command it runs, ours included.
		names.addAll(otherPlugins);
		return names.stream().distinct().toList();
	}

	private static String resource(final String name) throws IOException {
		try (InputStream in = JavaEntryClassesTest.class.getClassLoader().getResourceAsStream(name)) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

	/** A class file's major version and the classes of ours (sauron.*) its constant pool names, in any descriptor. */
	private record ClassFile(int major, List<String> ourClasses) {
		private static final Pattern OURS = Pattern.compile("sauron/[\\w/$]+");

		static ClassFile read(final String name) throws IOException {
			try (InputStream raw = JavaEntryClassesTest.class.getClassLoader().getResourceAsStream(name.replace('.', '/') + ".class");
					DataInputStream in = new DataInputStream(raw)) {
				in.readInt();
				in.readUnsignedShort();
				final int major = in.readUnsignedShort(), count = in.readUnsignedShort();
				final List<String> ours = new ArrayList<>();
				for (int i = 1; i < count; i++) {
					final int tag = in.readUnsignedByte();
					switch (tag) {
					case 1 -> {
						final Matcher m = OURS.matcher(in.readUTF());
						while (m.find()) ours.add(m.group().replace('/', '.'));
					}
					case 7, 8, 16, 19, 20 -> in.readUnsignedShort();
					case 15 -> in.skipNBytes(3);
					case 3, 4, 9, 10, 11, 12, 17, 18 -> in.readInt();
					case 5, 6 -> {
						in.readLong();
						i++;
					}
					default -> throw new IOException(name + ": constant pool tag " + tag);
					}
				}
				return new ClassFile(major, ours);
			}
		}
	}

	/** Defines our classes from their class files and refuses, as Java 8 does, any newer than Java 8; the rest comes from the parent. */
	private static final class Java8Loader extends ClassLoader {
		final List<String> refused = new ArrayList<>();
		private final ClassLoader classes;

		Java8Loader(final ClassLoader parent) {
			super(parent);
			classes = parent;
		}

		@Override
		protected synchronized Class<?> loadClass(final String name, final boolean resolve) throws ClassNotFoundException {
			if (!name.startsWith("sauron.")) return super.loadClass(name, resolve);
			final Class<?> loaded = findLoadedClass(name);
			if (loaded != null) return loaded;
			try (InputStream in = classes.getResourceAsStream(name.replace('.', '/') + ".class")) {
				if (in == null) throw new ClassNotFoundException(name);
				final byte[] bytes = in.readAllBytes();
				final int major = (bytes[6] & 0xff) << 8 | bytes[7] & 0xff;
				if (major > JAVA_8) {
					refused.add(name);
					throw new UnsupportedClassVersionError(name + " has been compiled by a more recent version of the Java Runtime (class file version " + major + ".0)");
				}
				return defineClass(name, bytes, 0, bytes.length);
			} catch (final IOException e) {
				throw new ClassNotFoundException(name, e);
			}
		}
	}
}
