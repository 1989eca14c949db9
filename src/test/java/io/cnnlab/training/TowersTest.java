package io.cnnlab.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cnnlab.graph.ConvFormChoice;
import io.cnnlab.models.LeNet;
import io.cnnlab.models.LeNetConfig;
import io.cnnlab.models.Model;
import io.cnnlab.nn.Initializers;
import io.cnnlab.tf.Tensors;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Data-parallel towers compute what one tower computes: the reference is the same model built once on the
 * whole batch, in the same process, from the same seed.
 */
class TowersTest {
  private static final Model TEXTBOOK = new LeNet(LeNetConfig.textbook());
  private static final float LR = 0.5f;

  /** One training step's loss and logits, and every variable after the step, for one tower count. */
  record Step(float loss, float[] logits, float[] evalLogits, List<float[]> variables, List<String> names) {}

  private static Step step(int towers, float[] images, int[] labels) {
    return step(TEXTBOOK, towers, images, labels);
  }

  static Step step(Model model, int towers, float[] images, int[] labels) {
    return step(model, towers, ConvFormChoice.AUTO, images, labels);
  }

  /** The same with the convolution forms of {@code form}. */
  static Step step(Model model, int towers, ConvFormChoice form, float[] images, int[] labels) {
    TrainConfig config = TrainConfig.builder().learningRate(LR).towers(towers).threads(2).convForm(form).build();
    int n = labels.length;
    try (Graph graph = new Graph()) {
      TrainGraph g = TrainGraphs.build(graph, model, config);
      assertEquals(towers, g.execution().towers());
      try (Session s = new Session(graph, g.execution().sessionConfig());
          TFloat32 x = Tensors.floats(images, n, 28, 28, 1);
          TInt32 y = Tensors.ints(labels, n);
          TBool train = TBool.scalarOf(true);
          TBool eval = TBool.scalarOf(false);
          TFloat32 rate = TFloat32.scalarOf(LR)) {
        s.initialize();
        float loss;
        float[] logits;
        try (Result r = s.runner().feed(g.images(), x).feed(g.labels(), y).feed(g.training(), train)
            .feed(g.learningRate(), rate).addTarget(g.trainStep()).fetch(g.loss())
            .fetch(g.outputs().logits()).run()) {
          loss = Tensors.scalar(r.get(0));
          logits = Tensors.toFloats(r.get(1));
        }
        float[] evalLogits;
        try (Result r = s.runner().feed(g.images(), x).feed(g.training(), eval).fetch(g.outputs().logits()).run()) {
          evalLogits = Tensors.toFloats(r.get(0));
        }
        List<float[]> values = new ArrayList<>();
        List<String> names = new ArrayList<>();
        Session.Runner r = s.runner();
        g.trainable().forEach(v -> {
          r.fetch(v);
          names.add(v.op().name());
        });
        try (Result result = r.run()) {
          for (int i = 0; i < names.size(); i++) {
            values.add(Tensors.toFloats(result.get(i)));
          }
        }
        return new Step(loss, logits, evalLogits, values, names);
      }
    }
  }

  /**
   * {@code actual} took the step {@code expected} took, up to float rounding: the same variables, loss (1e-5
   * relative), logits and evaluation logits after the step (1e-4), every variable (1e-5 of its largest value).
   */
  static void assertSameStep(Step expected, Step actual, String what) {
    assertEquals(expected.names(), actual.names(), "the same variables, " + what);
    assertEquals(expected.loss(), actual.loss(), 1e-5f * Math.max(1f, Math.abs(expected.loss())), "loss, " + what);
    assertArrayEquals(expected.logits(), actual.logits(), 1e-4f, "logits, " + what);
    assertArrayEquals(expected.evalLogits(), actual.evalLogits(), 1e-4f, "evaluation logits after the step, "
        + what);
    for (int i = 0; i < expected.names().size(); i++) {
      float[] a = expected.variables().get(i);
      float scale = 0;
      for (float v : a) {
        scale = Math.max(scale, Math.abs(v));
      }
      assertArrayEquals(a, actual.variables().get(i), 1e-5f * Math.max(1f, scale),
          expected.names().get(i) + " after one step, " + what);
    }
  }

