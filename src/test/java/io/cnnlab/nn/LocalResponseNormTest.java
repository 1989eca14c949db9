package io.cnnlab.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cnnlab.tf.Tensors;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.nn.LocalResponseNormalization;
import org.tensorflow.types.TFloat32;

class LocalResponseNormTest {
  private static final long[] SHAPE = {2, 3, 3, 7};
  private static final LocalResponseNorm.Settings STRONG = new LocalResponseNorm.Settings(2, 1f, 0.5f, 0.75f);

  @Test
  void forwardMatchesTensorFlowsLrnOp() {
    float[] x = GradientCheck.uniform(2 * 3 * 3 * 7, 1, -2f, 2f);
    for (LocalResponseNorm.Settings s : List.of(LocalResponseNorm.Settings.ALEXNET, STRONG,
        new LocalResponseNorm.Settings(5, 1f, 1f, 0.5f), new LocalResponseNorm.Settings(0, 0.5f, 2f, 1f))) {
      try (Graph g = new Graph(); Session session = new Session(g)) {
        Ops tf = Ops.create(g);
        Placeholder<TFloat32> in = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(SHAPE)));
        Operand<TFloat32> ours = LocalResponseNorm.apply(tf, in, s);
        Operand<TFloat32> theirs = tf.nn.localResponseNormalization(in,
            LocalResponseNormalization.depthRadius((long) s.depthRadius()), LocalResponseNormalization.bias(s.bias()),
            LocalResponseNormalization.alpha(s.alpha()), LocalResponseNormalization.beta(s.beta()));
        assertEquals(Shape.of(SHAPE), ours.shape(), "static shape kept");
        try (TFloat32 xt = Tensors.floats(x, SHAPE);
            Result r = session.runner().feed(in, xt).fetch(ours).fetch(theirs).run()) {
          float[] a = Tensors.toFloats(r.get(0));
          float[] b = Tensors.toFloats(r.get(1));
          for (int i = 0; i < a.length; i++) {
            assertEquals(b[i], a[i], 1e-5 * Math.max(1, Math.abs(b[i])), s + " element " + i);
          }
        }
      }
    }
  }

  @Test
  void matchesAPlainLoopOnOnePixel() {
    // 5 channels, radius 1: channel 0 sums channels 0-1, channel 2 sums 1-3, channel 4 sums 3-4.
    float[] x = {1, 2, 3, 4, 5};
    LocalResponseNorm.Settings s = new LocalResponseNorm.Settings(1, 1f, 0.1f, 0.5f);
    float[] expected = new float[5];
    for (int c = 0; c < 5; c++) {
      double sum = 0;
      for (int j = Math.max(0, c - 1); j <= Math.min(4, c + 1); j++) {
        sum += x[j] * x[j];
      }
      expected[c] = (float) (x[c] / Math.pow(1 + 0.1 * sum, 0.5));
    }
    try (Graph g = new Graph(); Session session = new Session(g)) {
      Ops tf = Ops.create(g);
      Operand<TFloat32> out = LocalResponseNorm.apply(tf, tf.constant(new float[][] {x}), s);
      try (Result r = session.runner().fetch(out).run()) {
        assertArrayEquals(expected, Tensors.toFloats(r.get(0)), 1e-5f);
      }
    }
  }

  @Test
  void gradientMatchesFiniteDifferences() {
    // STRONG makes the normalization term matter (alpha 1e-4 leaves LRN close to a constant scale).
    for (LocalResponseNorm.Settings s : List.of(STRONG, LocalResponseNorm.Settings.ALEXNET)) {
      float[] x = GradientCheck.uniform(2 * 3 * 3 * 7, 2, -1.5f, 1.5f);
      try (Graph g = new Graph(); Session session = new Session(g)) {
        Ops tf = Ops.create(g);
        Placeholder<TFloat32> in = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(SHAPE)));
        GradientCheck check = new GradientCheck(g, tf, LocalResponseNorm.apply(tf, in, s), SHAPE, 3,
            List.of(new GradientCheck.Input(in, x, SHAPE)));
        double error = check.relativeError(session, 0, 1e-2f, r -> r);
        assertTrue(error < 1e-3, s + ": relative gradient error " + error);
      }
    }
  }
}
