package io.cnnlab.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cnnlab.ops.shape.ShapeAlgebra;
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
import org.tensorflow.types.TFloat32;

class ConvPoolDenseTest {
  private static final int N = 2;
  private static final int SIDE = 7;
  private static final int IN = 3;
  private static final int OUT = 4;

  /** Plain-loop convolution with symmetric zero padding, NHWC input, HWIO kernel. */
  static float[] referenceConv(float[] x, float[] w, float[] b, int k, int stride, int pad) {
    int outSide = (SIDE + 2 * pad - k) / stride + 1;
    float[] out = new float[N * outSide * outSide * OUT];
    for (int n = 0; n < N; n++) {
      for (int i = 0; i < outSide; i++) {
        for (int j = 0; j < outSide; j++) {
          for (int o = 0; o < OUT; o++) {
            double sum = b[o];
            for (int di = 0; di < k; di++) {
              for (int dj = 0; dj < k; dj++) {
                int r = i * stride + di - pad;
                int c = j * stride + dj - pad;
                if (r < 0 || c < 0 || r >= SIDE || c >= SIDE) {
                  continue;
                }
                for (int ch = 0; ch < IN; ch++) {
                  sum += x[((n * SIDE + r) * SIDE + c) * IN + ch] * w[((di * k + dj) * IN + ch) * OUT + o];
                }
              }
            }
            out[((n * outSide + i) * outSide + j) * OUT + o] = (float) sum;
          }
        }
      }
    }
    return out;
  }

