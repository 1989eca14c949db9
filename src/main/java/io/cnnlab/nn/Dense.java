package io.cnnlab.nn;

import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/** Fully connected layers and the flattening that precedes them. */
public final class Dense {
  private Dense() {}

  /**
   * Adds {@code name_kernel} {@code [in, units]} (Xavier uniform) and {@code name_bias} (zeros) and returns
   * {@code x kernel + bias}, its ops in name scope {@code name}.
   *
   * @param x input {@code [N, in]} with a known {@code in}
   */
  public static WeightedOutput dense(Ops tf, String name, Operand<TFloat32> x, int units, long seed) {
    if (units < 1) {
      throw new IllegalArgumentException(name + ": units must be >= 1, got " + units);
    }
    if (x.shape().numDimensions() != 2) {
      throw new IllegalArgumentException(name + ": input must be [N, features], got " + x.shape());
    }
    long in = Conv.knownDim(x, 1, name);
    Ops layer = tf.withSubScope(name);
    Variable<TFloat32> w =
        Initializers.xavierVariable(tf, name, Initializers.KERNEL, Shape.of(in, units), in, units, seed);
    Variable<TFloat32> b =
        Initializers.variable(tf, name, Initializers.BIAS, Initializers.filled(tf, Shape.of(units), 0f));
    return new WeightedOutput(layer.nn.biasAdd(layer.linalg.matMul(x, w), b), w, b);
  }

  /**
   * Reshapes {@code [N, d1, d2, ...]} to {@code [N, d1 * d2 * ...]} (row-major, so NHWC order: the features
   * of one pixel are adjacent). The non-batch dimensions must be known.
   */
  public static Operand<TFloat32> flatten(Ops tf, Operand<TFloat32> x) {
    Shape s = x.shape();
    long features = 1;
    for (int i = 1; i < s.numDimensions(); i++) {
      features *= Conv.knownDim(x, i, "flatten");
    }
    return tf.reshape(x, tf.constant(new long[] {-1, features}));
  }
}
