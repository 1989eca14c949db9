package io.cnnlab.cli;

import io.cnnlab.cli.bench.BenchCommand;
import io.cnnlab.tf.OneDnn;
import io.cnnlab.tf.Platform;
import io.cnnlab.tf.ProcessEnvironment;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/** Entry point of the {@code cnnlab} command line. */
@Command(
    name = "cnnlab",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Foundations of convolutional networks (LeNet, AlexNet) rebuilt and measured on TensorFlow Java.",
    subcommands = {
      CommandLine.HelpCommand.class,
      EdgesCommand.class,
      ShapesCommand.class,
      Conv1x1Command.class,
      DatasetsCommand.class,
      BenchCommand.class,
      TrainCommand.class,
      SummaryCommand.class,
      ReportCommand.class,
      ReproduceCommand.class,
      ExportCommand.class,
      PredictCommand.class,
    })
public final class CnnlabCli implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  public static void main(String[] args) {
    // Before anything loads TensorFlow, which reads these settings once; java -jar has no launcher script.
    ProcessEnvironment.launcherDefaults();
    OneDnn.ensure();
    String noNative = Platform.current().missingNativeLine(Platform.nativesOnClassPath());
    if (noNative != null) {
      System.err.println(noNative);
    }
    System.exit(new CommandLine(new CnnlabCli()).execute(args));
  }
}
