package io.cnnlab.nn;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.random.RandomUniform;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;

/** Inverted dropout (Srivastava et al. 2014), active only in training steps. */
public final class Dropout {
  private Dropout() {}

  /**
   * In training ({@code training} true) zeroes each element with probability {@code rate} and scales the
   * rest by {@code 1 / (1 - rate)}, so the expected value is unchanged; in evaluation returns {@code x}.
   *
   * <p>The mask comes from a stateful {@code RandomUniform} seeded from {@code seed} and {@code name}: a new
   * mask every step, and the same sequence of masks in every session of the same graph.
   *
   * @param rate probability of dropping, in {@code [0, 1)}; 0 returns {@code x} unchanged
   */
  public static Operand<TFloat32> apply(
      Ops tf, String name, Operand<TFloat32> x, float rate, Operand<TBool> training, long seed) {
    if (!(rate >= 0f && rate < 1f)) {
      throw new IllegalArgumentException(name + ": dropout rate must be in [0, 1), got " + rate);
    }
    if (rate == 0f) {
      return x;
    }
    Ops layer = tf.withSubScope(name);
    long[] seeds = Seeds.statefulPair(seed, name);
    Operand<TFloat32> uniform = layer.random.randomUniform(layer.shape(x), TFloat32.class,
        RandomUniform.seed(seeds[0]), RandomUniform.seed2(seeds[1]));
    Operand<TFloat32> keep = layer.dtypes.cast(layer.math.greaterEqual(uniform, layer.constant(rate)), TFloat32.class);
    Operand<TFloat32> dropped = layer.math.mul(x, layer.math.mul(keep, layer.constant(1f / (1f - rate))));
    return layer.select(training, dropped, x);
  }
}
