package io.cnnlab.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cnnlab.tf.Tensors;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Gradients;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * A convolution as a gather and a product, cut into batch chunks ({@link Conv#conv2dGathered}), against loops
 * written from the definition (NHWC): the output, and the gradients of {@code sum(output * g)} with respect to
 * the input, the kernel and the bias. The first case has 48 input channels, a count whose NHWC input gradient
 * oneDNN computed wrong ({@link ChannelsFirst#nhwcGradientSuspect}); this form uses no oneDNN convolution.
 */
class GatheredConvTest {
  private record Case(int n, int height, int width, int in, int out, int kernel, int padding) {}

  @Test
  void outputAndGradientsMatchTheDefinition() {
    for (Case c : List.of(new Case(10, 7, 7, 48, 24, 5, 2), new Case(3, 9, 6, 5, 7, 3, 1),
        new Case(2, 6, 6, 4, 3, 3, 0), new Case(2, 4, 5, 3, 2, 1, 0))) {
      check(c);
    }
  }

  private static void check(Case c) {
    int outH = c.height + 2 * c.padding - c.kernel + 1;
    int outW = c.width + 2 * c.padding - c.kernel + 1;
    float[] x = uniform(c.n * c.height * c.width * c.in, 1);
    float[] g = uniform(c.n * outH * outW * c.out, 2);
    try (Graph graph = new Graph(); Session session = new Session(graph)) {
      Ops tf = Ops.create(graph);
      Placeholder<TFloat32> input =
          tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, c.height, c.width, c.in)));
      Placeholder<TFloat32> weights = tf.placeholder(TFloat32.class);
      // built for 256-image batches on 1 thread: 4 chunks; 10 images get 2 padding rows (3 per chunk), dropped
      WeightedOutput conv = GraphForms.buildForBatch(256, 1,
          () -> Conv.conv2dGathered(tf, "conv", input, c.out, c.kernel, c.padding, 7L));
      Operand<TFloat32> loss = tf.reduceSum(tf.math.mul(conv.output(), weights), tf.constant(new int[] {0, 1, 2, 3}));
      Gradients grads = tf.gradients(loss, List.of(input, conv.kernel(), conv.bias()));
      session.initialize();
      try (TFloat32 xt = Tensors.floats(x, c.n, c.height, c.width, c.in);
          TFloat32 gt = Tensors.floats(g, c.n, outH, outW, c.out);
          Result r = session.runner().feed(input, xt).feed(weights, gt).fetch(conv.kernel()).fetch(conv.bias())
              .fetch(conv.output()).fetch(grads.dy(0)).fetch(grads.dy(1)).fetch(grads.dy(2)).run()) {
        float[] w = Tensors.toFloats(r.get(0));
        float[] b = Tensors.toFloats(r.get(1));
        double[][] ref = reference(c, outH, outW, x, w, b, g);
        assertClose(ref[0], Tensors.toFloats(r.get(2)), "output, " + c);
        assertClose(ref[1], Tensors.toFloats(r.get(3)), "input gradient, " + c);
        assertClose(ref[2], Tensors.toFloats(r.get(4)), "kernel gradient, " + c);
        assertClose(ref[3], Tensors.toFloats(r.get(5)), "bias gradient, " + c);
      }
    }
  }

  /** Output, input, kernel and bias gradients by the definition, NHWC, in double precision. */
  private static double[][] reference(Case c, int outH, int outW, float[] x, float[] w, float[] b, float[] g) {
    double[] y = new double[g.length];
    double[] dx = new double[x.length];
    double[] dw = new double[w.length];
    double[] db = new double[b.length];
    for (int n = 0; n < c.n; n++) {
      for (int oy = 0; oy < outH; oy++) {
        for (int ox = 0; ox < outW; ox++) {
          for (int o = 0; o < c.out; o++) {
            int yi = ((n * outH + oy) * outW + ox) * c.out + o;
            double sum = b[o];
            db[o] += g[yi];
            for (int ky = 0; ky < c.kernel; ky++) {
              for (int kx = 0; kx < c.kernel; kx++) {
                int iy = oy + ky - c.padding;
                int ix = ox + kx - c.padding;
                if (iy < 0 || ix < 0 || iy >= c.height || ix >= c.width) {
                  continue;
                }
                for (int i = 0; i < c.in; i++) {
                  int xi = ((n * c.height + iy) * c.width + ix) * c.in + i;
                  int wi = ((ky * c.kernel + kx) * c.in + i) * c.out + o;
                  sum += x[xi] * w[wi];
                  dx[xi] += g[yi] * w[wi];
                  dw[wi] += g[yi] * x[xi];
                }
              }
            }
            y[yi] = sum;
          }
        }
      }
    }
    return new double[][] {y, dx, dw, db};
  }

  private static void assertClose(double[] expected, float[] actual, String what) {
    assertEquals(expected.length, actual.length, what + ": size");
    double scale = 0;
    for (double v : expected) {
      scale = Math.max(scale, Math.abs(v));
    }
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i], actual[i], 1e-5 * Math.max(1, scale), what + " at " + i);
    }
  }

  private static float[] uniform(int size, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    float[] v = new float[size];
    for (int i = 0; i < size; i++) {
      v[i] = (float) (random.nextDouble() * 2 - 1);
    }
    return v;
  }
}
