package io.cnnlab.nn;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.ReduceSum;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/** Inverted dropout (Srivastava et al. 2014), active only in training steps. */
public final class Dropout {
  private Dropout() {}

  /**
   * In training ({@code training} true) zeroes each element with probability {@code rate} and scales the
   * rest by {@code 1 / (1 - rate)}, so the expected value is unchanged; in evaluation returns {@code x}.
   *
   * <p>The mask comes from {@code StatelessRandomUniform} keyed by {@code random} for {@code name}: a new
   * mask every training step, and the same mask for the same (seed, step, name) in any session, which is
   * what makes a resumed run equal an uninterrupted one. The mask is a constant factor of the gradient
   * ({@code dy/dx = mask / (1 - rate)}).
   *
   * @param rate probability of dropping, in {@code [0, 1)}; 0 returns {@code x} unchanged
   */
  public static Operand<TFloat32> apply(
      Ops tf, String name, Operand<TFloat32> x, float rate, Operand<TBool> training, StepSeed random) {
    checkRate(name, rate);
    if (rate == 0f) {
      return x;
    }
    Ops layer = tf.withSubScope(name);
    return masked(layer, x, scaledMask(layer, name, layer.shape(x), rate, random), training);
  }

  /**
   * Dropout on consecutive slices of one batch (data-parallel towers), each built in its own scope: one mask
   * of the whole batch's shape is drawn and each slice gets its rows, so the slices are masked as the whole
   * batch would be by {@link #apply(Ops, String, Operand, float, Operand, StepSeed)} (a stateless draw's
   * element {@code i} does not depend on how many elements are drawn).
   */
  public static List<Operand<TFloat32>> apply(List<Ops> scopes, String name, List<Operand<TFloat32>> slices,
      float rate, Operand<TBool> training, StepSeed random) {
    checkRate(name, rate);
    if (scopes.size() != slices.size() || slices.isEmpty()) {
      throw new IllegalArgumentException(name + ": one scope per slice expected, got " + scopes.size()
          + " scopes and " + slices.size() + " slices");
    }
    if (rate == 0f) {
      return List.copyOf(slices);
    }
    Ops layer = scopes.get(0).withSubScope(name);
    List<Operand<TInt32>> rows = new ArrayList<>();
    for (Operand<TFloat32> s : slices) {
      rows.add(layer.gather(layer.shape(s), layer.constant(new int[] {0}), layer.constant(0)));
    }
    Operand<TInt32> sizes = layer.concat(rows, layer.constant(0));
    Operand<TInt32> rest = layer.slice(layer.shape(slices.get(0)), layer.constant(new int[] {1}),
        layer.constant(new int[] {-1}));
    Operand<TInt32> total = layer.reduceSum(sizes, layer.constant(0), ReduceSum.keepDims(true));
    Operand<TInt32> whole = layer.concat(List.of(total, rest), layer.constant(0));
    Operand<TFloat32> mask = scaledMask(layer, name, whole, rate, random);
    var parts = layer.splitV(mask, sizes, layer.constant(0), (long) slices.size()).output();
    List<Operand<TFloat32>> out = new ArrayList<>();
    for (int i = 0; i < slices.size(); i++) {
      out.add(masked(scopes.get(i).withSubScope(name), slices.get(i), parts.get(i), training));
    }
    return out;
  }

  private static void checkRate(String name, float rate) {
    if (!(rate >= 0f && rate < 1f)) {
      throw new IllegalArgumentException(name + ": dropout rate must be in [0, 1), got " + rate);
    }
  }

  /** {@code keep / (1 - rate)} of {@code shape}, where {@code keep} is 1 with probability {@code 1 - rate}. */
  private static Operand<TFloat32> scaledMask(
      Ops layer, String name, Operand<TInt32> shape, float rate, StepSeed random) {
    Operand<TFloat32> uniform =
        layer.random.statelessRandomUniform(shape, random.statelessSeed(layer, name), TFloat32.class);
    Operand<TFloat32> keep = layer.dtypes.cast(layer.math.greaterEqual(uniform, layer.constant(rate)), TFloat32.class);
    return layer.math.mul(keep, layer.constant(1f / (1f - rate)));
  }

  private static Operand<TFloat32> masked(Ops layer, Operand<TFloat32> x, Operand<TFloat32> mask,
      Operand<TBool> training) {
    return layer.select(training, layer.math.mul(x, mask), x);
  }
}
