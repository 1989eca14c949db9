package io.cnnlab.ops.shape;

import io.cnnlab.ops.shape.Padding.Axis;

/**
 * A {@link Window} placed over an input of known size: the padding it resolves to and the output size, per
 * axis. Built by {@link Window#over}; the output sizes follow {@link ShapeAlgebra#outputSize}.
 */
public record WindowGeometry(
    Window window, int inHeight, int inWidth, AxisPadding padHeight, AxisPadding padWidth, int outHeight, int outWidth) {

  WindowGeometry(Window window, int inHeight, int inWidth, AxisPadding padHeight, AxisPadding padWidth) {
    this(
        window,
        inHeight,
        inWidth,
        padHeight,
        padWidth,
        size(Axis.HEIGHT, inHeight, window.kernelHeight(), window.strideHeight(), padHeight, window.dilationHeight()),
        size(Axis.WIDTH, inWidth, window.kernelWidth(), window.strideWidth(), padWidth, window.dilationWidth()));
  }

  private static int size(Axis axis, int in, int kernel, int stride, AxisPadding pad, int dilation) {
    try {
      return ShapeAlgebra.outputSize(in, kernel, stride, pad.before(), pad.after(), dilation);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(axis.label() + ": " + e.getMessage(), e);
    }
  }

  /** Zeros above the input. */
  public int padTop() {
    return padHeight.before();
  }

  /** Zeros below the input. */
  public int padBottom() {
    return padHeight.after();
  }

  /** Zeros left of the input. */
  public int padLeft() {
    return padWidth.before();
  }

  /** Zeros right of the input. */
  public int padRight() {
    return padWidth.after();
  }
}
