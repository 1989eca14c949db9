package io.cnnlab.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cnnlab.data.loading.Batch;
import io.cnnlab.tf.Sessions;
import io.cnnlab.tf.Tensors;
import io.cnnlab.training.optim.OptimizerKind;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/** Single training steps of {@link TrainGraph} on one fixed batch. */
class TrainStepTest {
  private static final Batch BATCH = InMemoryBatchSource.bars(30, 30, 7, false).first(30);

  /** Feeds {@link #BATCH} in training mode at rate {@code lr} and runs {@code body} on the runner. */
  private static <T> T run(Session s, TrainGraph g, double lr, Function<Session.Runner, T> body) {
    try (TFloat32 x = Tensors.floats(BATCH.images(), BATCH.shape());
        TInt32 y = Tensors.ints(BATCH.labels(), BATCH.size());
        TBool flag = TBool.scalarOf(true);
        TFloat32 rate = TFloat32.scalarOf((float) lr)) {
      return body.apply(s.runner().feed(g.images(), x).feed(g.labels(), y).feed(g.training(), flag)
          .feed(g.learningRate(), rate));
    }
  }

  private static float loss(Session s, TrainGraph g) {
    return run(s, g, 0, r -> {
      try (Result result = r.fetch(g.loss()).run()) {
        return Tensors.scalar(result.get(0));
      }
    });
  }

  private static void step(Session s, TrainGraph g, double lr) {
    run(s, g, lr, r -> {
      r.addTarget(g.trainStep()).run().close();
      return null;
    });
  }

  private static List<float[]> values(Session s, List<Variable<TFloat32>> vars) {
    Session.Runner r = s.runner();
    vars.forEach(r::fetch);
    List<float[]> out = new ArrayList<>();
    try (Result result = r.run()) {
      for (int i = 0; i < vars.size(); i++) {
        out.add(Tensors.toFloats(result.get(i)));
      }
    }
    return out;
  }

  @ParameterizedTest
  @EnumSource(OptimizerKind.class)
  void oneStepLowersTheLossOnAFixedBatch(OptimizerKind kind) {
    double lr = kind == OptimizerKind.ADAM ? 0.01 : 0.1;
    TrainConfig config = TrainConfig.builder().optimizer(kind).learningRate(lr).deterministic(true).build();
    try (Graph graph = new Graph()) {
      TrainGraph g = TrainGraphs.build(graph, new TinyModel(true), config);
      try (Session s = Sessions.open(graph, 1)) {
        s.initialize();
        float before = loss(s, g);
        step(s, g, lr);
        float after = loss(s, g);
        assertTrue(after < before, kind + ": loss went from " + before + " to " + after);
      }
    }
  }

  @Test
  void theOptimizerTrainsWeightsButNotMovingAverages() {
    TrainConfig config = TrainConfig.builder().learningRate(0.1).build();
    try (Graph graph = new Graph()) {
      TrainGraph g = TrainGraphs.build(graph, new TinyModel(true), config);
      assertEquals(List.of("conv1_kernel", "conv1_bias", "bn1_gamma", "bn1_beta", "dense1_kernel", "dense1_bias"),
          g.trainable().stream().map(v -> v.op().name()).toList());
      try (Session s = Sessions.open(graph, 1)) {
        s.initialize();
        // The update sets moving = 0.9 * 0 + 0.1 * (per-channel mean of the convolution's output over N, H, W).
        float[] conv = run(s, g, 0, r -> {
          try (Result result = r.fetch(g.outputs().taps().get(0).output()).run()) {
            return Tensors.toFloats(result.get(0));
          }
        });
        double[] mean = new double[2];
        for (int i = 0; i < conv.length; i++) {
          mean[i % 2] += conv[i] / (conv.length / 2.0);
        }
        step(s, g, 0.1);
        try (Result result = s.runner().fetch("bn1_moving_mean").run()) {
          float[] moving = Tensors.toFloats(result.get(0));
          assertEquals(0.1 * mean[0], moving[0], 1e-6);
          assertEquals(0.1 * mean[1], moving[1], 1e-6);
        }
      }
    }
  }

  /** One SGD step from the same start, with and without weight decay: the step differs by {@code lr * wd * w}. */
  @Test
  void weightDecayAddsWdTimesWToTheGradientOfDecayedWeightsOnly() {
    double lr = 0.5;
    double wd = 0.1;
    List<float[]> start = null;
    List<List<float[]>> after = new ArrayList<>();
    List<String> names = null;
    for (double decay : new double[] {0, wd}) {
      TrainConfig config = TrainConfig.builder().learningRate(lr).weightDecay(decay).build();
      try (Graph graph = new Graph()) {
        TrainGraph g = TrainGraphs.build(graph, new TinyModel(false), config);
        names = g.trainable().stream().map(v -> v.op().name()).toList();
        try (Session s = Sessions.open(graph, 1)) {
          s.initialize();
          start = values(s, g.trainable());
          step(s, g, lr);
          after.add(values(s, g.trainable()));
        }
      }
    }
    for (int v = 0; v < names.size(); v++) {
      float[] w0 = start.get(v);
      float[] plain = after.get(0).get(v);
      float[] decayed = after.get(1).get(v);
      boolean isDecayed = names.get(v).endsWith("kernel");
      if (!isDecayed) {
        assertArrayEquals(plain, decayed, names.get(v) + " is not decayed");
        continue;
      }
      for (int i = 0; i < w0.length; i++) {
        assertEquals(lr * wd * w0[i], plain[i] - decayed[i], 1e-6, names.get(v) + "[" + i + "]");
      }
    }
  }

  @Test
  void throughputIsMeasuredOverTheTimedSteps() {
    TrainConfig config = TrainConfig.builder().batchSize(32).learningRate(0.01).build();
    Throughput t = Trainer.measureThroughput(new TinyModel(true), config,
        TrainGraphs.execution(new TinyModel(true), config), 5);
    assertEquals("tiny-bn", t.model());
    assertEquals(32, t.batchSize());
    assertEquals(5, t.steps());
    assertTrue(t.examplesPerSecond() > 0 && t.medianStepMillis() > 0, t.toString());
    // The median step cannot exceed the summed step time the rate was computed from.
    double totalMillis = 1000.0 * 32 * 5 / t.examplesPerSecond();
    assertTrue(t.medianStepMillis() <= totalMillis + 1e-9, t.toString());
    System.out.println("throughput of the tiny test model: " + t);
  }

  @Test
  void aTensorOfTheWrongShapeIsNamedInTheError() {
    Batch wrong = new Batch(new float[2 * 5 * 5], new int[] {0, 1}, 2, 5, 5, 1);
    var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> Trainer.checkBatch(wrong, new TinyModel(false), 64, "training"));
    assertEquals("a training batch holds 5x5x1 images but model tiny takes 6x6x1", e.getMessage());
    Batch badLabel = new Batch(new float[6 * 6], new int[] {3}, 1, 6, 6, 1);
    e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> Trainer.checkBatch(badLabel, new TinyModel(false), 64, "test"));
    assertEquals("a test batch has label 3 but model tiny has classes 0 to 2", e.getMessage());
  }

}
