package io.cnnlab.training.optim;

import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.train.ApplyMomentum;
import org.tensorflow.types.TFloat32;

/**
 * SGD with heavy-ball or Nesterov momentum, PyTorch's formulation (no dampening):
 * {@code v = mu * v + g}, then {@code w -= lr * v}, or with Nesterov {@code w -= lr * (g + mu * v)}.
 *
 * <p>The velocity holds gradients, not rate-scaled steps, so a scheduled rate acts on the next update
 * only. TensorFlow's {@code ApplyMomentum} kernel computes exactly this.
 */
public final class MomentumOptimizer extends GradientOptimizer {
  private final double momentum;
  private final boolean nesterov;

  /**
   * @param momentum velocity decay {@code mu}, in [0, 1)
   * @param nesterov true for Nesterov's look-ahead variant
   */
  public MomentumOptimizer(double momentum, boolean nesterov) {
    if (!(momentum >= 0 && momentum < 1)) {
      throw new IllegalArgumentException("momentum must be in [0, 1), got " + momentum);
    }
    this.momentum = momentum;
    this.nesterov = nesterov;
  }

  @Override
  protected String name() {
    return nesterov ? "nesterov" : "momentum";
  }

  @Override
  protected Op applyDense(
      Ops tf, Variable<TFloat32> variable, Operand<TFloat32> gradient, Operand<TFloat32> learningRate) {
    Variable<TFloat32> velocity = slot(tf, variable, "velocity");
    return tf.train.applyMomentum(
        variable, velocity, learningRate, gradient, scalar(tf, momentum), ApplyMomentum.useNesterov(nesterov));
  }

  @Override
  public String toString() {
    return (nesterov ? "Nesterov" : "Momentum") + "(momentum=" + momentum + ")";
  }
}
