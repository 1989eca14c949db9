package io.cnnlab.nn;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** Element-wise nonlinearities. */
public enum Activation {
  RELU("relu"),
  SIGMOID("sigmoid"),
  TANH("tanh");

  private final String label;

  Activation(String label) {
    this.label = label;
  }

  /** Lower-case name used in tap names ({@code sigmoid1}) and on the command line. */
  public String label() {
    return label;
  }

  /** {@code f(x)} element-wise. */
  public Operand<TFloat32> apply(Ops tf, Operand<TFloat32> x) {
    return switch (this) {
      case RELU -> tf.nn.relu(x);
      case SIGMOID -> tf.math.sigmoid(x);
      case TANH -> tf.math.tanh(x);
    };
  }

  /** The activation called {@code label} (case-insensitive). */
  public static Activation parse(String label) {
    for (Activation a : values()) {
      if (a.label.equalsIgnoreCase(label)) {
        return a;
      }
    }
    throw new IllegalArgumentException("unknown activation '" + label + "': expected relu, sigmoid or tanh");
  }
}
