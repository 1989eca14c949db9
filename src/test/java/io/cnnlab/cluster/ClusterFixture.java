package io.cnnlab.cluster;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.cnnlab.experiments.Declaration;
import io.cnnlab.experiments.DeclarationReader;
import io.cnnlab.experiments.Harness;
import io.cnnlab.experiments.HarnessFixture;
import io.cnnlab.experiments.RunExecutor;
import io.cnnlab.experiments.SweepOptions;
import io.cnnlab.experiments.TrainingJob;
import io.cnnlab.graph.Execution;
import io.cnnlab.experiments.tasks.Measurement;
import io.cnnlab.runs.ReportRenderer;
import io.cnnlab.runs.RunLock;
import io.cnnlab.training.TrainListener;
import io.cnnlab.training.TrainResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Tiny declarations on temporary folders (a fake Fashion-MNIST install of empty files with the right names), a
 * training double that reports each epoch like the trainer with a test accuracy set by the run's variant and seed,
 * and a measurement double: enough to run a sweep locally and as cluster tasks and compare.
 */
final class ClusterFixture {
  static final String POOL = """
      id: pool
      title: Pooling
      kind: train
      dataset: fashion-mnist
      defaults:
        model: {type: lenet}
        epochs: 2
        trainLimit: 1000
        testLimit: 300
      variants:
        - {name: avg}
        - {name: max, model: {pool: max}}
      seeds: [1, 2]
      reference: {source: d2l, metric: test_accuracy, low: 0.78, high: 0.83, variant: avg}
      """;

  final Path root;
  final Path declarations;
  final Path dataRoot;
  final RunExecutor executor = mock(RunExecutor.class);
  final ReportRenderer renderer = mock(ReportRenderer.class);
  final ByteArrayOutputStream console = new ByteArrayOutputStream();
  /** Called inside every training double with its run folder, while it runs. */
  Consumer<Path> duringTraining = dir -> {};

  ClusterFixture(Path tmp) throws IOException {
    root = tmp;
    declarations = Files.createDirectories(tmp.resolve("reproductions"));
    dataRoot = tmp.resolve("datasets");
    Path fmnist = Files.createDirectories(dataRoot.resolve("fashion-mnist"));
    for (String f : List.of("train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte",
        "t10k-labels-idx1-ubyte")) {
      Files.createFile(fmnist.resolve(f));
    }
    Files.writeString(declarations.resolve("pool.yaml"), POOL);
    Files.writeString(declarations.resolve("shapes.yaml"), HarnessFixture.SHAPES);
    when(executor.trainingSpeed(any())).thenReturn(1000.0);
    HarnessFixture.resolvesExecutions(executor);
    doAnswer(inv -> train(inv.getArgument(0), inv.getArgument(1), inv.getArgument(2), inv.getArgument(3)))
        .when(executor).train(any(), any(), any(), any());
    when(executor.measure(any(), any())).thenReturn(new Measurement(Map.of("mismatches", 0.0), List.of()));
  }

  /** The run's accuracy: a function of its folder name only, as a deterministic trainer's would be. */
  static double accuracy(String run) {
    return (run.startsWith("max") ? 0.85 : 0.80) + (run.endsWith("seed2") ? 0.01 : 0.0);
  }

  private TrainResult train(TrainingJob job, Execution execution, Path dir, List<TrainListener> listeners) {
    duringTraining.accept(dir);
    return HarnessFixture.fakeTraining(job, execution, dir, listeners, accuracy(dir.getFileName().toString()));
  }

  List<Declaration> declared() throws IOException {
    return DeclarationReader.readAll(declarations);
  }

  SweepOptions options(Path reports) {
    return new SweepOptions(reports, dataRoot, false, null, false, "cpu");
  }

  Harness harness(RunExecutor with) {
    return new Harness(with, renderer, () -> HarnessFixture.ENVIRONMENT, HarnessFixture.WRITER,
        new PrintStream(console, true, StandardCharsets.UTF_8), false);
  }

  /** A task of job {@code job} on host {@code host}, with every process alive. */
  PlanTask task(String host, String job) {
    RunLock.Holder me = new RunLock.Holder(host, job, ProcessHandle.current().pid(), Instant.now());
    return new PlanTask(harness(executor), new PrintStream(console, true, StandardCharsets.UTF_8),
        new RunLock.Writer(me, Duration.ofMinutes(10), pid -> true));
  }

  String console() {
    return console.toString(StandardCharsets.UTF_8);
  }
}
