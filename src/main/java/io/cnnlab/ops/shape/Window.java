package io.cnnlab.ops.shape;

import io.cnnlab.ops.shape.Padding.Axis;

/**
 * A sliding window over the two spatial axes, shared by convolution and pooling: kernel, stride and
 * dilation per axis, and a padding.
 */
public record Window(
    int kernelHeight,
    int kernelWidth,
    int strideHeight,
    int strideWidth,
    int dilationHeight,
    int dilationWidth,
    Padding padding) {

  public Window {
    ShapeAlgebra.requireAtLeast("kernel height", kernelHeight, 1);
    ShapeAlgebra.requireAtLeast("kernel width", kernelWidth, 1);
    ShapeAlgebra.requireAtLeast("stride height", strideHeight, 1);
    ShapeAlgebra.requireAtLeast("stride width", strideWidth, 1);
    ShapeAlgebra.requireAtLeast("dilation height", dilationHeight, 1);
    ShapeAlgebra.requireAtLeast("dilation width", dilationWidth, 1);
    if (padding == null) {
      throw new IllegalArgumentException("padding must be given (use Padding.valid() for none)");
    }
  }

  /** A square {@code kernel} window with one stride for both axes and no dilation. */
  public static Window square(int kernel, int stride, Padding padding) {
    return new Window(kernel, kernel, stride, stride, 1, 1, padding);
  }

  /** This window with another padding. */
  public Window withPadding(Padding newPadding) {
    return new Window(kernelHeight, kernelWidth, strideHeight, strideWidth, dilationHeight, dilationWidth, newPadding);
  }

  /** This window with a dilation on both axes. */
  public Window withDilation(int height, int width) {
    return new Window(kernelHeight, kernelWidth, strideHeight, strideWidth, height, width, padding);
  }

  /**
   * The window slid over an {@code height x width} input: resolved padding and output size per axis.
   *
   * @throws IllegalArgumentException naming the axis when the window does not fit the (padded) input
   */
  public WindowGeometry over(int height, int width) {
    return new WindowGeometry(
        this,
        height,
        width,
        resolve(Axis.HEIGHT, height, kernelHeight, strideHeight, dilationHeight),
        resolve(Axis.WIDTH, width, kernelWidth, strideWidth, dilationWidth));
  }

  /** Compact form for messages, e.g. {@code k5x3 s2 d1 p1/2}. */
  @Override
  public String toString() {
    return "k" + pair(kernelHeight, kernelWidth) + " s" + pair(strideHeight, strideWidth) + " d"
        + pair(dilationHeight, dilationWidth) + " p" + padding;
  }

  private static String pair(int h, int w) {
    return h == w ? Integer.toString(h) : h + "x" + w;
  }

  private AxisPadding resolve(Axis axis, int in, int kernel, int stride, int dilation) {
    try {
      return padding.resolve(axis, in, kernel, stride, dilation);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(axis.label() + ": " + e.getMessage(), e);
    }
  }
}
