package io.cnnlab.ops.shape;

/** Zeros added before (top or left) and after (bottom or right) the input along one axis. */
public record AxisPadding(int before, int after) {
  /** No padding. */
  public static final AxisPadding NONE = new AxisPadding(0, 0);

  public AxisPadding {
    ShapeAlgebra.requireAtLeast("padding before", before, 0);
    ShapeAlgebra.requireAtLeast("padding after", after, 0);
  }

  /** Total zeros added along the axis. */
  public int total() {
    return before + after;
  }

  /** {@code "2"} when symmetric, {@code "1/2"} (before/after) otherwise. */
  @Override
  public String toString() {
    return before == after ? Integer.toString(before) : before + "/" + after;
  }
}
