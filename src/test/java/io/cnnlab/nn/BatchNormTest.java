package io.cnnlab.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cnnlab.tf.Tensors;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;

class BatchNormTest {
  private static final long[] CONV = {4, 3, 3, 2};
  private static final long[] DENSE = {6, 3};

  /** Plain-loop statistics per channel (last axis): {mean, biased variance}. */
  private static double[][] stats(float[] x, int channels) {
    int rows = x.length / channels;
    double[] mean = new double[channels];
    double[] var = new double[channels];
    for (int i = 0; i < x.length; i++) {
      mean[i % channels] += x[i] / (double) rows;
    }
    for (int i = 0; i < x.length; i++) {
      double d = x[i] - mean[i % channels];
      var[i % channels] += d * d / rows;
    }
    return new double[][] {mean, var};
  }

  @Test
  void trainingModeNormalizesWithBatchStatistics() {
    float[] x = GradientCheck.uniform(4 * 3 * 3 * 2, 11, -3f, 5f);
    double[][] s = stats(x, 2);
    float[] expected = new float[x.length];
    for (int i = 0; i < x.length; i++) {
      int c = i % 2;
      expected[i] = (float) ((x[i] - s[0][c]) / Math.sqrt(s[1][c] + BatchNorm.EPSILON));
    }
    try (Graph g = new Graph(); Session session = new Session(g)) {
      Ops tf = Ops.create(g);
      Placeholder<TFloat32> in = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(CONV)));
      BatchNorm.Output bn = BatchNorm.apply(tf, "bn", in, tf.constant(true));
      session.initialize();
      try (TFloat32 xt = Tensors.floats(x, CONV); Result r = session.runner().feed(in, xt).fetch(bn.output()).run()) {
        assertArrayEquals(expected, Tensors.toFloats(r.get(0)), 1e-4f);
      }
    }
  }

  @Test
  void trainingModeGradientsMatchFiniteDifferences() {
    checkGradients(CONV, 2);
    checkGradients(DENSE, 3);
    // Odd batch, and a channel count the fused op takes without padding (2 and 3 are padded to 8).
    checkGradients(new long[] {5, 2, 2, 4}, 4);
  }

  private static void checkGradients(long[] shape, int channels) {
    int n = (int) Arrays.stream(shape).reduce(1, (a, b) -> a * b);
    float[] x = GradientCheck.uniform(n, 21, -2f, 3f);
    float[] gamma = GradientCheck.uniform(channels, 22, 0.5f, 2f);
    float[] beta = GradientCheck.uniform(channels, 23, -1f, 1f);
    try (Graph g = new Graph(); Session session = new Session(g);
        TBool training = TBool.scalarOf(true)) {
      Ops tf = Ops.create(g);
      Placeholder<TFloat32> in = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(shape)));
      Placeholder<TBool> flag = tf.placeholder(TBool.class, Placeholder.shape(Shape.scalar()));
      BatchNorm.Output bn = BatchNorm.apply(tf, "bn", in, flag);
      // gamma and beta are the variables themselves, fed with non-trivial values.
      var gammaVar = g.operation("bn_gamma").<TFloat32>output(0);
      var betaVar = g.operation("bn_beta").<TFloat32>output(0);
      GradientCheck check = new GradientCheck(g, tf, bn.output(), shape, 24, List.of(
          new GradientCheck.Input(in, x, shape),
          new GradientCheck.Input(gammaVar, gamma, channels),
          new GradientCheck.Input(betaVar, beta, channels)));
      session.initialize();
      String[] names = {"input", "scale", "offset"};
      for (int i = 0; i < 3; i++) {
        double error = check.relativeError(session, i, 1e-2f, r -> r.feed(flag, training));
        assertTrue(error < 2e-3, Arrays.toString(shape) + " gradient w.r.t. " + names[i] + ": relative error " + error);
      }
    }
  }

  @Test
  void evaluationUsesMovingAveragesSoASampleAloneMatchesItsRowInTheBatch() {
    float[][] batches = {
        GradientCheck.uniform(24, 31, -1f, 3f), GradientCheck.uniform(24, 32, 0f, 6f),
        GradientCheck.uniform(24, 33, -4f, 1f)};
    double[] mean = {0, 0, 0};
    double[] var = {1, 1, 1};
    for (float[] b : batches) {
      double[][] s = stats(b, 3);
      for (int c = 0; c < 3; c++) {
        mean[c] = 0.9 * mean[c] + 0.1 * s[0][c];
        var[c] = 0.9 * var[c] + 0.1 * s[1][c];
      }
    }
    float[] eval = GradientCheck.uniform(12, 34, -2f, 2f);
    try (Graph g = new Graph(); Session session = new Session(g);
        TBool on = TBool.scalarOf(true); TBool off = TBool.scalarOf(false)) {
      Ops tf = Ops.create(g);
      Placeholder<TFloat32> in = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 3)));
      Placeholder<TBool> flag = tf.placeholder(TBool.class, Placeholder.shape(Shape.scalar()));
      BatchNorm.Output bn = BatchNorm.apply(tf, "bn", in, flag);
      session.initialize();
      for (float[] b : batches) {
        try (TFloat32 xt = Tensors.floats(b, 8, 3)) {
          Session.Runner runner = session.runner().feed(in, xt).feed(flag, on);
          bn.updates().forEach(runner::addTarget);
          runner.run();
        }
      }
      try (Result r = session.runner().fetch(bn.movingMean()).fetch(bn.movingVariance()).run()) {
        assertArrayEquals(toFloats(mean), Tensors.toFloats(r.get(0)), 1e-5f, "moving mean");
        assertArrayEquals(toFloats(var), Tensors.toFloats(r.get(1)), 1e-4f, "moving variance");
      }
      float[] whole;
      try (TFloat32 xt = Tensors.floats(eval, 4, 3);
          Result r = session.runner().feed(in, xt).feed(flag, off).fetch(bn.output()).run()) {
        whole = Tensors.toFloats(r.get(0));
      }
      for (int i = 0; i < 12; i++) {
        int c = i % 3;
        float expected = (float) ((eval[i] - mean[c]) / Math.sqrt(var[c] + BatchNorm.EPSILON));
        assertEquals(expected, whole[i], 1e-4f, "eval output " + i);
      }
      for (int row = 0; row < 4; row++) {
        float[] one = Arrays.copyOfRange(eval, row * 3, row * 3 + 3);
        try (TFloat32 xt = Tensors.floats(one, 1, 3);
            Result r = session.runner().feed(in, xt).feed(flag, off).fetch(bn.output()).run()) {
          assertArrayEquals(Arrays.copyOfRange(whole, row * 3, row * 3 + 3), Tensors.toFloats(r.get(0)), 1e-6f,
              "sample " + row + " alone");
        }
      }
    }
  }

  @Test
  void onlyMovingAveragesAreState() {
    assertTrue(BatchNorm.isMovingAverage("bn1_moving_mean"));
    assertTrue(BatchNorm.isMovingAverage("bn3_moving_variance"));
    assertEquals(false, BatchNorm.isMovingAverage("bn1_gamma"));
  }

  @Test
  void rejectsInputsThatAreNeitherConvNorDenseOutputs() {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      var x = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(2, 3, 4)));
      var e = assertThrows(IllegalArgumentException.class, () -> BatchNorm.apply(tf, "bn", x, tf.constant(true)));
      assertTrue(e.getMessage().contains("[N, H, W, C] or [N, C]"), e.getMessage());
    }
  }

  private static float[] toFloats(double[] v) {
    float[] f = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      f[i] = (float) v[i];
    }
    return f;
  }
}
