package sauron.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;
import sauron.engine.DevicesRequest;
import sauron.engine.EngineRequest;
import sauron.engine.ExportRequest;
import sauron.engine.FeaturesRequest;
import sauron.engine.InfoRequest;
import sauron.engine.PruneRequest;
import sauron.engine.SegmentRequest;
import sauron.engine.TrainRequest;

/**
 * Every request the Fiji side sends comes back whole from the command line's own parser: its arguments, parsed by
 * the picocli commands, fill in options that make the same request again. Each sample sets every field to a value
 * the command line does not take by itself, so an option a request leaves out, misspells or writes so that it
 * parses to something else fails here.
 */
class EngineRequestRoundTripTest {

	/** A sample request, the arguments that give the command only its required options, and the request the parsed command stands for. */
	private record Case<R extends EngineRequest>(R sample, List<String> requiredOnly, Function<Object, R> parsedBack) {}

	private static final Path A = Path.of("/data/a.nii"), B = Path.of("/data/b.nii.gz"), C = Path.of("/data/c.tif");

	private static final List<Case<?>> CASES = List.of(
			new Case<>(new TrainRequest(List.of(A, B), List.of(C, A), Path.of("/data/set"), Path.of("/models/m"), 3, 7, 11, List.of(32, 48, 16), 0.35, 4, 3, 12, 0.25,
					false, TrainRequest.Schedule.PAPER, 3, 5, 0.45, TrainRequest.Budget.STEPS, Path.of("/tmp/stop")), List.of("train", "-m", "/other"), o -> {
						final TrainCommand c = (TrainCommand) o;
						return new TrainRequest(c.images, c.labels, c.data, c.model, c.dims, c.epochs, c.steps, c.patch == null ? null : boxed(c.patch.sides()),
								c.validation, c.classes, c.levels, c.base, c.lambda, !c.noPrune, c.schedule, c.pruneEvery, c.minFilters, c.tauMax,
								c.budget == null ? null : TrainRequest.Budget.valueOf(c.budget.name()), c.stopFile);
					}),
			new Case<>(new SegmentRequest(Path.of("/models/m"), List.of(A, B), List.of(C, Path.of("/out/d.nii")), Path.of("/in"), Path.of("/out"), true),
					List.of("segment", "-m", "/other"), o -> {
						final SegmentCommand c = (SegmentCommand) o;
						return new SegmentRequest(c.model, c.images, c.outputs, c.inputDir, c.outputDir, c.probabilities);
					}),
			new Case<>(new PruneRequest(Path.of("/models/m"), List.of(A, B), Path.of("/models/small"), 0.3, 5), List.of("prune", "-m", "/other", "-o", "/other2"), o -> {
				final PruneCommand c = (PruneCommand) o;
				return new PruneRequest(c.model, c.images, c.output, c.tau, c.patches);
			}),
			new Case<>(new FeaturesRequest(Path.of("/models/m"), A, "enc1_0", C), List.of("features", "-m", "/other", "-i", "/x.nii", "-o", "/y.nii"), o -> {
				final FeaturesCommand c = (FeaturesCommand) o;
				return new FeaturesRequest(c.model, c.image, c.layer, c.output);
			}),
			new Case<>(new ExportRequest(Path.of("/models/m"), Path.of("/out/m.zip"), A, "blobs (1).tif", "Sauron blobs", List.of("Ada Lovelace", "Alan Turing"),
					List.of("A paper|10.1000/xyz", "Another|https://example.org"), "MIT"), List.of("export", "-m", "/other", "-i", "/x.nii", "-o", "/y.zip"), o -> {
						final ExportCommand c = (ExportCommand) o;
						return new ExportRequest(c.model, c.output, c.image, c.imageName, c.name, c.authors, c.cites, c.license);
					}),
			new Case<>(new InfoRequest(Path.of("/models/m")), List.of("info", "-m", "/other"), o -> new InfoRequest(((InfoCommand) o).model)),
			new Case<>(new DevicesRequest(), List.of("devices"), o -> {
				assertTrue(o instanceof DevicesCommand, o::toString);
				return new DevicesRequest();
			}));

	@Test
	void everyRequestComesBackFromTheCommandLineAsItWasSent() {
		for (final Case<?> c : CASES) assertEquals(c.sample(), c.parsedBack().apply(parse(c.sample().arguments())), () -> String.join(" ", c.sample().arguments()));
	}

	@Test
	void everySampleFieldDiffersFromWhatTheCommandLineTakesWhenItsOptionIsMissing() throws ReflectiveOperationException {
		for (final Case<?> c : CASES) {
			final EngineRequest absent = c.parsedBack().apply(parse(c.requiredOnly()));
			for (final RecordComponent field : c.sample().getClass().getRecordComponents())
				assertNotEquals(field.getAccessor().invoke(absent), field.getAccessor().invoke(c.sample()),
						c.sample().getClass().getSimpleName() + "." + field.getName() + " must not be the command line's default, or a dropped option goes unnoticed");
		}
	}

	@Test
	void everyKindOfRequestIsSampled() {
		final Set<Class<?>> sampled = CASES.stream().map(c -> c.sample().getClass()).collect(Collectors.toSet());
		assertEquals(Set.of(EngineRequest.class.getPermittedSubclasses()), sampled);
	}

	@Test
	void trainingAndSegmentationAskForEvents() {
		assertTrue(((TrainCommand) parse(CASES.get(0).sample().arguments())).events.enabled, "steps and epochs for the plots");
		assertTrue(((SegmentCommand) parse(CASES.get(1).sample().arguments())).events.enabled, "progress for the bar");
	}

	@Test
	void theFijiSidesAutomaticValuesLeaveTheirOptionsOut() {
		final TrainRequest automatic = new TrainRequest(List.of(A), List.of(C), null, Path.of("/models/m"), null, 50, 50, null, 0.2, 0, null, null, 0.5, true,
				TrainRequest.Schedule.BUDGET, null, null, null, null, null);
		assertEquals(List.of("train", "-i", A.toString(), "-l", C.toString(), "-m", "/models/m", "--epochs", "50", "--steps", "50", "--validation", "0.2", "--lambda", "0.5",
				"--schedule", "BUDGET", "--events"), automatic.arguments());
		assertEquals(List.of("export", "-m", "/models/m", "-o", "/m.zip", "-i", A.toString(), "--license", "CC-BY-4.0"),
				new ExportRequest(Path.of("/models/m"), Path.of("/m.zip"), A, " ", "", List.of(), List.of(), "CC-BY-4.0").arguments(), "blank: the engine's default");
	}

	/** The command object picocli filled in for the arguments, through the same top-level command the engine runs. */
	private static Object parse(final List<String> args) {
		final CommandLine.ParseResult result = new CommandLine(new SauronCli()).parseArgs(args.toArray(new String[0]));
		assertTrue(result.hasSubcommand(), args::toString);
		return result.subcommand().commandSpec().userObject();
	}

	private static List<Integer> boxed(final int[] values) {
		return Arrays.stream(values).boxed().toList();
	}
}
