package io.cnnlab.ops.edges;

/**
 * Plain-loop edge responses, the independent expectation for the TensorFlow graph: correlation with a 3x3
 * kernel where a pixel beyond the border is the nearest border pixel (index clamping).
 */
final class Reference {
  private Reference() {}

  static float[] correlate(float[] image, int height, int width, float[][] k) {
    float[] out = new float[height * width];
    for (int i = 0; i < height; i++) {
      for (int j = 0; j < width; j++) {
        double sum = 0;
        for (int u = 0; u < 3; u++) {
          for (int v = 0; v < 3; v++) {
            int y = Math.min(height - 1, Math.max(0, i + u - 1));
            int x = Math.min(width - 1, Math.max(0, j + v - 1));
            sum += k[u][v] * image[y * width + x];
          }
        }
        out[i * width + j] = (float) sum;
      }
    }
    return out;
  }

  /** All four orientations of {@code op}, indexed by {@link Orientation#ordinal()}. */
  static float[][] responses(float[] image, int height, int width, EdgeOperator op) {
    float[][] out = new float[Orientation.values().length][];
    for (Orientation o : Orientation.values()) {
      out[o.ordinal()] = correlate(image, height, width, EdgeKernels.kernel(op, o));
    }
    return out;
  }

  static float[] combine(float[][] responses, EdgeCombination rule) {
    float[] out = new float[responses[0].length];
    for (int p = 0; p < out.length; p++) {
      double max = 0;
      double squares = 0;
      for (float[] r : responses) {
        max = Math.max(max, Math.abs(r[p]));
        squares += (double) r[p] * r[p];
      }
      out[p] = (float) (rule == EdgeCombination.MAX ? max : Math.sqrt(squares));
    }
    return out;
  }
}
