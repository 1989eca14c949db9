package io.cnnlab.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cnnlab.models.AlexNet;
import io.cnnlab.models.AlexNetConfig;
import io.cnnlab.graph.Execution;
import io.cnnlab.models.LeNet;
import io.cnnlab.models.LeNetConfig;
import io.cnnlab.models.Model;
import io.cnnlab.runs.RunFolder;
import io.cnnlab.tf.Tensors;
import io.cnnlab.training.checkpoint.CheckpointStore;
import io.cnnlab.training.optim.OptimizerKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;

/**
 * A run with dropout stopped after epoch 1 and resumed by a new {@link Trainer} (new graph, new session)
 * equals the run never interrupted, bit for bit: metrics, final variables and test predictions. Dropout's
 * masks are keyed by the global step, which the checkpoint holds; a stateful random op would restart its
 * sequence in the new session and replay the masks of the first steps.
 */
class DropoutResumeTest {
  private static final Model LENET = new LeNet(LeNetConfig.reluMaxVariant().withDropout(0.5f));
  // d2l's AlexNet at 1/256 of its parameters (dropout 0.5), fed 28x28 images resized to 112 in the graph.
  private static final Model ALEXNET = new AlexNet(AlexNetConfig.forBudget(Math.round(46_764_746 / 256.0),
      AlexNetConfig.BUDGET_INPUT_SIZE, 1, 10).withImageSize(28));

  @TempDir Path dir;

  private static TrainConfig config(int epochs, int threads, int towers, double lr) {
    return TrainConfig.builder().epochs(epochs).batchSize(32).learningRate(lr).momentum(0.9)
        .optimizer(OptimizerKind.SGD).seed(5).threads(threads).towers(towers).deterministic(true).build();
  }

  private static TrainResult train(Model model, TrainConfig config, Path out, int samples, TrainListener... extra) {
    List<TrainListener> listeners = new java.util.ArrayList<>(List.of(extra));
    listeners.add(0, new CsvMetricsWriter(out.resolve("metrics.csv")));
    return new Trainer(model, config, model + ";squares;n=" + samples).train(
        InMemoryBatchSource.squares(samples, 28, 10, 32, 3, true),
        InMemoryBatchSource.squares(64, 28, 10, 32, 4, false), out, listeners);
  }

  private static final TrainListener CRASH_AFTER_EPOCH_1 = Crashes.afterEpoch(1);

  /** Trains {@code model} straight through and, in another folder, stopped after epoch 1 and resumed. */
  private void assertResumeIsExact(Model model, TrainConfig config, int samples) throws IOException {
    Path straight = dir.resolve("straight");
    Path resumed = dir.resolve("resumed");
    TrainResult reference = train(model, config, straight, samples);
    assertThrows(IllegalStateException.class, () -> train(model, config, resumed, samples, CRASH_AFTER_EPOCH_1));
    TrainResult again = train(model, config, resumed, samples);
    assertEquals(1, again.resumedAfterEpoch());

    assertEquals(config.epochs(), again.history().size());
    for (int i = 0; i < config.epochs(); i++) {
      EpochMetrics a = reference.history().get(i);
      EpochMetrics b = again.history().get(i);
      assertTrue(a.sameResults(b), "epoch " + (i + 1) + ": straight " + a + ", resumed " + b);
    }
    assertEquals(Files.readString(straight.resolve(RunFolder.PREDICTIONS)),
        Files.readString(resumed.resolve(RunFolder.PREDICTIONS)), "test predictions");
    assertArrayEquals(variables(straight, config.epochs()), variables(resumed, config.epochs()), "final variables");
    int steps = (samples + 31) / 32;
    assertEquals((long) steps * config.epochs(), globalStep(model, config, resumed), "steps the checkpoint counted");
  }

  private static byte[] variables(Path run, int epoch) throws IOException {
    Path folder = run.resolve(RunFolder.CHECKPOINT).resolve(String.format("epoch-%04d", epoch));
    try (Stream<Path> files = Files.list(folder)) {
      Path data = files.filter(f -> f.getFileName().toString().startsWith("variables.data-")).findFirst()
          .orElseThrow();
      return Files.readAllBytes(data);
    }
  }

  /** The global step in the run's checkpoint, read back into a new training graph. */
  private static long globalStep(Model model, TrainConfig config, Path run) {
    CheckpointStore.State state = new CheckpointStore(run.resolve(RunFolder.CHECKPOINT)).load().orElseThrow();
    try (Graph graph = new Graph()) {
      TrainGraph g = TrainGraphs.build(graph, model, config);
      try (Session session = new Session(graph)) {
        g.saver().restore(session, state.variablesPrefix().toString());
        return step(session, g);
      }
    }
  }

  @Test
  void leNetWithDropoutResumesExactly() throws IOException {
    assertResumeIsExact(LENET, config(3, 1, 1, 0.1), 160);
  }

  @Test
  void leNetWithDropoutInTwoTowersResumesExactly() throws IOException {
    // Two threads asked for; deterministic mode runs them as one (Execution.threads).
    TrainConfig config = config(3, 2, 2, 0.1);
    Execution execution = TrainGraphs.execution(LENET, config);
    assertEquals(2, execution.towers(), "towers forced on a dropout model");
    assertEquals(1, execution.threads(), "deterministic mode runs one thread");
    assertResumeIsExact(LENET, config, 160);
  }

  @Test
  void theBudgetAlexNetWithDropoutResumesExactly() throws IOException {
    assertResumeIsExact(ALEXNET, config(2, 1, 1, 0.01), 96);
  }

  @Test
  void theGlobalStepAdvancesOncePerTrainingStepAndNotInEvaluation() {
    TrainConfig config = config(1, 1, 1, 0.1);
    var data = InMemoryBatchSource.squares(8, 28, 10, 8, 3, false).first(8);
    try (Graph graph = new Graph()) {
      TrainGraph g = TrainGraphs.build(graph, LENET, config);
      try (Session session = new Session(graph);
          var x = Tensors.floats(data.images(), data.shape());
          var y = Tensors.ints(data.labels(), data.size());
          var lr = org.tensorflow.types.TFloat32.scalarOf(0.1f);
          var train = org.tensorflow.types.TBool.scalarOf(true);
          var eval = org.tensorflow.types.TBool.scalarOf(false)) {
        session.initialize();
        assertEquals(0, step(session, g));
        for (int k = 1; k <= 3; k++) {
          session.runner().feed(g.images(), x).feed(g.labels(), y).feed(g.training(), train)
              .feed(g.learningRate(), lr).addTarget(g.trainStep()).run().close();
          assertEquals(k, step(session, g));
        }
        try (Result r = session.runner().feed(g.images(), x).feed(g.training(), eval)
            .fetch(g.outputs().logits()).run()) {
          assertEquals(3, step(session, g), "evaluation draws nothing and counts no step");
        }
        assertTrue(g.saver().names().contains(g.globalStep().op().name()), "checkpointed with the weights");
        assertFalse(g.trainable().stream().anyMatch(v -> v.op().name().equals(g.globalStep().op().name())));
      }
    }
  }

  private static long step(Session session, TrainGraph g) {
    try (Result r = session.runner().fetch(g.globalStep()).run()) {
      return ((org.tensorflow.types.TInt64) r.get(0)).getLong();
    }
  }
}
