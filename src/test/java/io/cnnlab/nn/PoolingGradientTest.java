package io.cnnlab.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cnnlab.ops.shape.ShapeAlgebra;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/** Pooling gradients against central finite differences, and the op max pooling is built as. */
class PoolingGradientTest {
  private static final int N = 2;
  private static final int SIDE = 6;
  private static final int CH = 3;

  @Test
  void maxAndAveragePoolingGradientsMatchFiniteDifferences() {
    // distinct values far apart (spacing 0.05 >> h) so no window has a near-tie that h could flip
    float[] x = new float[N * SIDE * SIDE * CH];
    float[] shuffled = GradientCheck.uniform(x.length, 91, 0f, 1f);
    for (int i = 0; i < x.length; i++) {
      int rank = 0;
      for (float v : shuffled) {
        rank += v < shuffled[i] ? 1 : 0;
      }
      x[i] = 0.05f * rank - 5f;
    }
    for (Pooling pooling : Pooling.values()) {
      for (int[] ws : new int[][] {{2, 2}, {3, 2}}) {
        int out = ShapeAlgebra.outputSize(SIDE, ws[0], ws[1], 0);
        try (Graph g = new Graph(); Session session = new Session(g)) {
          Ops tf = Ops.create(g);
          Placeholder<TFloat32> in = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(N, SIDE, SIDE, CH)));
          Operand<TFloat32> y = pooling.apply(tf, in, ws[0], ws[1]);
          GradientCheck check = new GradientCheck(g, tf, y, new long[] {N, out, out, CH}, 92,
              List.of(new GradientCheck.Input(in, x, N, SIDE, SIDE, CH)));
          double error = check.relativeError(session, 0, 1e-2f, r -> r);
          assertTrue(error < 1e-3, pooling + " " + ws[0] + "/" + ws[1] + ": relative error " + error);
        }
      }
    }
  }

  @Test
  void maxPoolingIsTheAttributeOpThatOneDnnRewrites() {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Placeholder<TFloat32> in = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 4, 4, 1)));
      Operand<TFloat32> y = Pooling.MAX.apply(tf, in, 2, 2);
      assertEquals("MaxPool", y.op().type());
      assertArrayEquals(new long[] {-1, 2, 2, 1}, y.shape().asArray());
    }
  }
}
