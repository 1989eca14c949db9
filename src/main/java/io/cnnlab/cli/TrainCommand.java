package io.cnnlab.cli;

import io.cnnlab.data.DatasetId;
import io.cnnlab.data.Datasets;
import io.cnnlab.data.MissingDatasetException;
import io.cnnlab.experiments.RunSettings;
import io.cnnlab.experiments.TrainingJob;
import io.cnnlab.reports.FeatureMapPages;
import io.cnnlab.runs.RunFolder;
import io.cnnlab.training.CheckpointDamagedException;
import io.cnnlab.training.CheckpointMismatchException;
import io.cnnlab.training.ConsoleProgress;
import io.cnnlab.training.CsvMetricsWriter;
import io.cnnlab.training.EpochMetrics;
import io.cnnlab.training.NonFiniteLossException;
import io.cnnlab.training.ScheduleSyntax;
import io.cnnlab.training.Towers;
import io.cnnlab.training.TrainConfig;
import io.cnnlab.training.TrainResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** {@code cnnlab train}: trains LeNet or AlexNet on a data set, with checkpoints, metrics CSV and progress. */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Trains a model on a data set. Defaults are d2l's textbook LeNet run (Fashion-MNIST, sigmoid,"
        + " average pooling, SGD lr 0.9, batch 256, 10 epochs). Writes OUT/metrics.csv, OUT/predictions.csv and a"
        + " checkpoint per epoch; run the same command again to resume after the last completed epoch.")
public final class TrainCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--model", paramLabel = "NAME", defaultValue = "lenet", description = "lenet or alexnet (${DEFAULT-VALUE})")
  String model;

  @Option(names = "--dataset", paramLabel = "NAME", defaultValue = "fashion-mnist",
      description = "mnist, fashion-mnist, cifar100-coarse or cifar100-fine (${DEFAULT-VALUE})")
  String dataset;

  @Option(names = "--data-root", paramLabel = "DIR", defaultValue = "datasets",
      description = "where `make datasets` installed the data (${DEFAULT-VALUE})")
  Path dataRoot;

  @CommandLine.Mixin ModelOptions modelOptions;

  @Option(names = "--epochs", paramLabel = "N", description = "epochs (10)")
  Integer epochs;

  @Option(names = "--batch", paramLabel = "N", description = "batch size (256)")
  Integer batch;

  @Option(names = "--lr", paramLabel = "RATE", description = "base learning rate (0.9)")
  Double lr;

  @Option(names = "--optimizer", paramLabel = "NAME", description = "sgd, momentum, nesterov or adam (sgd)")
  String optimizer;

  @Option(names = "--momentum", paramLabel = "M", description = "momentum for momentum and nesterov (0.9)")
  Double momentum;

  @Option(names = "--weight-decay", paramLabel = "WD", description = "coupled L2 weight decay on kernels (0)")
  Double weightDecay;

  @Option(names = "--schedule", paramLabel = "SPEC", description = "learning-rate schedule: " + ScheduleSyntax.FORMS)
  String schedule;

  @Option(names = "--seed", paramLabel = "N", description = "seed of initialization, dropout and shuffling (42)")
  Long seed;

  @Option(names = "--threads", paramLabel = "N", description = "TensorFlow threads (all cores)")
  Integer threads;

  @Option(names = "--towers", paramLabel = "N", defaultValue = "0",
      description = "data-parallel towers a batch is split into, side by side on the threads (0 = automatic: "
          + "one per thread for models without dropout; with dropout N > 1 draws the whole batch's mask and splits it)")
  int towers;

  @Option(names = "--workers", paramLabel = "N", defaultValue = "2",
      description = "data-loader threads preparing batches ahead (${DEFAULT-VALUE}; 0 = synchronous)")
  int workers;

  @Option(names = "--deterministic", description = "one thread and fixed seeds: two runs give identical metrics")
  boolean deterministic;

  @Option(names = "--train-limit", paramLabel = "N", defaultValue = "0",
      description = "use only the first N training images (0 = all)")
  int trainLimit;

  @Option(names = "--test-limit", paramLabel = "N", defaultValue = "0",
      description = "use only the first N test images (0 = all)")
  int testLimit;

  @Option(names = "--out", paramLabel = "DIR", description = "output folder (reports/train/MODEL-DATASET)")
  Path out;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    PrintWriter stdout = spec.commandLine().getOut();
    TrainingJob job;
    int towerCount;
    try {
      job = job();
      towerCount = Towers.resolve(job.buildModel(), job.config()); // an impossible count fails here, with why
    } catch (IllegalArgumentException e) {
      err.println("cnnlab train: " + e.getMessage());
      return 2;
    }
    Path outDir = out != null ? out : Path.of("reports", "train", model.toLowerCase(Locale.ROOT) + "-" + dataset);
    stdout.printf("%s%n%s on %s -> %s%n%d thread(s), %d tower(s); cpu %s; oneDNN %s%n",
        SummaryCommand.header(job.buildModel()), job.config().canonical(), job.dataset().cliName(), outDir,
        job.config().effectiveThreads(), towerCount, io.cnnlab.tf.Cpu.detect().describe(),
        io.cnnlab.tf.OneDnn.status().describe());
    stdout.flush();
    try {
      TrainResult result = job.run(outDir, List.of(ConsoleProgress.onStdout(),
          new CsvMetricsWriter(new RunFolder(outDir).metrics())), FeatureMapPages.FIGURES);
      EpochMetrics last = result.last();
      stdout.printf(Locale.ROOT, "final: train loss %.4f, train acc %.4f, test acc %.4f, %.0f examples/s%n",
          last.trainLoss(), last.trainAccuracy(), last.testAccuracy(), last.examplesPerSecond());
      return 0;
    } catch (MissingDatasetException | CheckpointMismatchException | CheckpointDamagedException e) {
      err.println("cnnlab train: " + e.getMessage());
      return 2;
    } catch (NonFiniteLossException e) {
      err.println("cnnlab train: " + e.getMessage());
      return 3;
    } catch (IOException e) {
      err.println("cnnlab train: " + e.getMessage());
      return 1;
    }
  }

  private TrainingJob job() {
    RunSettings settings = new RunSettings(modelOptions.settings(model), optimizer, lr, schedule, momentum, weightDecay,
        batch, epochs, threads, workers, trainLimit, testLimit, null, null);
    TrainingJob job = settings.job(DatasetId.parse(dataset), dataRoot == null ? Datasets.DEFAULT_ROOT : dataRoot,
        seed != null ? seed : TrainConfig.builder().build().seed());
    if (!deterministic && towers == 0) {
      return job;
    }
    TrainConfig config = job.config().toBuilder().deterministic(deterministic).towers(towers).build();
    return new TrainingJob(job.model(), job.dataset(), job.dataRoot(), job.trainLimit(), job.testLimit(), config,
        job.workers());
  }
}
