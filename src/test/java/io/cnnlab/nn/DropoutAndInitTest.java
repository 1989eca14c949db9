package io.cnnlab.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cnnlab.tf.Tensors;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

class DropoutAndInitTest {
  private static final int SIZE = 20_000;

  /**
   * Runs dropout {@code name} of {@code rate} on ones once per entry of {@code steps}, feeding that global
   * step, in one new graph and session; returns each run's output.
   */
  private static float[][] dropoutRuns(float rate, boolean training, long seed, String name, long... steps) {
    float[] ones = new float[SIZE];
    Arrays.fill(ones, 1f);
    try (Graph g = new Graph(); Session session = new Session(g); TBool flag = TBool.scalarOf(training);
        TFloat32 x = Tensors.floats(ones, 4, SIZE / 4)) {
      Ops tf = Ops.create(g);
      Placeholder<TFloat32> in = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, SIZE / 4)));
      Placeholder<TBool> t = tf.placeholder(TBool.class, Placeholder.shape(Shape.scalar()));
      Placeholder<TInt64> step = tf.placeholder(TInt64.class, Placeholder.shape(Shape.scalar()));
      StepSeed random = StepSeed.of(seed, step);
      Operand<TFloat32> y = Dropout.apply(tf, name, in, rate, t, random);
      float[][] out = new float[steps.length][];
      for (int s = 0; s < steps.length; s++) {
        try (TInt64 k = TInt64.scalarOf(steps[s]);
            Result r = session.runner().feed(in, x).feed(t, flag).feed(step, k).fetch(y).run()) {
          out[s] = Tensors.toFloats(r.get(0));
        }
      }
      return out;
    }
  }

  private static float[] mask(long seed, String name, long step) {
    return dropoutRuns(0.5f, true, seed, name, step)[0];
  }

  @Test
  void dropoutIsTheIdentityInEvaluation() {
    for (float v : dropoutRuns(0.5f, false, 1, "dropout1", 0)[0]) {
      assertEquals(1f, v);
    }
  }

  @Test
  void dropoutInTrainingKeepsTheExpectedFractionScaledUp() {
    for (float rate : new float[] {0.5f, 0.2f}) {
      float[] y = dropoutRuns(rate, true, 1, "dropout1", 0)[0];
      int kept = 0;
      for (float v : y) {
        if (v != 0f) {
          kept++;
          assertEquals(1f / (1f - rate), v, 1e-6f, "kept values are scaled by 1/(1 - rate)");
        }
      }
      // Binomial standard deviation at 20,000 draws is <= 0.0036: 0.02 is more than 5 of them.
      assertEquals(1 - rate, kept / (double) SIZE, 0.02, "kept fraction at rate " + rate);
    }
  }

  @Test
  void theMaskDependsOnlyOnSeedStepAndName() {
    float[][] steps = dropoutRuns(0.5f, true, 7, "dropout1", 0, 1, 2, 1);
    assertFalse(Arrays.equals(steps[0], steps[1]), "a new mask every step");
    assertFalse(Arrays.equals(steps[1], steps[2]), "a new mask every step");
    assertArrayEquals(steps[1], steps[3], "step 1 again in the same session: the same mask");
    // Another graph and session (a resumed run) at step 1: the mask of step 1, not that of a restarted sequence.
    assertArrayEquals(steps[1], mask(7, "dropout1", 1));
    assertFalse(Arrays.equals(steps[1], mask(8, "dropout1", 1)), "another seed, another mask");
    assertFalse(Arrays.equals(steps[1], mask(7, "dropout2", 1)), "another layer, another mask");
  }

  @Test
  void slicesOfABatchAreMaskedAsTheWholeBatch() {
    // 7 rows as slices of 3, 3 and 1 padding-free rows, and as 4 + 4 with one padding row at the end.
    float[] values = new float[8 * 50];
    for (int i = 0; i < values.length; i++) {
      values[i] = 1f + i % 13;
    }
    float[] whole = maskedRows(values, 7, new int[] {7});
    for (int[] sizes : new int[][] {{3, 3, 1}, {4, 4}}) {
      float[] split = maskedRows(values, 7, sizes);
      assertArrayEquals(whole, Arrays.copyOf(split, whole.length), "slices " + Arrays.toString(sizes));
    }
    assertFalse(Arrays.equals(Arrays.copyOfRange(whole, 0, 150), Arrays.copyOfRange(whole, 150, 300)),
        "the second slice is not masked like the first");
  }

  /** Dropout of {@code rows} rows of 50 values in slices of {@code sizes} rows, joined back ({@code >= rows}). */
  private static float[] maskedRows(float[] values, int rows, int[] sizes) {
    try (Graph g = new Graph(); Session session = new Session(g)) {
      Ops tf = Ops.create(g);
      Operand<TBool> t = tf.constant(true);
      List<Ops> scopes = new java.util.ArrayList<>();
      List<Operand<TFloat32>> slices = new java.util.ArrayList<>();
      int from = 0;
      for (int i = 0; i < sizes.length; i++) {
        scopes.add(i == 0 ? tf : tf.withSubScope("tower" + i));
        slices.add(tf.constant(Shape.of(sizes[i], 50),
            org.tensorflow.ndarray.buffer.DataBuffers.of(Arrays.copyOfRange(values, from * 50, (from + sizes[i]) * 50))));
        from += sizes[i];
      }
      StepSeed random = StepSeed.of(5, tf.constant(3L));
      List<Operand<TFloat32>> out = sizes.length == 1
          ? List.of(Dropout.apply(tf, "dropout1", slices.get(0), 0.5f, t, random))
          : Dropout.apply(scopes, "dropout1", slices, 0.5f, t, random);
      try (Result r = session.runner().fetch(out.size() == 1 ? out.get(0) : tf.concat(out, tf.constant(0))).run()) {
        return Tensors.toFloats(r.get(0));
      }
    }
  }

  @Test
  void theGradientIsTheMaskScaledUpInTrainingAndOneInEvaluation() {
    float rate = 0.25f;
    for (boolean training : new boolean[] {true, false}) {
      try (Graph g = new Graph(); Session session = new Session(g); TBool flag = TBool.scalarOf(training);
          TFloat32 x = Tensors.floats(new float[] {0.5f, -2f, 3f, 1f, 4f, -1f, 2f, 0.25f}, 2, 4)) {
        Ops tf = Ops.create(g);
        Placeholder<TFloat32> in = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 4)));
        Placeholder<TBool> t = tf.placeholder(TBool.class, Placeholder.shape(Shape.scalar()));
        Operand<TFloat32> y = Dropout.apply(tf, "dropout1", in, rate, t, StepSeed.fixed(3));
        // d sum(y) / dx: y = x * keep / (1 - rate) in training, so the gradient is keep / (1 - rate) = y / x.
        Operand<TFloat32> dx = tf.gradients(tf.reduceSum(y, tf.constant(new int[] {0, 1})), List.of(in)).dy(0);
        try (Result r = session.runner().feed(in, x).feed(t, flag).fetch(y).fetch(dx).run()) {
          float[] out = Tensors.toFloats(r.get(0));
          float[] grad = Tensors.toFloats(r.get(1));
          float[] xs = Tensors.toFloats(x);
          for (int i = 0; i < xs.length; i++) {
            float expected = training ? out[i] / xs[i] : 1f;
            assertEquals(expected, grad[i], 1e-6f, "element " + i + ", training " + training);
            assertTrue(grad[i] == 0f || Math.abs(grad[i] - (training ? 1f / (1f - rate) : 1f)) < 1e-6f);
          }
        }
      }
    }
  }

  private static float[] xavier(long seed, String name) {
    try (Graph g = new Graph(); Session session = new Session(g)) {
      Ops tf = Ops.create(g);
      var v = Initializers.xavierVariable(tf, "fc", name, Shape.of(50, 40), 50, 40, seed);
      session.initialize();
      try (Result r = session.runner().fetch(v).run()) {
        return Tensors.toFloats(r.get(0));
      }
    }
  }

  @Test
  void xavierUniformHasTheGlorotRangeAndVariance() {
    float[] w = xavier(3, "kernel");
    double limit = Math.sqrt(6.0 / 90);
    double sum = 0;
    double sq = 0;
    for (float v : w) {
      assertTrue(Math.abs(v) <= limit, v + " outside +-" + limit);
      sum += v;
      sq += v * v;
    }
    double mean = sum / w.length;
    double variance = sq / w.length - mean * mean;
    // U(-a, a) has variance a^2 / 3 = 2 / (fanIn + fanOut); 2,000 draws estimate it within a few percent.
    assertEquals(2.0 / 90, variance, 0.1 * 2.0 / 90);
    assertEquals(0, mean, 0.01);
  }

  @Test
  void xavierValuesDependOnlyOnSeedAndName() {
    assertArrayEquals(xavier(3, "kernel"), xavier(3, "kernel"));
    assertFalse(Arrays.equals(xavier(3, "kernel"), xavier(4, "kernel")));
    assertFalse(Arrays.equals(xavier(3, "kernel"), xavier(3, "other")));
  }

  @Test
  void derivedSeedsDifferByNameAndSeed() {
    assertNotEquals(Seeds.derive(1, "conv1_kernel"), Seeds.derive(1, "conv2_kernel"));
    assertNotEquals(Seeds.derive(1, "conv1_kernel"), Seeds.derive(2, "conv1_kernel"));
  }

  @Test
  void stepSeedsNeedAScalarStep() {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      var e = assertThrows(IllegalArgumentException.class, () -> StepSeed.of(1, tf.constant(new long[] {1, 2})));
      assertTrue(e.getMessage().contains("scalar"), e.getMessage());
      assertEquals(1, StepSeed.of(1, tf.constant(0L)).seed());
    }
  }
}
