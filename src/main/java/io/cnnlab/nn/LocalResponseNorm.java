package io.cnnlab.nn;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Local response normalization across channels (Krizhevsky et al. 2012, §3.3), built from primitive ops.
 *
 * <p>{@code out[..., c] = x[..., c] * (bias + alpha * sum_{|j - c| <= r} x[..., j]^2)^(-beta)}, the
 * definition of TensorFlow's {@code LRN} op (alpha is not divided by the window size, unlike PyTorch).
 * TensorFlow's own {@code LRN} gradient ignores non-default attributes (~90% error with AlexNet's), so this
 * version computes the channel window sum as a matmul with a constant band matrix, whose gradient is exact.
 */
public final class LocalResponseNorm {
  private LocalResponseNorm() {}

  /**
   * The four constants of the normalization.
   *
   * @param depthRadius half-width r of the channel window (window 2r + 1)
   * @param bias k, added to the scaled sum
   * @param alpha scale of the sum of squares
   * @param beta exponent
   */
  public record Settings(int depthRadius, float bias, float alpha, float beta) {
    /** The paper's values: n = 5 (radius 2), k = 2, alpha = 1e-4, beta = 0.75. */
    public static final Settings ALEXNET = new Settings(2, 2f, 1e-4f, 0.75f);

    public Settings {
      if (depthRadius < 0 || !(bias > 0f) || !(alpha >= 0f) || !(beta >= 0f)) {
        throw new IllegalArgumentException(
            "LRN needs depthRadius >= 0, bias > 0, alpha >= 0, beta >= 0, got " + this);
      }
    }
  }

  /** Normalizes {@code x [..., C]} (known {@code C}) across its last axis. */
  public static Operand<TFloat32> apply(Ops tf, Operand<TFloat32> x, Settings settings) {
    int rank = x.shape().numDimensions();
    if (rank < 1) {
      throw new IllegalArgumentException("LRN needs an input of known rank, got " + x.shape());
    }
    int channels = Math.toIntExact(Conv.knownDim(x, rank - 1, "LRN"));
    Operand<TFloat32> squares = tf.reshape(tf.math.square(x), tf.constant(new long[] {-1, channels}));
    Operand<TFloat32> windowSums =
        tf.reshape(tf.linalg.matMul(squares, tf.constant(band(channels, settings.depthRadius()))), tf.shape(x));
    Operand<TFloat32> base =
        tf.math.add(tf.constant(settings.bias()), tf.math.mul(tf.constant(settings.alpha()), windowSums));
    return tf.math.mul(x, tf.math.pow(base, tf.constant(-settings.beta())));
  }

  /** {@code band[i][j] = 1} when {@code |i - j| <= radius}: column j sums the window around channel j. */
  static float[][] band(int channels, int radius) {
    float[][] band = new float[channels][channels];
    for (int i = 0; i < channels; i++) {
      for (int j = Math.max(0, i - radius); j <= Math.min(channels - 1, i + radius); j++) {
        band[i][j] = 1f;
      }
    }
    return band;
  }
}
