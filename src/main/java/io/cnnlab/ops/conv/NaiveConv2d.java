package io.cnnlab.ops.conv;

import io.cnnlab.ops.shape.Window;
import io.cnnlab.ops.shape.WindowGeometry;

/**
 * Convolution (cross-correlation, as in every deep learning framework) by its definition: one loop per
 * index, NCHW input, OIHW kernels. The reference the faster implementations are checked against.
 */
public final class NaiveConv2d {
  private NaiveConv2d() {}

  /**
   * {@code out[n, o, y, x] = bias[o] + sum over i, u, v of in[n, i, y*sh - top + u*dh, x*sw - left + v*dw] * k[o, i, u, v]},
   * positions outside the input reading zero (the padding).
   *
   * @throws IllegalArgumentException if the window does not match the kernel, the channels differ, or the
   *     window does not fit the padded input
   */
  public static Nchw apply(Nchw input, ConvWeights kernel, Window window) {
    kernel.check(input, window);
    WindowGeometry g = window.over(input.height(), input.width());
    Nchw out = Nchw.zeros(input.batch(), kernel.outChannels(), g.outHeight(), g.outWidth());
    float[] x = input.data();
    float[] k = kernel.weights();
    float[] y = out.data();
    int inPlane = input.height() * input.width();
    int taps = kernel.kernelHeight() * kernel.kernelWidth();
    int yi = 0; // output elements are written in NCHW order
    for (int n = 0; n < input.batch(); n++) {
      for (int o = 0; o < kernel.outChannels(); o++) {
        for (int oy = 0; oy < g.outHeight(); oy++) {
          for (int ox = 0; ox < g.outWidth(); ox++) {
            float sum = kernel.bias()[o];
            for (int i = 0; i < kernel.inChannels(); i++) {
              int xPlane = (n * input.channels() + i) * inPlane; // start of x[n, i, :, :]
              int kPlane = (o * kernel.inChannels() + i) * taps; // start of k[o, i, :, :]
              for (int u = 0; u < kernel.kernelHeight(); u++) {
                int iy = oy * window.strideHeight() - g.padTop() + u * window.dilationHeight();
                if (iy < 0 || iy >= input.height()) {
                  continue; // a row of padding zeros
                }
                for (int v = 0; v < kernel.kernelWidth(); v++) {
                  int ix = ox * window.strideWidth() - g.padLeft() + v * window.dilationWidth();
                  if (ix >= 0 && ix < input.width()) {
                    sum += x[xPlane + iy * input.width() + ix] * k[kPlane + u * kernel.kernelWidth() + v];
                  }
                }
              }
            }
            y[yi++] = sum;
          }
        }
      }
    }
    return out;
  }
}
