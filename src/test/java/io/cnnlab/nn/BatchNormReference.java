package io.cnnlab.nn;

/**
 * Batch normalization in plain loops over channels-last data ({@code x[i]} belongs to channel {@code i % C}),
 * in double precision: the textbook formulas, and the backward pass derived by hand from them.
 */
final class BatchNormReference {
  private BatchNormReference() {}

  /** Per-channel {mean, biased variance} over the {@code n = x.length / C} values of each channel. */
  static double[][] statistics(float[] x, int channels) {
    int n = x.length / channels;
    double[] mean = new double[channels];
    double[] variance = new double[channels];
    for (int i = 0; i < x.length; i++) {
      mean[i % channels] += x[i];
    }
    for (int c = 0; c < channels; c++) {
      mean[c] /= n;
    }
    for (int i = 0; i < x.length; i++) {
      double d = x[i] - mean[i % channels];
      variance[i % channels] += d * d;
    }
    for (int c = 0; c < channels; c++) {
      variance[c] /= n;
    }
    return new double[][] {mean, variance};
  }

  /** {@code gamma (x - mean) / sqrt(variance + eps) + beta} with the given per-channel mean and variance. */
  static double[] normalize(float[] x, float[] gamma, float[] beta, double[] mean, double[] variance) {
    int channels = gamma.length;
    double[] y = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      int c = i % channels;
      y[i] = gamma[c] * (x[i] - mean[c]) / Math.sqrt(variance[c] + BatchNorm.EPSILON) + beta[c];
    }
    return y;
  }

  /**
   * Gradients {dx, dgamma, dbeta} of {@code sum(dy * y)} in training mode, where mean and variance are
   * functions of x: with {@code xhat = (x - mean) / s}, {@code s = sqrt(var + eps)},
   * {@code dx = gamma / (n s) * (n dy - sum(dy) - xhat sum(dy xhat))}, {@code dgamma = sum(dy xhat)},
   * {@code dbeta = sum(dy)}, sums per channel.
   */
  static double[][] trainingGradients(float[] x, float[] gamma, float[] dy) {
    int channels = gamma.length;
    int n = x.length / channels;
    double[][] s = statistics(x, channels);
    double[] xhat = new double[x.length];
    double[] sumDy = new double[channels];
    double[] sumDyXhat = new double[channels];
    for (int i = 0; i < x.length; i++) {
      int c = i % channels;
      xhat[i] = (x[i] - s[0][c]) / Math.sqrt(s[1][c] + BatchNorm.EPSILON);
      sumDy[c] += dy[i];
      sumDyXhat[c] += dy[i] * xhat[i];
    }
    double[] dx = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      int c = i % channels;
      double std = Math.sqrt(s[1][c] + BatchNorm.EPSILON);
      dx[i] = gamma[c] / (n * std) * (n * dy[i] - sumDy[c] - xhat[i] * sumDyXhat[c]);
    }
    return new double[][] {dx, sumDyXhat, sumDy};
  }

  /**
   * Gradients {dx, dgamma, dbeta} of {@code sum(dy * y)} in evaluation mode, where mean and variance are
   * constants: {@code dx = dy gamma / s}, {@code dgamma = sum(dy (x - mean) / s)}, {@code dbeta = sum(dy)}.
   */
  static double[][] evaluationGradients(float[] x, float[] gamma, double[] mean, double[] variance, float[] dy) {
    int channels = gamma.length;
    double[] dx = new double[x.length];
    double[] dgamma = new double[channels];
    double[] dbeta = new double[channels];
    for (int i = 0; i < x.length; i++) {
      int c = i % channels;
      double std = Math.sqrt(variance[c] + BatchNorm.EPSILON);
      dx[i] = dy[i] * gamma[c] / std;
      dgamma[c] += dy[i] * (x[i] - mean[c]) / std;
      dbeta[c] += dy[i];
    }
    return new double[][] {dx, dgamma, dbeta};
  }
}
