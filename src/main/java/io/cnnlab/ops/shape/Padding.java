package io.cnnlab.ops.shape;

/**
 * How a window's input is padded: explicit zeros per side, TensorFlow's SAME, or VALID (none).
 *
 * <p>SAME depends on the input size, kernel, stride and dilation, so a padding is resolved per axis with
 * {@link #resolve}.
 */
public sealed interface Padding {

  /** Zeros on each side: {@code top}/{@code bottom} on the height axis, {@code left}/{@code right} on the width axis. */
  record Explicit(AxisPadding height, AxisPadding width) implements Padding {
    public Explicit {
      if (height == null || width == null) {
        throw new IllegalArgumentException("explicit padding needs both axes");
      }
    }

    @Override
    public AxisPadding resolve(Axis axis, int in, int kernel, int stride, int dilation) {
      return axis == Axis.HEIGHT ? height : width;
    }

    /** {@code "2"}, {@code "1/2"} (before/after on both axes), or {@code "1x2"} / {@code "0/1x1/0"} per axis. */
    @Override
    public String toString() {
      return height.equals(width) ? height.toString() : height + "x" + width;
    }
  }

  /** TensorFlow's SAME: {@code ceil(in/stride)} outputs, the odd padding zero after. */
  record Same() implements Padding {
    @Override
    public AxisPadding resolve(Axis axis, int in, int kernel, int stride, int dilation) {
      return ShapeAlgebra.samePadding(in, kernel, stride, dilation);
    }

    @Override
    public String toString() {
      return "same";
    }
  }

  /** No padding: only window positions fully inside the input. */
  record Valid() implements Padding {
    @Override
    public AxisPadding resolve(Axis axis, int in, int kernel, int stride, int dilation) {
      return AxisPadding.NONE;
    }

    @Override
    public String toString() {
      return "valid";
    }
  }

  /** The two spatial axes. */
  enum Axis {
    HEIGHT,
    WIDTH;

    /** {@code "height"} or {@code "width"}, for messages. */
    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** The padding along {@code axis} for an input of {@code in} positions. */
  AxisPadding resolve(Axis axis, int in, int kernel, int stride, int dilation);

  /** {@code pad} zeros on every side. */
  static Padding symmetric(int pad) {
    AxisPadding p = new AxisPadding(pad, pad);
    return new Explicit(p, p);
  }

  /** Explicit zeros per side. */
  static Padding of(int top, int bottom, int left, int right) {
    return new Explicit(new AxisPadding(top, bottom), new AxisPadding(left, right));
  }

  /** TensorFlow's SAME padding. */
  static Padding same() {
    return new Same();
  }

  /** No padding. */
  static Padding valid() {
    return new Valid();
  }
}
