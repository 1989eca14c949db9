package io.cnnlab.image;

/**
 * Resizes an image by area averaging: every output pixel is the mean of the input area it covers, partly covered
 * input pixels weighted by the fraction covered. Shrinking a 112x112 picture to 28x28 averages 4x4 blocks; any
 * other ratio works too. Averaging, not sampling, so thin strokes fade instead of vanishing.
 */
public final class AreaResize {
  private AreaResize() {}

  /**
   * {@code pixels}, {@code height x width x channels} row-major (HWC), resized to {@code outHeight x outWidth}.
   *
   * @throws IllegalArgumentException when a size is below 1 or {@code pixels} has another length
   */
  public static float[] resize(float[] pixels, int height, int width, int channels, int outHeight, int outWidth) {
    if (height < 1 || width < 1 || channels < 1 || outHeight < 1 || outWidth < 1) {
      throw new IllegalArgumentException("sizes must be >= 1, got " + height + "x" + width + "x" + channels + " to "
          + outHeight + "x" + outWidth);
    }
    if ((long) height * width * channels != pixels.length) {
      throw new IllegalArgumentException("a " + height + "x" + width + "x" + channels + " image needs "
          + ((long) height * width * channels) + " values, got " + pixels.length);
    }
    Span[] columns = spans(width, outWidth);
    Span[] rows = spans(height, outHeight);
    // Rows first, then columns: each pass touches every input value about once.
    float[] narrow = new float[height * outWidth * channels];
    for (int y = 0; y < height; y++) {
      for (int ox = 0; ox < outWidth; ox++) {
        Span s = columns[ox];
        for (int c = 0; c < channels; c++) {
          double sum = 0;
          for (int k = 0; k < s.weights.length; k++) {
            sum += s.weights[k] * pixels[(y * width + s.first + k) * channels + c];
          }
          narrow[(y * outWidth + ox) * channels + c] = (float) sum;
        }
      }
    }
    float[] out = new float[outHeight * outWidth * channels];
    for (int oy = 0; oy < outHeight; oy++) {
      Span s = rows[oy];
      for (int ox = 0; ox < outWidth; ox++) {
        for (int c = 0; c < channels; c++) {
          double sum = 0;
          for (int k = 0; k < s.weights.length; k++) {
            sum += s.weights[k] * narrow[((s.first + k) * outWidth + ox) * channels + c];
          }
          out[(oy * outWidth + ox) * channels + c] = (float) sum;
        }
      }
    }
    return out;
  }

  /** The input pixels an output pixel covers, from {@code first}, each with the share of the output it makes. */
  private record Span(int first, double[] weights) {}

  /** Output pixel {@code o} covers input interval {@code [o * in / out, (o + 1) * in / out)}. */
  private static Span[] spans(int in, int out) {
    Span[] spans = new Span[out];
    double scale = (double) in / out;
    for (int o = 0; o < out; o++) {
      double from = o * scale;
      double to = (o + 1) * scale;
      int first = (int) Math.floor(from);
      int last = Math.min(in - 1, (int) Math.ceil(to) - 1);
      double[] weights = new double[last - first + 1];
      for (int i = first; i <= last; i++) {
        weights[i - first] = (Math.min(to, i + 1) - Math.max(from, i)) / scale;
      }
      spans[o] = new Span(first, weights);
    }
    return spans;
  }
}
