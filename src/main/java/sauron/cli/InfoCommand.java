package sauron.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import sauron.model.ModelReport;
import sauron.model.ModelStore;

@Command(name = "info", mixinStandardHelpOptions = true, description = "Describe a model: network, widths per layer, parameters, FLOPs, training history.")
final class InfoCommand implements Callable<Integer> {

	@Spec
	CommandSpec spec;

	@Option(names = { "-m", "--model" }, required = true, paramLabel = "DIR")
	Path model;

	@Override
	public Integer call() throws Exception {
		spec.commandLine().getOut().print(ModelReport.describe(ModelStore.load(model), model));
		return 0;
	}
}
