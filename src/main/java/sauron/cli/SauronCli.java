package sauron.cli;

import java.io.PrintWriter;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import sauron.engine.EngineEvent;
import sauron.engine.EngineEvents;

/** The command line: train, segment, evaluate and inspect U-Nets, for servers and clusters. */
@Command(name = "sauron", mixinStandardHelpOptions = true, version = "Sauron U-Net 0.1.0",
		description = "Train, prune (Sauron) and run 2D/3D U-Nets for segmentation.",
		subcommands = { TrainCommand.class, SegmentCommand.class, PruneCommand.class, EvaluateCommand.class, InfoCommand.class, FeaturesCommand.class,
				ExportCommand.class, DevicesCommand.class, CohortCommand.class })
public final class SauronCli implements Runnable {

	@CommandLine.Spec
	CommandLine.Model.CommandSpec spec;

	@Override
	public void run() {
		spec.commandLine().usage(spec.commandLine().getOut());
	}

	public static void main(final String[] args) {
		if (java.util.Arrays.asList(args).contains("--events")) exitWhenInputCloses();
		System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
	}

	/** Runs the command line with the given streams; returns the exit code (0 ok, 1 failed, 2 usage). */
	public static int execute(final String[] args, final PrintWriter out, final PrintWriter err) {
		final CommandLine cli = new CommandLine(new SauronCli());
		cli.setOut(out).setErr(err);
		// Bad input is the user's, not a bug: say what was wrong without a stack trace.
		cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
			commandLine.getErr().println(EngineEvents.line(new EngineEvent.Failure(message(e))));
			if (System.getenv("SAURON_DEBUG") != null) e.printStackTrace(commandLine.getErr());
			return 1;
		});
		// A usage error is one line and a pointer to --help, not 70 lines of usage in which the error gets lost.
		cli.setParameterExceptionHandler((e, given) -> {
			final CommandLine c = e.getCommandLine();
			c.getErr().println(EngineEvents.line(new EngineEvent.Failure(e.getMessage())));
			picocli.CommandLine.UnmatchedArgumentException.printSuggestions(e, c.getErr());
			c.getErr().println("Try '" + c.getCommandSpec().qualifiedName() + " --help' for the options.");
			return 2;
		});
		try {
			return cli.execute(args);
		} finally {
			// Autoflush covers println/printf only; a command's print() would be lost at System.exit.
			out.flush();
			err.flush();
		}
	}

	/**
	 * As the engine process of the Fiji plugin: its standard input is a pipe from the host, closed when the
	 * host ends (even when killed); then nobody waits for this run any more. Saved models are renamed into
	 * place whole, so halting never leaves half a model.
	 */
	private static void exitWhenInputCloses() {
		final Thread t = new Thread(() -> {
			try {
				while (System.in.read() != -1) {
					// the host never writes; only the end of the stream matters
				}
			} catch (final java.io.IOException e) {
				// a broken pipe is the same news
			}
			Runtime.getRuntime().halt(3);
		}, "host-watch");
		t.setDaemon(true);
		t.start();
	}

	static String message(final Throwable e) {
		return sauron.io.ErrorMessages.of(e);
	}
}
