package io.cnnlab.ops.edges;

import java.util.Locale;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * How the four orientation responses of one pixel become one edge strength.
 *
 * <p>Both rules ignore the sign of a response (dark-to-bright and bright-to-dark edges count alike).
 */
public enum EdgeCombination {
  /**
   * Per-pixel maximum of the absolute responses, {@code max(|h|, |v|, |d45|, |d135|)}: the strength of the
   * best-matching orientation (the seed's "combimg"). Bounded by the operator's single-kernel maximum.
   */
  MAX,
  /**
   * Square root of the sum of squared responses, {@code sqrt(h² + v² + d45² + d135²)}: an energy that grows
   * when several orientations respond; at most twice the single-kernel maximum.
   */
  L2;

  /** Lower-case name used on the command line and in file names ({@code max}, {@code l2}). */
  public String fileLabel() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Combines {@code responses} of shape [N, H, W, 4] over the last axis into shape [N, H, W].
   */
  public Operand<TFloat32> apply(Ops tf, Operand<TFloat32> responses) {
    Operand<TInt32> channelAxis = tf.constant(3);
    switch (this) {
      case MAX:
        return tf.max(tf.math.abs(responses), channelAxis);
      case L2:
        return tf.math.sqrt(tf.sum(tf.math.square(responses), channelAxis));
      default:
        throw new AssertionError(this);
    }
  }

  /** The rule whose {@link #fileLabel()} is {@code name}, ignoring case. */
  public static EdgeCombination parse(String name) {
    for (EdgeCombination rule : values()) {
      if (rule.fileLabel().equalsIgnoreCase(name.trim())) {
        return rule;
      }
    }
    throw new IllegalArgumentException("unknown combination rule '" + name + "': expected max or l2");
  }
}
