package io.cnnlab.ops.conv;

/** Transposes between the layouts of d2l/PyTorch (NCHW, OIHW) and TensorFlow's CPU kernels (NHWC, HWIO). */
public final class Layouts {
  private Layouts() {}

  /** {@code [n, c, h, w]} to {@code [n, h, w, c]}. */
  public static float[] nchwToNhwc(float[] x, int n, int c, int h, int w) {
    float[] out = new float[x.length];
    int plane = h * w;
    for (int b = 0; b < n; b++) {
      for (int ch = 0; ch < c; ch++) {
        int src = (b * c + ch) * plane;
        for (int p = 0; p < plane; p++) {
          out[(b * plane + p) * c + ch] = x[src + p];
        }
      }
    }
    return out;
  }

  /** {@code [n, h, w, c]} to {@code [n, c, h, w]}. */
  public static float[] nhwcToNchw(float[] x, int n, int h, int w, int c) {
    float[] out = new float[x.length];
    int plane = h * w;
    for (int b = 0; b < n; b++) {
      for (int p = 0; p < plane; p++) {
        int src = (b * plane + p) * c;
        for (int ch = 0; ch < c; ch++) {
          out[(b * c + ch) * plane + p] = x[src + ch];
        }
      }
    }
    return out;
  }

  /** Kernels {@code [o, i, kh, kw]} to {@code [kh, kw, i, o]}. */
  public static float[] oihwToHwio(float[] k, int o, int i, int kh, int kw) {
    float[] out = new float[k.length];
    for (int oc = 0; oc < o; oc++) {
      for (int ic = 0; ic < i; ic++) {
        for (int y = 0; y < kh; y++) {
          for (int x = 0; x < kw; x++) {
            out[((y * kw + x) * i + ic) * o + oc] = k[((oc * i + ic) * kh + y) * kw + x];
          }
        }
      }
    }
    return out;
  }
}
