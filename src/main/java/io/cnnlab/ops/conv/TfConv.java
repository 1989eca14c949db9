package io.cnnlab.ops.conv;

import io.cnnlab.ops.shape.AxisPadding;
import io.cnnlab.ops.shape.Padding;
import io.cnnlab.ops.shape.Window;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.nn.Conv2d;
import org.tensorflow.types.TFloat32;

/** TensorFlow graph functions for convolution in NHWC layout (TensorFlow's CPU layout). */
public final class TfConv {
  private TfConv() {}

  /**
   * {@code conv2d} of an NHWC input with an HWIO filter. SAME and VALID map to TensorFlow's own paddings,
   * explicit (possibly asymmetric) padding to its EXPLICIT mode, so TensorFlow splits SAME independently of
   * {@link io.cnnlab.ops.shape.ShapeAlgebra}.
   */
  public static Operand<TFloat32> conv2d(Ops tf, Operand<TFloat32> nhwc, Operand<TFloat32> hwio, Window window) {
    List<Long> strides = List.of(1L, (long) window.strideHeight(), (long) window.strideWidth(), 1L);
    Conv2d.Options dilations =
        Conv2d.dilations(List.of(1L, (long) window.dilationHeight(), (long) window.dilationWidth(), 1L));
    Padding padding = window.padding();
    if (padding instanceof Padding.Same) {
      return tf.nn.conv2d(nhwc, hwio, strides, "SAME", dilations);
    }
    if (padding instanceof Padding.Valid) {
      return tf.nn.conv2d(nhwc, hwio, strides, "VALID", dilations);
    }
    Padding.Explicit e = (Padding.Explicit) padding;
    AxisPadding h = e.height();
    AxisPadding w = e.width();
    List<Long> explicit = List.of(0L, 0L, (long) h.before(), (long) h.after(), (long) w.before(), (long) w.after(), 0L, 0L);
    return tf.nn.conv2d(nhwc, hwio, strides, "EXPLICIT", dilations, Conv2d.explicitPaddings(explicit));
  }

  /** {@link #conv2d} followed by a per-channel bias. */
  public static Operand<TFloat32> conv2d(
      Ops tf, Operand<TFloat32> nhwc, Operand<TFloat32> hwio, Operand<TFloat32> bias, Window window) {
    return tf.nn.biasAdd(conv2d(tf, nhwc, hwio, window), bias);
  }

  /**
   * A 1x1 convolution as one matrix multiplication: the NHWC input reshaped to {@code (N*H*W) x in}, times
   * the {@code in x out} kernel, plus bias, reshaped back to {@code N x H x W x out}.
   * The input's static shape must be fully known.
   */
  public static Operand<TFloat32> conv1x1AsMatMul(
      Ops tf, Operand<TFloat32> nhwc, Operand<TFloat32> inOut, Operand<TFloat32> bias) {
    long[] dims = nhwc.shape().asArray();
    if (dims.length != 4 || nhwc.shape().hasUnknownDimension()) {
      throw new IllegalArgumentException("conv1x1AsMatMul needs a fully known NHWC shape, got " + nhwc.shape());
    }
    long out = inOut.shape().size(1);
    Operand<TFloat32> rows = tf.reshape(nhwc, tf.constant(new long[] {dims[0] * dims[1] * dims[2], dims[3]}));
    Operand<TFloat32> product = tf.nn.biasAdd(tf.linalg.matMul(rows, inOut), bias);
    return tf.reshape(product, tf.constant(new long[] {dims[0], dims[1], dims[2], out}));
  }

  /** A float constant of {@code shape} holding {@code values} (row-major). */
  public static Operand<TFloat32> constant(Ops tf, float[] values, long... shape) {
    return tf.constant(Shape.of(shape), DataBuffers.of(values, true, false));
  }
}
