package io.cnnlab.ops.conv;

import io.cnnlab.ops.shape.Window;
import io.cnnlab.ops.shape.WindowGeometry;
import java.util.Arrays;

/**
 * Convolution as one matrix multiplication per example ("im2col"): every input patch a window sees is
 * copied into a column of a {@code (inChannels*kh*kw) x (outH*outW)} matrix, the kernels are the rows of an
 * {@code outChannels x (inChannels*kh*kw)} matrix, and their product is the output in NCHW layout.
 *
 * <p>Trades memory (each input value is copied up to kh*kw times) for a dense, cache-friendly product.
 */
public final class Im2colConv2d {
  private Im2colConv2d() {}

  /** Same result as {@link NaiveConv2d#apply}, up to float rounding. */
  public static Nchw apply(Nchw input, ConvWeights kernel, Window window) {
    kernel.check(input, window);
    WindowGeometry g = window.over(input.height(), input.width());
    int positions = Math.multiplyExact(g.outHeight(), g.outWidth());
    int patchSize = kernel.inChannels() * kernel.kernelHeight() * kernel.kernelWidth();
    Nchw out = Nchw.zeros(input.batch(), kernel.outChannels(), g.outHeight(), g.outWidth());
    float[] columns = new float[Math.multiplyExact(patchSize, positions)];
    for (int n = 0; n < input.batch(); n++) {
      patches(input, n, kernel, window, g, columns);
      int outOffset = n * kernel.outChannels() * positions;
      for (int o = 0; o < kernel.outChannels(); o++) {
        Arrays.fill(out.data(), outOffset + o * positions, outOffset + (o + 1) * positions, kernel.bias()[o]);
      }
      // OIHW kernels are already the row-major (outChannels x patchSize) matrix.
      MatMul.multiplyAdd(
          kernel.weights(), 0, columns, 0, out.data(), outOffset, kernel.outChannels(), patchSize, positions);
    }
    return out;
  }

  /**
   * Fills {@code columns} (patchSize x positions, row-major) with example {@code n}'s patches: row
   * {@code (i*kh + u)*kw + v} holds input channel {@code i} at kernel tap (u, v) for every output position.
   */
  static void patches(Nchw input, int n, ConvWeights kernel, Window window, WindowGeometry g, float[] columns) {
    int positions = g.outHeight() * g.outWidth();
    float[] x = input.data();
    int row = 0;
    for (int i = 0; i < kernel.inChannels(); i++) {
      for (int u = 0; u < kernel.kernelHeight(); u++) {
        for (int v = 0; v < kernel.kernelWidth(); v++, row++) {
          int base = row * positions;
          for (int oy = 0; oy < g.outHeight(); oy++) {
            int iy = oy * window.strideHeight() - g.padTop() + u * window.dilationHeight();
            int dst = base + oy * g.outWidth();
            if (iy < 0 || iy >= input.height()) {
              Arrays.fill(columns, dst, dst + g.outWidth(), 0f);
              continue;
            }
            int src = input.index(n, i, iy, 0);
            for (int ox = 0; ox < g.outWidth(); ox++) {
              int ix = ox * window.strideWidth() - g.padLeft() + v * window.dilationWidth();
              columns[dst + ox] = ix >= 0 && ix < input.width() ? x[src + ix] : 0f;
            }
          }
        }
      }
    }
  }
}
