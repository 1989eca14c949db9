package io.cnnlab.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import org.tensorflow.proto.ConfigProto;
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
    TrainConfig config = TrainConfig.builder().learningRate(LR).towers(towers).threads(2).build();
    int n = labels.length;
    try (Graph graph = new Graph()) {
      TrainGraph g = TrainGraph.build(graph, model, config);
      assertEquals(towers, g.towers());
      try (Session s = new Session(graph, g.sessionConfig(2));
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
      TrainGraph g = TrainGraph.build(graph, TEXTBOOK, config);
      try (Session s = new Session(graph, g.sessionConfig(1))) {
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
      TrainGraph one = TrainGraph.build(a, TEXTBOOK, TrainConfig.builder().towers(1).seed(7).build());
      TrainGraph two = TrainGraph.build(b, TEXTBOOK, TrainConfig.builder().towers(2).seed(8).build());
      try (Session sa = new Session(a, one.sessionConfig(2));
          Session sb = new Session(b, two.sessionConfig(2));
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
  void automaticTowersFollowThreadsBatchAndModel() {
    Model bn = new LeNet(LeNetConfig.batchNormVariant());
    Model dropout = new LeNet(LeNetConfig.reluMaxVariant().withDropout(0.5f));
    assertEquals(2, Towers.resolve(TEXTBOOK, 0, 2, 256));
    assertEquals(1, Towers.resolve(TEXTBOOK, 0, 1, 256), "one thread: one tower");
    assertEquals(1, Towers.resolve(TEXTBOOK, 0, 2, 32), "slices of 16 are too small");
    assertEquals(4, Towers.resolve(TEXTBOOK, 0, 16, 128), "at least 32 images per slice");
    assertEquals(2, Towers.resolve(bn, 0, 2, 256), "batch norm takes its statistics over all towers");
    assertEquals(1, Towers.resolve(dropout, 0, 2, 256), "dropout: towers only when asked for");
    assertEquals(2, Towers.resolve(dropout, 2, 2, 256), "dropout: the whole batch's mask, split");
    assertEquals(3, Towers.resolve(TEXTBOOK, 3, 1, 8), "an explicit count is taken as given");
    var e = assertThrows(IllegalArgumentException.class, () -> Towers.resolve(new TinyModel(true), 2, 2, 256));
    assertTrue(e.getMessage().contains("tiny-bn cannot be split into towers"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> TrainConfig.builder().towers(-1).build());
  }

  @Test
  void towersThatMakeVariablesOfTheirOwnAreRefused() {
    // TinyModel makes its variables directly, not through Initializers: each tower would get its own.
    Model tiny = new TinyModel(false);
    Model claimsIndependence = new Model() {
      @Override public String name() { return "unshared"; }
      @Override public int inputHeight() { return tiny.inputHeight(); }
      @Override public int inputWidth() { return tiny.inputWidth(); }
      @Override public int inputChannels() { return tiny.inputChannels(); }
      @Override public int classes() { return tiny.classes(); }
      @Override public boolean batchIndependent() { return true; }
      @Override public io.cnnlab.models.ModelOutputs build(Ops tf, org.tensorflow.Operand<TFloat32> images,
          org.tensorflow.Operand<TBool> training, io.cnnlab.nn.StepSeed random) {
        return tiny.build(tf, images, training, random);
      }
    };
    try (Graph graph = new Graph()) {
      TrainConfig config = TrainConfig.builder().towers(2).build();
      var e = assertThrows(IllegalStateException.class, () -> TrainGraph.build(graph, claimsIndependence, config));
      assertTrue(e.getMessage().contains("unshared cannot be split into towers")
          && e.getMessage().contains("tower1/conv_kernel"), e.getMessage());
    }
    try (Graph graph = new Graph()) {
      assertEquals(2, TrainGraph.build(graph, TEXTBOOK, TrainConfig.builder().towers(2).build()).towers(),
          "LeNet's towers share slice 0's variables");
    }
  }

  @Test
  void sessionThreadsAreSharedByTheTowers() {
    assertPools(2, 2, 1, 2);
    assertPools(2, 1, 2, 1);
    assertPools(1, 2, 1, 1); // one thread: the towers run one after the other
    assertPools(16, 4, 4, 4);
  }

  private static void assertPools(int threads, int towers, int intra, int inter) {
    ConfigProto c = Towers.sessionConfig(threads, towers);
    String what = threads + " threads, " + towers + " towers";
    assertEquals(intra, c.getIntraOpParallelismThreads(), what + ": intra-op");
    assertEquals(inter, c.getInterOpParallelismThreads(), what + ": inter-op");
    assertTrue(c.getUsePerSessionThreads(), what + ": pools of its own");
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
