package io.cnnlab.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cnnlab.tf.Tensors;
import java.util.Arrays;
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

class DropoutAndInitTest {
  private static final int SIZE = 20_000;

  /** Runs a dropout of {@code rate} on ones {@code steps} times; returns each step's output. */
  private static float[][] dropoutRuns(float rate, boolean training, long seed, int steps) {
    float[] ones = new float[SIZE];
    Arrays.fill(ones, 1f);
    try (Graph g = new Graph(); Session session = new Session(g); TBool flag = TBool.scalarOf(training);
        TFloat32 x = Tensors.floats(ones, 4, SIZE / 4)) {
      Ops tf = Ops.create(g);
      Placeholder<TFloat32> in = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, SIZE / 4)));
      Placeholder<TBool> t = tf.placeholder(TBool.class, Placeholder.shape(Shape.scalar()));
      Operand<TFloat32> y = Dropout.apply(tf, "dropout1", in, rate, t, seed);
      float[][] out = new float[steps][];
      for (int s = 0; s < steps; s++) {
        try (Result r = session.runner().feed(in, x).feed(t, flag).fetch(y).run()) {
          out[s] = Tensors.toFloats(r.get(0));
        }
      }
      return out;
    }
  }

  @Test
  void dropoutIsTheIdentityInEvaluation() {
    for (float v : dropoutRuns(0.5f, false, 1, 1)[0]) {
      assertEquals(1f, v);
    }
  }

  @Test
  void dropoutInTrainingKeepsTheExpectedFractionScaledUp() {
    for (float rate : new float[] {0.5f, 0.2f}) {
      float[] y = dropoutRuns(rate, true, 1, 1)[0];
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
  void dropoutDrawsANewMaskEachStepAndTheSameSequenceForTheSameSeed() {
    float[][] first = dropoutRuns(0.5f, true, 7, 2);
    float[][] again = dropoutRuns(0.5f, true, 7, 2);
    float[][] other = dropoutRuns(0.5f, true, 8, 1);
    assertFalse(Arrays.equals(first[0], first[1]), "a new mask every step");
    assertArrayEquals(first[0], again[0]);
    assertArrayEquals(first[1], again[1]);
    assertFalse(Arrays.equals(first[0], other[0]), "another seed, another mask");
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
  void derivedSeedsDifferByNameAndSeedAndStatefulOnesAreNonZero() {
    assertNotEquals(Seeds.derive(1, "conv1_kernel"), Seeds.derive(1, "conv2_kernel"));
    assertNotEquals(Seeds.derive(1, "conv1_kernel"), Seeds.derive(2, "conv1_kernel"));
    for (long s = 0; s < 100; s++) {
      long[] pair = Seeds.statefulPair(s, "dropout1");
      assertTrue(pair[0] != 0 && pair[1] != 0);
    }
  }
}
