package io.cnnlab.cli;

import io.cnnlab.data.DatasetId;
import io.cnnlab.data.Datasets;
import io.cnnlab.data.MissingDatasetException;
import io.cnnlab.experiments.EnvironmentProbe;
import io.cnnlab.experiments.RunSettings;
import io.cnnlab.experiments.SingleRun;
import io.cnnlab.experiments.TrainingJob;
import io.cnnlab.graph.Execution;
import io.cnnlab.graph.Machine;
import io.cnnlab.reports.figures.FeatureMapPages;
import io.cnnlab.runs.RunLock;
import io.cnnlab.training.ConsoleProgress;
import io.cnnlab.training.EpochMetrics;
import io.cnnlab.training.NonFiniteLossException;
import io.cnnlab.training.TrainConfig;
import io.cnnlab.training.TrainListener;
import io.cnnlab.training.TrainResult;
import io.cnnlab.training.tensorboard.TensorBoardWriter;
import io.cnnlab.training.checkpoint.CheckpointDamagedException;
import io.cnnlab.training.checkpoint.CheckpointMismatchException;
import io.cnnlab.training.optim.ScheduleSyntax;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
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
        + " average pooling, " + TrainConfig.DEFAULT_OPTIMIZER + " learning rate " + TrainConfig.DEFAULT_LEARNING_RATE
        + ", batch size " + TrainConfig.DEFAULT_BATCH_SIZE + ", " + TrainConfig.DEFAULT_EPOCHS + " epochs). Writes"
        + " the run folder the harness writes: OUT/manifest.json (configuration and its hash, environment, the"
        + " execution asked for and resolved), OUT/metrics.csv, OUT/predictions.csv, OUT/features/,"
        + " OUT/tensorboard/ (TensorBoard's event files) and a checkpoint per epoch; run the same command again to"
        + " resume after the last completed epoch (each process that trained the run is one of the manifest's"
        + " attempts). The options are the settings of a declaration (reproductions/README.md) in kebab case:"
        + " learningRate is --learning-rate. Exit status: 0; 1 for an I/O error; 2 for bad settings, missing data or"
        + " a checkpoint of other settings; 3 when the loss is not finite; 4 when another process writes OUT (it holds"
        + " OUT's lock, .OUT.lock beside it, which the message names).")
public final class TrainCommand implements Callable<Integer> {
  /** Exit status when another live process holds the run folder's lock. */
  static final int LOCKED = 4;

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

  // The run settings: defaults are TrainConfig's constants, shown through ${DEFAULT-VALUE}; each option's name is
  // RunSettings.option(component) (TrainSettingsTest checks it), with the earlier names as aliases.
  @Option(names = "--epochs", paramLabel = "N", defaultValue = "" + TrainConfig.DEFAULT_EPOCHS,
      description = "epochs (${DEFAULT-VALUE})")
  int epochs;

  @Option(names = "--batch-size", paramLabel = "N", defaultValue = "" + TrainConfig.DEFAULT_BATCH_SIZE,
      description = "batch size (${DEFAULT-VALUE}; --batch still works)")
  int batchSize;

  @Option(names = "--learning-rate", paramLabel = "RATE", defaultValue = "" + TrainConfig.DEFAULT_LEARNING_RATE,
      description = "base learning rate (${DEFAULT-VALUE}; --lr still works)")
  double learningRate;

  // The earlier names, kept out of the help so that it shows one name per setting (separate fields: picocli
  // would put the default back into a shared one).
  @Option(names = "--batch", hidden = true)
  Integer batchAlias;

  @Option(names = "--lr", hidden = true)
  Double learningRateAlias;

  @Option(names = "--optimizer", paramLabel = "NAME", defaultValue = TrainConfig.DEFAULT_OPTIMIZER,
      description = "sgd, momentum, nesterov or adam (${DEFAULT-VALUE})")
  String optimizer;

  @Option(names = "--momentum", paramLabel = "M", defaultValue = "" + TrainConfig.DEFAULT_MOMENTUM,
      description = "momentum for momentum and nesterov (${DEFAULT-VALUE})")
  double momentum;

  @Option(names = "--weight-decay", paramLabel = "WD", defaultValue = "" + TrainConfig.DEFAULT_WEIGHT_DECAY,
      description = "coupled L2 weight decay on kernels (${DEFAULT-VALUE})")
  double weightDecay;

  @Option(names = "--schedule", paramLabel = "SPEC", defaultValue = TrainConfig.DEFAULT_SCHEDULE,
      description = "learning-rate schedule: " + ScheduleSyntax.FORMS + " (${DEFAULT-VALUE})")
  String schedule;

  @Option(names = "--seed", paramLabel = "N", defaultValue = "" + TrainConfig.DEFAULT_SEED,
      description = "seed of initialization, dropout and shuffling (${DEFAULT-VALUE})")
  long seed;

