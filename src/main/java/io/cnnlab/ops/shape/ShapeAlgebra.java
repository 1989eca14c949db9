package io.cnnlab.ops.shape;

/**
 * Output sizes of sliding windows (convolution and pooling) along one axis.
 *
 * <p>A window of {@code kernel} taps spaced {@code dilation} apart covers {@code dilation*(kernel-1)+1}
 * input positions (its extent). Sliding it by {@code stride} over an input padded with {@code padBefore}
 * and {@code padAfter} zeros gives {@code floor((in + padBefore + padAfter - extent) / stride) + 1}
 * positions: positions that would run past the end are dropped, as in TensorFlow, PyTorch and d2l §7.3.
 */
public final class ShapeAlgebra {
  private ShapeAlgebra() {}

  /** Input positions a window of {@code kernel} taps spaced {@code dilation} apart covers. */
  public static int extent(int kernel, int dilation) {
    requireAtLeast("kernel", kernel, 1);
    requireAtLeast("dilation", dilation, 1);
    return Math.addExact(Math.multiplyExact(dilation, kernel - 1), 1);
  }

  /**
   * Output size along one axis: {@code floor((in + padBefore + padAfter - dilation*(kernel-1) - 1) / stride) + 1}.
   *
   * @throws IllegalArgumentException if a size is not positive, a padding is negative, or the window does not
   *     fit the padded input even once (the output would be empty)
   */
  public static int outputSize(int in, int kernel, int stride, int padBefore, int padAfter, int dilation) {
    requireAtLeast("input size", in, 1);
    requireAtLeast("stride", stride, 1);
    requireAtLeast("padding before", padBefore, 0);
    requireAtLeast("padding after", padAfter, 0);
    int extent = extent(kernel, dilation);
    long padded = (long) in + padBefore + padAfter;
    if (padded < extent) {
      throw new IllegalArgumentException(
          "window of extent " + extent + " (kernel " + kernel + ", dilation " + dilation
              + ") does not fit the padded input of " + padded + " (input " + in + ", padding "
              + padBefore + "/" + padAfter + "): the output would be empty");
    }
    return Math.toIntExact((padded - extent) / stride + 1);
  }

  /** Output size with {@code pad} zeros on both sides. */
  public static int outputSize(int in, int kernel, int stride, int pad) {
    return outputSize(in, kernel, stride, pad, pad, 1);
  }

  /**
   * As {@link #outputSize(int, int, int, int)}, but 0 where nothing is left: an empty input or a window that does
   * not fit the padded input. For chains of layers that ask whether any feature map remains at the end.
   */
  public static int outputSizeOrZero(int in, int kernel, int stride, int pad) {
    requireAtLeast("input size", in, 0);
    if (in == 0 || (long) in + 2L * pad < extent(kernel, 1)) {
      return 0;
    }
    return outputSize(in, kernel, stride, pad);
  }

  /** Output size of TensorFlow's SAME padding: {@code ceil(in / stride)}, whatever the kernel. */
  public static int sameOutputSize(int in, int stride) {
    requireAtLeast("input size", in, 1);
    requireAtLeast("stride", stride, 1);
    return (in + stride - 1) / stride;
  }

  /**
   * TensorFlow's SAME padding: just enough zeros for {@code ceil(in/stride)} outputs, split with the odd
   * one after ({@code before = total/2}, {@code after = total - before}).
   */
  public static AxisPadding samePadding(int in, int kernel, int stride, int dilation) {
    int out = sameOutputSize(in, stride);
    long needed = (long) (out - 1) * stride + extent(kernel, dilation) - in;
    int total = Math.toIntExact(Math.max(needed, 0));
    return new AxisPadding(total / 2, total - total / 2);
  }

  static void requireAtLeast(String what, int value, int min) {
    if (value < min) {
      throw new IllegalArgumentException(what + " must be >= " + min + ", got " + value);
    }
  }
}