  @Test
  void convolutionMatchesAPlainLoopForValidSameAndExplicitPadding() {
    // {kernel, stride, padding}: VALID, SAME-equivalent, explicit pad with stride (AlexNet's conv1 form).
    int[][] cases = {{2, 1, 0}, {3, 1, 1}, {5, 1, 2}, {3, 2, 1}, {4, 3, 2}};
    float[] x = GradientCheck.uniform(N * SIDE * SIDE * IN, 51, -1f, 1f);
    float[] b = GradientCheck.uniform(OUT, 52, -1f, 1f);
    for (int[] c : cases) {
      int k = c[0];
      float[] w = GradientCheck.uniform(k * k * IN * OUT, 53, -1f, 1f);
      try (Graph g = new Graph(); Session session = new Session(g)) {
        Ops tf = Ops.create(g);
        Placeholder<TFloat32> in = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, SIDE, SIDE, IN)));
        WeightedOutput conv = Conv.conv2d(tf, "conv", in, OUT, k, c[1], c[2], 7, false, 1);
        int side = ShapeAlgebra.outputSize(SIDE, k, c[1], c[2]);
        assertArrayEquals(new long[] {-1, side, side, OUT}, conv.output().shape().asArray(),
            "static shape " + java.util.Arrays.toString(c));
        assertArrayEquals(new long[] {k, k, IN, OUT}, conv.kernel().shape().asArray());
        assertEquals("conv_kernel", conv.kernel().op().name());
        assertEquals("conv_bias", conv.bias().op().name());
        try (TFloat32 xt = Tensors.floats(x, N, SIDE, SIDE, IN); TFloat32 wt = Tensors.floats(w, k, k, IN, OUT);
            TFloat32 bt = Tensors.floats(b, OUT);
            Result r = session.runner().feed(in, xt).feed(conv.kernel(), wt).feed(conv.bias(), bt)
                .fetch(conv.output()).run()) {
          assertArrayEquals(referenceConv(x, w, b, k, c[1], c[2]), Tensors.toFloats(r.get(0)), 1e-4f,
              "kernel/stride/padding " + c[0] + "/" + c[1] + "/" + c[2]);
        }
      }
    }
  }

  @Test
  void paddedStridedConvolutionGradientMatchesFiniteDifferences() {
    int k = 3;
    float[] x = GradientCheck.uniform(N * SIDE * SIDE * IN, 61, -1f, 1f);
    float[] w = GradientCheck.uniform(k * k * IN * OUT, 62, -1f, 1f);
    try (Graph g = new Graph(); Session session = new Session(g)) {
      Ops tf = Ops.create(g);
      Placeholder<TFloat32> in = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(N, SIDE, SIDE, IN)));
      WeightedOutput conv = Conv.conv2d(tf, "conv", in, OUT, k, 2, 1, 7, false, 1);
      GradientCheck check = new GradientCheck(g, tf, conv.output(), new long[] {N, 4, 4, OUT}, 63, List.of(
          new GradientCheck.Input(in, x, N, SIDE, SIDE, IN), new GradientCheck.Input(conv.kernel(), w, k, k, IN, OUT)));
      session.initialize();
      assertTrue(check.relativeError(session, 0, 1e-2f, r -> r) < 1e-3, "w.r.t. input");
      assertTrue(check.relativeError(session, 1, 1e-2f, r -> r) < 1e-3, "w.r.t. kernel");
    }
  }

  @Test
  void poolingMatchesAPlainLoop() {
    int side = 7;
    int ch = 2;
    float[] x = GradientCheck.uniform(side * side * ch, 71, -5f, 5f);
    for (Pooling pooling : Pooling.values()) {
      for (int[] ws : new int[][] {{3, 2}, {2, 2}}) {
        int window = ws[0];
        int stride = ws[1];
        int out = ShapeAlgebra.outputSize(side, window, stride, 0);
        float[] expected = new float[out * out * ch];
        for (int i = 0; i < out; i++) {
          for (int j = 0; j < out; j++) {
            for (int c = 0; c < ch; c++) {
              double max = Double.NEGATIVE_INFINITY;
              double sum = 0;
              for (int di = 0; di < window; di++) {
                for (int dj = 0; dj < window; dj++) {
                  float v = x[((i * stride + di) * side + j * stride + dj) * ch + c];
                  max = Math.max(max, v);
                  sum += v;
                }
              }
              expected[(i * out + j) * ch + c] = (float) (pooling == Pooling.MAX ? max : sum / (window * window));
            }
          }
        }
        try (Graph g = new Graph(); Session session = new Session(g);
            TFloat32 xt = Tensors.floats(x, 1, side, side, ch)) {
          Ops tf = Ops.create(g);
          Placeholder<TFloat32> in = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, side, side, ch)));
          Operand<TFloat32> y = pooling.apply(tf, in, window, stride);
          assertArrayEquals(new long[] {-1, out, out, ch}, y.shape().asArray());
          try (Result r = session.runner().feed(in, xt).fetch(y).run()) {
            assertArrayEquals(expected, Tensors.toFloats(r.get(0)), 1e-5f, pooling + " " + window + "/" + stride);
          }
        }
      }
    }
  }

  @Test
  void flattenKeepsRowMajorOrderAndDenseMatchesAPlainLoop() {
    float[] x = GradientCheck.uniform(2 * 2 * 3 * 2, 81, -1f, 1f);
    float[] w = GradientCheck.uniform(12 * 5, 82, -1f, 1f);
    float[] b = GradientCheck.uniform(5, 83, -1f, 1f);
    float[] expected = new float[2 * 5];
    for (int n = 0; n < 2; n++) {
      for (int u = 0; u < 5; u++) {
        double sum = b[u];
        for (int f = 0; f < 12; f++) {
          sum += x[n * 12 + f] * w[f * 5 + u];
        }
        expected[n * 5 + u] = (float) sum;
      }
    }
    try (Graph g = new Graph(); Session session = new Session(g)) {
      Ops tf = Ops.create(g);
      Placeholder<TFloat32> in = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 2, 3, 2)));
      Operand<TFloat32> flat = Dense.flatten(tf, in);
      assertArrayEquals(new long[] {-1, 12}, flat.shape().asArray());
      WeightedOutput dense = Dense.dense(tf, "fc", flat, 5, 9);
      assertArrayEquals(new long[] {12, 5}, dense.kernel().shape().asArray());
      try (TFloat32 xt = Tensors.floats(x, 2, 2, 3, 2); TFloat32 wt = Tensors.floats(w, 12, 5);
          TFloat32 bt = Tensors.floats(b, 5);
          Result r = session.runner().feed(in, xt).feed(dense.kernel(), wt).feed(dense.bias(), bt)
              .fetch(flat).fetch(dense.output()).run()) {
        assertArrayEquals(x, Tensors.toFloats(r.get(0)));
        assertArrayEquals(expected, Tensors.toFloats(r.get(1)), 1e-5f);
      }
    }
  }

  @Test
  void activationsMatchTheirDefinitions() {
    float[] x = {-3f, -0.5f, 0f, 0.25f, 2f};
    try (Graph g = new Graph(); Session session = new Session(g)) {
      Ops tf = Ops.create(g);
      for (Activation a : Activation.values()) {
        try (Result r = session.runner().fetch(a.apply(tf, tf.constant(x))).run()) {
          float[] y = Tensors.toFloats(r.get(0));
          for (int i = 0; i < x.length; i++) {
            double expected = switch (a) {
              case RELU -> Math.max(0, x[i]);
              case SIGMOID -> 1 / (1 + Math.exp(-x[i]));
              case TANH -> Math.tanh(x[i]);
            };
            assertEquals(expected, y[i], 1e-6, a + "(" + x[i] + ")");
          }
        }
      }
    }
    assertEquals(Activation.SIGMOID, Activation.parse("Sigmoid"));
    assertEquals(Pooling.MAX, Pooling.parse("max"));
  }
}
