package io.cnnlab.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cnnlab.tf.OneDnn;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;

/**
 * An NCHW convolution cut into batch chunks ({@link Conv#conv2d} with {@code channelsFirst}) against loops
 * written from the definition: the output, and the gradients of {@code sum(output * g)} with respect to the
 * input, the kernel and the bias.
 *
 * <p>The first case is the shape where TensorFlow 2.18's oneDNN NHWC backward-data kernel
 * ({@code brg_conv_bwd:avx512_core}) returned wrong values for about a third of the input gradient on an
 * AVX-512 CPU (AMD EPYC Zen 5): 7x7 positions, 48 channels in, 128 out, 5x5 kernel (bench/PERFORMANCE.md).
 */
class ChannelsFirstConvTest {
  private record Case(int n, int side, int in, int out, int kernel, int stride, int padding) {}

  @Test
  void outputAndGradientsMatchTheDefinition() {
    assertTrue(OneDnn.status().active(), "NCHW convolutions need oneDNN; the tests run with it on (pom.xml)");
    for (Case c : List.of(new Case(10, 7, 48, 128, 5, 1, 2), new Case(5, 13, 40, 24, 3, 2, 1))) {
      check(c);
    }
  }

  private static void check(Case c) {
    int outSide = (c.side + 2 * c.padding - c.kernel) / c.stride + 1;
    float[] x = GradientCheck.uniform(c.n * c.in * c.side * c.side, 1, -1, 1);
    float[] g = GradientCheck.uniform(c.n * c.out * outSide * outSide, 2, -1, 1);
    // 4 chunks; 10 images get 2 padding rows (3 per chunk), dropped
    ChunkedConvRun.Values v = ChunkedConvRun.run(new long[] {c.n, c.in, c.side, c.side}, x,
        new long[] {c.n, c.out, outSide, outSide}, g,
        (tf, input) -> Conv.conv2d(tf, "conv", input, c.out, c.kernel, c.stride, c.padding, 7L, true,
            ChunkedConvRun.CHUNKS),
        graph -> assertEquals(4, nchwConvolutions(graph), "4 chunks of NCHW convolution, " + c));
    Reference ref = new Reference(c, outSide, x, v.kernel(), v.bias(), g);
    ChunkedConvRun.assertClose(ref.y, v.output(), "output, " + c);
    ChunkedConvRun.assertClose(ref.dx, v.inputGradient(), "input gradient, " + c);
    ChunkedConvRun.assertClose(ref.dw, v.kernelGradient(), "kernel gradient, " + c);
    ChunkedConvRun.assertClose(ref.db, v.biasGradient(), "bias gradient, " + c);
  }

  /** The convolution and its gradients by their definition, in double precision. */
  private static final class Reference {
    final double[] y;
    final double[] dx;
    final double[] dw;
    final double[] db;

    Reference(Case c, int outSide, float[] x, float[] w, float[] b, float[] g) {
      y = new double[g.length];
      dx = new double[x.length];
      dw = new double[w.length];
      db = new double[b.length];
      int s = c.side;
      for (int n = 0; n < c.n; n++) {
        for (int o = 0; o < c.out; o++) {
          for (int oy = 0; oy < outSide; oy++) {
            for (int ox = 0; ox < outSide; ox++) {
              int yi = ((n * c.out + o) * outSide + oy) * outSide + ox;
              double sum = b[o];
              db[o] += g[yi];
              for (int ky = 0; ky < c.kernel; ky++) {
                int iy = oy * c.stride + ky - c.padding;
                for (int kx = 0; kx < c.kernel; kx++) {
                  int ix = ox * c.stride + kx - c.padding;
                  if (iy < 0 || ix < 0 || iy >= s || ix >= s) {
                    continue;
                  }
                  for (int i = 0; i < c.in; i++) {
                    int xi = ((n * c.in + i) * s + iy) * s + ix;
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
    }
  }

  private static int nchwConvolutions(Graph graph) {
    List<String> names = new ArrayList<>();
    graph.operations().forEachRemaining(op -> {
      GraphOperation g = (GraphOperation) op;
      if (g.type().equals("Conv2D") && g.attributes().getAttrString("data_format").equals("NCHW")) {
        names.add(g.name());
      }
    });
    return names.size();
  }
}
