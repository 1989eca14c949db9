package io.cnnlab.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;

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
    float[] x = GradientCheck.uniform(c.n * c.height * c.width * c.in, 1, -1, 1);
    float[] g = GradientCheck.uniform(c.n * outH * outW * c.out, 2, -1, 1);
    // 4 chunks; 10 images get 2 padding rows (3 per chunk), dropped
    ChunkedConvRun.Values v = ChunkedConvRun.run(new long[] {c.n, c.height, c.width, c.in}, x,
        new long[] {c.n, outH, outW, c.out}, g,
        (tf, input) -> Conv.conv2dGathered(tf, "conv", input, c.out, c.kernel, c.padding, 7L, ChunkedConvRun.CHUNKS),
        graph -> assertEquals(List.of("GatherV2", "GatherV2", "GatherV2", "GatherV2"), im2colAndConvolutions(graph),
            "one im2col gather per chunk and no Conv2D, " + c));
    double[][] ref = reference(c, outH, outW, x, v.kernel(), v.bias(), g);
    ChunkedConvRun.assertClose(ref[0], v.output(), "output, " + c);
    ChunkedConvRun.assertClose(ref[1], v.inputGradient(), "input gradient, " + c);
    ChunkedConvRun.assertClose(ref[2], v.kernelGradient(), "kernel gradient, " + c);
    ChunkedConvRun.assertClose(ref[3], v.biasGradient(), "bias gradient, " + c);
  }

  /** The im2col gathers and the convolution ops of the forward graph, by type. */
  private static List<String> im2colAndConvolutions(Graph graph) {
    List<String> types = new ArrayList<>();
    graph.operations().forEachRemaining(op -> {
      boolean im2col = op.type().equals("GatherV2") && op.name().contains("/im2col");
      if (im2col || op.type().startsWith("Conv2D")) {
        types.add(op.type());
      }
    });
    return types;
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
}