  @Option(names = "--threads", paramLabel = "N", description = "TensorFlow threads (default: all cores)")
  Integer threads;

  @Option(names = "--towers", paramLabel = "N", defaultValue = "0",
      description = "data-parallel towers a batch is split into, side by side on the threads (${DEFAULT-VALUE} ="
          + " automatic: one per thread on a CPU for models without dropout; with dropout N > 1 draws the whole batch's mask"
          + " and splits it)")
  int towers;

  @Option(names = "--workers", paramLabel = "N", defaultValue = "" + RunSettings.DEFAULT_WORKERS,
      description = "data-loader threads preparing batches ahead (${DEFAULT-VALUE}; 0 = synchronous)")
  int workers;

  @Option(names = "--deterministic",
      description = "one thread, the plain convolution forms and fixed seeds: two runs give identical metrics")
  boolean deterministic;

  @Option(names = "--conv-form", paramLabel = "auto|plain", defaultValue = "auto",
      description = "convolution forms: auto, the fastest measured on this machine (on x86-64 with oneDNN blocked"
          + " LeNet stages, AlexNet's wide convolutions as a gather and a product; elsewhere the plain ops), or plain,"
          + " TensorFlow's own NHWC ops"
          + " (${DEFAULT-VALUE})")
  String convForm;

  @Option(names = "--train-limit", paramLabel = "N", defaultValue = "0",
      description = "use only the first N training images (${DEFAULT-VALUE} = all)")
  int trainLimit;

  @Option(names = "--test-limit", paramLabel = "N", defaultValue = "0",
      description = "use only the first N test images (${DEFAULT-VALUE} = all)")
  int testLimit;

  @Option(names = "--out", paramLabel = "DIR", description = "output folder (reports/train/MODEL-DATASET)")
  Path out;

  @Option(names = "--no-tensorboard", description = "write no TensorBoard event files into OUT/tensorboard")
  boolean noTensorBoard;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    PrintWriter stdout = spec.commandLine().getOut();
    RunSettings settings;
    TrainingJob job;
    Machine machine;
    Execution execution;
    try {
      settings = settings();
      job = job(settings);
      machine = Machine.detect();
      execution = job.execution(machine); // a request this machine cannot meet fails here, with why
    } catch (IllegalArgumentException e) {
      err.println("cnnlab train: " + RunSettings.asOption(e.getMessage()));
      return 2;
    }
    Path outDir = out != null ? out : Path.of("reports", "train", model.toLowerCase(Locale.ROOT) + "-" + dataset);
    stdout.printf("%s%n%s on %s -> %s%nmachine: %s%nexecution: %s%n", SummaryCommand.header(job.buildModel()),
        job.config().canonical(), job.dataset().cliName(), outDir, machine.describe(), execution.describe());
    stdout.flush();
    try {
      List<TrainListener> listeners = new ArrayList<>(List.of(ConsoleProgress.onStdout()));
      if (!noTensorBoard) {
        listeners.add(TensorBoardWriter.inRun(outDir));
      }
      TrainResult result = SingleRun.train(settings, job, execution, EnvironmentProbe.detect(machine),
          RunLock.Writer.thisProcess(System.getenv(), RunLock.DEFAULT_STALE), outDir, listeners,
          FeatureMapPages.FIGURES);
      EpochMetrics last = result.last();
      stdout.printf(Locale.ROOT, "final: train loss %.4f, train acc %.4f, test acc %.4f, %.0f examples/s%n",
          last.train().loss(), last.train().accuracy(), last.test().accuracy(), last.timing().examplesPerSecond());
      return 0;
    } catch (MissingDatasetException | CheckpointMismatchException | CheckpointDamagedException e) {
      err.println("cnnlab train: " + e.getMessage());
      return 2;
    } catch (NonFiniteLossException e) {
      err.println("cnnlab train: " + e.getMessage());
      return 3;
    } catch (RunLock.Refused e) {
      err.println("cnnlab train: " + outDir + " is being written by another process; not run: " + e.getMessage());
      return LOCKED;
    } catch (IOException e) {
      err.println("cnnlab train: " + e.getMessage());
      return 1;
    }
  }

  /** The run settings the options give: the same record a declaration's variant reads into. */
  RunSettings settings() {
    return new RunSettings(modelOptions.settings(model), optimizer,
        learningRateAlias != null ? learningRateAlias : learningRate, schedule, momentum, weightDecay,
        batchAlias != null ? batchAlias : batchSize, epochs, threads, towers, deterministic, convForm, workers,
        trainLimit, testLimit, null, null);
  }

  /** The job the settings build: validated and mapped by {@link RunSettings#job}, as for a declaration. */
  TrainingJob job(RunSettings settings) {
    return settings.job(DatasetId.parse(dataset), dataRoot == null ? Datasets.DEFAULT_ROOT : dataRoot, seed);
  }
}
