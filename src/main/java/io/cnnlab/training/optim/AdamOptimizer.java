package io.cnnlab.training.optim;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * Adam (Kingma and Ba, 2015) with TensorFlow's {@code ApplyAdam} kernel:
 * {@code m = b1 m + (1-b1) g}, {@code v = b2 v + (1-b2) g^2},
 * {@code w -= lr * sqrt(1-b2^t) / (1-b1^t) * m / (sqrt(v) + eps)}.
 *
 * <p>The bias correction comes from two scalar variables {@code b1^t} and {@code b2^t}, multiplied by
 * {@code b1} and {@code b2} after every variable's update (so they are checkpointed and a resumed run
 * continues the same sequence). {@code eps} is added to {@code sqrt(v)} before bias correction, as in
 * TensorFlow; PyTorch adds it after, which differs only while {@code v} is tiny.
 */
public final class AdamOptimizer extends GradientOptimizer {
  private final double beta1;
  private final double beta2;
  private final double epsilon;
  private Variable<TFloat32> beta1Power;
  private Variable<TFloat32> beta2Power;

  /** Adam with the paper's defaults: beta1 0.9, beta2 0.999, epsilon 1e-8. */
  public AdamOptimizer() {
    this(0.9, 0.999, 1e-8);
  }

  /**
   * @param beta1 decay of the first-moment average, in [0, 1)
   * @param beta2 decay of the second-moment average, in [0, 1)
   * @param epsilon added to {@code sqrt(v)}, > 0
   */
  public AdamOptimizer(double beta1, double beta2, double epsilon) {
    if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
      throw new IllegalArgumentException("Adam betas must be in [0, 1), got " + beta1 + " and " + beta2);
    }
    if (!(epsilon > 0)) {
      throw new IllegalArgumentException("Adam epsilon must be > 0, got " + epsilon);
    }
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.epsilon = epsilon;
  }

  @Override
  protected String name() {
    return "adam";
  }

  @Override
  protected Op applyDense(
      Ops tf, Variable<TFloat32> variable, Operand<TFloat32> gradient, Operand<TFloat32> learningRate) {
    if (beta1Power == null) {
      beta1Power = scalarSlot(tf, "adam-beta1_power", beta1);
      beta2Power = scalarSlot(tf, "adam-beta2_power", beta2);
    }
    Variable<TFloat32> m = slot(tf, variable, "m");
    Variable<TFloat32> v = slot(tf, variable, "v");
    return tf.train.applyAdam(
        variable, m, v, beta1Power, beta2Power, learningRate,
        scalar(tf, beta1), scalar(tf, beta2), scalar(tf, epsilon), gradient);
  }

  @Override
  protected Op finish(Ops tf, List<Op> updates) {
    Ops after = tf.withControlDependencies(updates);
    Op b1 = after.assign(beta1Power, after.math.mul(beta1Power, scalar(tf, beta1)));
    Op b2 = after.assign(beta2Power, after.math.mul(beta2Power, scalar(tf, beta2)));
    return tf.withControlDependencies(List.of(b1, b2)).withName("adam_step").noOp();
  }

  @Override
  public String toString() {
    return "Adam(beta1=" + beta1 + ",beta2=" + beta2 + ",epsilon=" + epsilon + ")";
  }
}
