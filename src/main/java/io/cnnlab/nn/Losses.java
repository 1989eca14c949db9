package io.cnnlab.nn;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/** Classification loss and accuracy from logits and integer labels. */
public final class Losses {
  private Losses() {}

  /**
   * Mean softmax cross-entropy of {@code logits [N, classes]} against integer {@code labels [N]}.
   *
   * <p>Goes through one-hot labels and the dense op: {@code SparseSoftmaxCrossEntropyWithLogits} has no
   * registered gradient in TensorFlow Java 1.1.0, the dense op's gradient is correct.
   */
  public static Operand<TFloat32> softmaxCrossEntropy(
      Ops tf, Operand<TFloat32> logits, Operand<TInt32> labels, int classes) {
    Operand<TFloat32> oneHot =
        tf.oneHot(labels, tf.constant(classes), tf.constant(1f), tf.constant(0f));
    Operand<TFloat32> perExample = tf.nn.softmaxCrossEntropyWithLogits(logits, oneHot).loss();
    return tf.math.mean(perExample, tf.constant(0));
  }

  /** Number of rows of {@code logits} whose arg-max equals the label, as a float scalar. */
  public static Operand<TFloat32> correctCount(Ops tf, Operand<TFloat32> logits, Operand<TInt32> labels) {
    Operand<TInt64> predicted = tf.math.argMax(logits, tf.constant(1));
    Operand<TFloat32> hits =
        tf.dtypes.cast(tf.math.equal(predicted, tf.dtypes.cast(labels, TInt64.class)), TFloat32.class);
    return tf.sum(hits, tf.constant(0));
  }

  /** Predicted class per row of {@code logits}. */
  public static Operand<TInt32> predictions(Ops tf, Operand<TFloat32> logits) {
    return tf.math.argMax(logits, tf.constant(1), TInt32.class);
  }
}
