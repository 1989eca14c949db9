package io.cnnlab.experiments;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.cnnlab.graph.Execution;
import io.cnnlab.graph.TestMachines;
import io.cnnlab.runs.ReportRenderer;
import io.cnnlab.runs.RunLock;
import io.cnnlab.runs.RunEnvironment;
import io.cnnlab.training.EpochMetrics;
import io.cnnlab.training.TrainListener;
import io.cnnlab.training.TrainResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.mockito.invocation.InvocationOnMock;

/**
 * A harness on temporary folders with the trainer replaced by a Mockito double: a fake Fashion-MNIST install
 * (empty files with the right names), declarations written as YAML, and a training double that reports each
 * epoch to the listeners like the real trainer, with a test accuracy chosen per run folder.
 */
public final class HarnessFixture {
  /** Two variants x two seeds, two epochs of 1000 samples, tested on 300; textbook band on the avg variant. */
  static final String POOL = """
      id: pool
      title: Pooling
      kind: train
      dataset: fashion-mnist
      defaults:
        model: {type: lenet}
        learningRate: 0.9
        batchSize: 100
        epochs: 2
        trainLimit: 1000
        testLimit: 300
      variants:
        - {name: avg}
        - {name: max, model: {pool: max}}
      seeds: [1, 2]
      reference: {source: d2l, metric: test_accuracy, low: 0.78, high: 0.83, variant: avg}
      render: [overlay]
      """;

  /** A data set this fixture does not install. */
  static final String DIGITS = """
      id: digits
      title: Digits
      kind: train
      dataset: mnist
      defaults: {model: {type: lenet}, epochs: 1}
      """;

  /** A measurement kind with an exact expectation. */
  public static final String SHAPES = """
      id: shapes
      title: Shapes
      kind: conv-shapes
      reference: {source: formulas, metric: mismatches, low: 0, high: 0}
      """;

  public static final RunEnvironment ENVIRONMENT = new RunEnvironment("17", "1.1.0", "2.18.0", "test", "unknown",
      "test cpu", java.util.List.of("AVX2"), "on (test)", 2, "cpu");

  /** This process as a writer of run folders, on a made-up host, judging other holders alive. */
  public static final RunLock.Writer WRITER = new RunLock.Writer(new RunLock.Holder("test-host", RunLock.LOCAL,
      ProcessHandle.current().pid(), java.time.Instant.EPOCH), java.time.Duration.ofMinutes(10), pid -> true);

  final Path declarations;
  final Path dataRoot;
  final Path reports;
  final RunExecutor executor = mock(RunExecutor.class);
  final ReportRenderer renderer = mock(ReportRenderer.class);
  final ByteArrayOutputStream console = new ByteArrayOutputStream();
  final Harness harness;

  HarnessFixture(Path tmp) throws IOException {
    declarations = Files.createDirectories(tmp.resolve("reproductions"));
    dataRoot = tmp.resolve("datasets");
    reports = tmp.resolve("reports");
    Path fmnist = Files.createDirectories(dataRoot.resolve("fashion-mnist"));
    for (String f : List.of("train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte",
        "t10k-labels-idx1-ubyte")) {
      Files.createFile(fmnist.resolve(f));
    }
    when(executor.trainingSpeed(any())).thenReturn(1000.0);
    resolvesExecutions(executor);
    trainsTo(run -> run.startsWith("max") ? 0.9 : 0.8);
    harness = new Harness(executor, renderer, () -> ENVIRONMENT, WRITER,
        new PrintStream(console, true, StandardCharsets.UTF_8), false);
  }

  /** Makes the training double end every run with the test accuracy {@code accuracy(runFolderName)}. */
  void trainsTo(ToDoubleFunction<String> accuracy) throws IOException {
    doAnswer(inv -> fakeTraining(inv, accuracy)).when(executor).train(any(), any(), any(), any());
  }

  /** Makes the executor double resolve every job's execution on a made-up 2-core CPU, as the real one would. */
  public static void resolvesExecutions(RunExecutor executor) {
    when(executor.execution(any())).thenAnswer(inv -> ((TrainingJob) inv.getArgument(0))
        .execution(TestMachines.cpu()));
  }

  /**
   * {@code real}, each training run first handing {@code before} a copy of its listeners, to add to (a listener that
   * stops the run) or to hold the run still; everything else goes to {@code real} as it is.
   */
  public static RunExecutor beforeTraining(RunExecutor real, java.util.function.Consumer<List<TrainListener>> before) {
    return new RunExecutor() {
      @Override
      public Execution execution(TrainingJob job) {
        return real.execution(job);
      }

      @Override
      public TrainResult train(TrainingJob job, Execution execution, Path dir, List<TrainListener> listeners)
          throws IOException {
        List<TrainListener> all = new ArrayList<>(listeners);
        before.accept(all);
        return real.train(job, execution, dir, all);
      }

      @Override
      public io.cnnlab.experiments.tasks.Measurement measure(PlannedRun run, Path dataRoot) throws IOException {
        return real.measure(run, dataRoot);
      }

      @Override
      public double trainingSpeed(TrainingJob job) {
        return real.trainingSpeed(job);
      }
    };
  }

  /** Reports every epoch to the listeners as the trainer does and returns the result. */
  static TrainResult fakeTraining(InvocationOnMock inv, ToDoubleFunction<String> accuracy) {
    TrainingJob job = inv.getArgument(0);
    Execution execution = inv.getArgument(1);
    Path dir = inv.getArgument(2);
    List<TrainListener> listeners = inv.getArgument(3);
    return fakeTraining(job, execution, dir, listeners, accuracy.applyAsDouble(dir.getFileName().toString()));
  }

  /**
   * A training run of {@code job} into {@code dir} as the trainer reports it, every epoch at test accuracy
   * {@code acc} (the cluster tests' executor uses it too).
   */
  public static TrainResult fakeTraining(TrainingJob job, Execution execution, Path dir,
      List<TrainListener> listeners, double acc) {
    int epochs = job.config().epochs();
    listeners.forEach(l -> l.onStart(new TrainListener.RunStart(epochs, 1, 10, 1000, List.of())));
    List<EpochMetrics> history = new ArrayList<>();
    for (int e = 1; e <= epochs; e++) {
      EpochMetrics m = new EpochMetrics(e, new EpochMetrics.Pass(1.0 / e, acc), new EpochMetrics.Pass(0.5, acc),
          new EpochMetrics.Timing(1000, 1.5, 0.01, 0.02, 1.0, 0.2, 0.1), 0.9);
      history.add(m);
      listeners.forEach(l -> l.onEpochEnd(m));
    }
    return new TrainResult(history, 0, dir, dir.resolve("predictions.csv"), "hash", execution);
  }

  /** Writes a declaration file named after its id. */
  void declare(String yaml) throws IOException {
    String id = yaml.lines().filter(l -> l.startsWith("id: ")).findFirst().orElseThrow().substring(4).trim();
    Files.writeString(declarations.resolve(id + ".yaml"), yaml);
  }

  SweepOptions options(boolean force) {
    return new SweepOptions(reports, dataRoot, false, null, force, "cpu");
  }

  /** Plans every declaration. */
  SweepPlan plan(boolean force) throws IOException {
    return harness.plan(DeclarationReader.readAll(declarations), options(force));
  }

  /** Plans and runs every declaration. */
  Harness.SweepResult sweep(boolean force) throws IOException {
    return harness.run(plan(force));
  }

  String console() {
    return console.toString(StandardCharsets.UTF_8);
  }
}
