package io.cnnlab.training.optim;

import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/** Plain stochastic gradient descent: {@code w -= lr * g}. */
public final class SgdOptimizer extends GradientOptimizer {
  @Override
  protected String name() {
    return "sgd";
  }

  @Override
  protected Op applyDense(
      Ops tf, Variable<TFloat32> variable, Operand<TFloat32> gradient, Operand<TFloat32> learningRate) {
    return tf.train.applyGradientDescent(variable, learningRate, gradient);
  }

  @Override
  public String toString() {
    return "SGD";
  }
}
