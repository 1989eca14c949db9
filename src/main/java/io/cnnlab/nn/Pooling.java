package io.cnnlab.nn;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.Operation;
import org.tensorflow.op.Scope;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Spatial pooling over square windows without padding ({@code VALID}), as {@code nn.MaxPool2d/AvgPool2d}.
 *
 * <p>Max pooling is built as TensorFlow's {@code MaxPool} op (window and strides as attributes), not
 * {@code MaxPoolV2} (the op {@code tf.nn.maxPool} creates, window and strides as tensors): only the first is
 * rewritten to oneDNN's kernel; the plain V2 kernels were a large part of a ReLU/max LeNet training step
 * (bench/PERFORMANCE.md).
 */
public enum Pooling {
  MAX("max"),
  AVG("avg");

  private final String label;

  Pooling(String label) {
    this.label = label;
  }

  /** {@code max} or {@code avg}; tap names are {@code maxpool1}, {@code avgpool1}... */
  public String label() {
    return label;
  }

  /** Pools {@code x [N, H, W, C]} with a {@code window x window} window moved by {@code stride}. */
  public Operand<TFloat32> apply(Ops tf, Operand<TFloat32> x, int window, int stride) {
    if (window < 1 || stride < 1) {
      throw new IllegalArgumentException("pooling window and stride must be >= 1, got " + window + ", " + stride);
    }
    return switch (this) {
      case MAX -> maxPool(tf, x, window, stride);
      case AVG -> tf.nn.avgPool(x, List.of(1L, (long) window, (long) window, 1L),
          List.of(1L, (long) stride, (long) stride, 1L), "VALID");
    };
  }

  /** {@code MaxPool} (v1) with {@code VALID} padding, NHWC; its gradient is registered in TensorFlow's C++ core. */
  private static Operand<TFloat32> maxPool(Ops tf, Operand<TFloat32> x, int window, int stride) {
    Scope scope = tf.scope();
    Operation op = scope.opBuilder("MaxPool", "MaxPool")
        .addInput(x.asOutput())
        .setAttr("ksize", new long[] {1, window, window, 1})
        .setAttr("strides", new long[] {1, stride, stride, 1})
        .setAttr("padding", "VALID")
        .build();
    return op.output(0);
  }

  /** The pooling called {@code label} ({@code max} or {@code avg}, case-insensitive). */
  public static Pooling parse(String label) {
    for (Pooling p : values()) {
      if (p.label.equalsIgnoreCase(label)) {
        return p;
      }
    }
    throw new IllegalArgumentException("unknown pooling '" + label + "': expected max or avg");
  }
}