  static float[] randomImages(int n, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    float[] x = new float[n * 28 * 28];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) random.nextDouble();
    }
    return x;
  }

  static int[] randomLabels(int n, long seed) {
    return new SplittableRandom(seed + 1).ints(n, 0, 10).toArray();
  }

  @ParameterizedTest
  @ValueSource(ints = {7, 1, 64})
  void twoAndThreeTowersTrainLikeOneTower(int n) {
    assertTowersTrainLikeOneTower(TEXTBOOK, n);
  }

  /** Dropout in towers draws the whole batch's mask, so each row is masked as in one tower. */
  @ParameterizedTest
  @ValueSource(ints = {7, 64})
  void towersWithDropoutTrainLikeOneTower(int n) {
    assertTowersTrainLikeOneTower(new LeNet(LeNetConfig.reluMaxVariant().withDropout(0.5f)), n);
  }

  private static void assertTowersTrainLikeOneTower(Model model, int n) {
    float[] x = randomImages(n, n);
    int[] y = randomLabels(n, n);
    Step one = step(model, 1, x, y);
    for (int towers : new int[] {2, 3}) {
      Step split = step(model, towers, x, y);
      assertEquals(one.names(), split.names(), "towers must share the one tower's variables, no more");
      assertEquals(one.loss(), split.loss(), 1e-5f * Math.max(1f, Math.abs(one.loss())), "loss, " + towers + " towers");
      assertArrayEquals(one.logits(), split.logits(), 1e-5f, "logits in batch order, " + towers + " towers");
      assertArrayEquals(one.evalLogits(), split.evalLogits(), 1e-4f, "logits after the step, " + towers + " towers");
      for (int i = 0; i < one.names().size(); i++) {
        float[] a = one.variables().get(i);
        float[] b = split.variables().get(i);
        float scale = 0;
        for (float v : a) {
          scale = Math.max(scale, Math.abs(v));
        }
        assertArrayEquals(a, b, 1e-5f * Math.max(1f, scale), one.names().get(i) + " after one step, " + towers
            + " towers");
      }
    }
  }

  @Test
  void theStepMovesTheWeights() {
    // Guards the comparison above: a step that changed nothing would make every tower count agree.
    float[] x = randomImages(16, 3);
    int[] y = randomLabels(16, 3);
    Step two = step(2, x, y);
    TrainConfig config = TrainConfig.builder().towers(1).build();
    try (Graph graph = new Graph()) {
      TrainGraph g = TrainGraphs.build(graph, TEXTBOOK, config);
      try (Session s = new Session(graph, g.execution().sessionConfig())) {
        s.initialize();
        Session.Runner r = s.runner();
        g.trainable().forEach(r::fetch);
        try (Result initial = r.run()) {
          float[] before = Tensors.toFloats(initial.get(0));
          float[] after = two.variables().get(0);
          double moved = 0;
          for (int i = 0; i < before.length; i++) {
            moved = Math.max(moved, Math.abs(before[i] - after[i]));
          }
          assertTrue(moved > 1e-4, "conv1 kernel moved by at most " + moved);
        }
      }
    }
  }

  @Test
  void aCheckpointOfOneTowerRestoresIntoTwo(@TempDir Path dir) {
    float[] x = randomImages(9, 5);
    try (Graph a = new Graph(); Graph b = new Graph()) {
      TrainGraph one = TrainGraphs.build(a, TEXTBOOK, TrainConfig.builder().towers(1).seed(7).build());
      TrainGraph two = TrainGraphs.build(b, TEXTBOOK, TrainConfig.builder().towers(2).seed(8).build());
      try (Session sa = new Session(a, one.execution().sessionConfig());
          Session sb = new Session(b, two.execution().sessionConfig());
          TFloat32 images = Tensors.floats(x, 9, 28, 28, 1);
          TBool eval = TBool.scalarOf(false)) {
        sa.initialize();
        sb.initialize();
        String prefix = dir.resolve("ckpt").toString();
        one.saver().save(sa, prefix);
        two.saver().restore(sb, prefix);
        try (Result ra = sa.runner().feed(one.images(), images).feed(one.training(), eval)
                .fetch(one.outputs().logits()).run();
            Result rb = sb.runner().feed(two.images(), images).feed(two.training(), eval)
                .fetch(two.outputs().logits()).run()) {
          assertArrayEquals(Tensors.toFloats(ra.get(0)), Tensors.toFloats(rb.get(0)), 1e-5f);
        }
      }
    }
  }

  @Test
  void aVariableIsSharedOnlyWithTheSameShape() {
    try (Graph graph = new Graph()) {
      Ops tf = Ops.create(graph);
      var first = Initializers.variable(tf, "conv1", "kernel", Initializers.filled(tf, Shape.of(2, 3), 1f));
      var again = Initializers.variable(tf.withSubScope("tower1"), "conv1", "kernel",
          Initializers.filled(tf, Shape.of(2, 3), 2f));
      assertEquals(first.op().name(), again.op().name());
      var e = assertThrows(IllegalArgumentException.class, () -> Initializers.variable(tf, "conv1", "kernel",
          Initializers.filled(tf, Shape.of(3, 2), 0f)));
      assertTrue(e.getMessage().contains("conv1_kernel") && e.getMessage().contains("[3, 2]"), e.getMessage());
    }
  }
}
