package io.cnnlab.nn;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TInt64;

/**
 * The key of every random draw in a training step: the run's seed and the global training step. Stateless
 * random ops keyed by it draw the same values in every session, so a run resumed from a checkpoint, which
 * holds the step, draws exactly what the uninterrupted run drew; a stateful op's sequence would restart with
 * each new session.
 */
public final class StepSeed {
  private final long seed;
  private final Operand<TInt64> step;

  private StepSeed(long seed, Operand<TInt64> step) {
    this.seed = seed;
    this.step = step;
  }

  /**
   * Draws keyed by {@code seed} and the scalar {@code step}, which the training step advances after its
   * draws (the training graph's {@code global_step} variable).
   */
  public static StepSeed of(long seed, Operand<TInt64> step) {
    if (step == null || step.shape().numDimensions() != 0) {
      throw new IllegalArgumentException("the step must be a scalar operand, got "
          + (step == null ? "null" : step.shape()));
    }
    return new StepSeed(seed, step);
  }

  /** Draws keyed by {@code seed} at step 0 always: for graphs that never train (summaries, feature maps). */
  public static StepSeed fixed(long seed) {
    return new StepSeed(seed, null);
  }

  /** The run's seed (initializers derive theirs from it and the variable's name). */
  public long seed() {
    return seed;
  }

  /**
   * The two-element seed of a stateless random op for the op {@code name}:
   * {@code [Seeds.derive(seed, name), step]}. TensorFlow hashes both elements into its Philox key,
   * so every (name, step) pair draws an independent sequence.
   */
  public Operand<TInt64> statelessSeed(Ops tf, String name) {
    long key = Seeds.derive(seed, name);
    if (step == null) {
      return tf.constant(new long[] {key, 0L});
    }
    return tf.stack(List.of(tf.constant(key), step));
  }
}
