package io.cnnlab.ops.edges;

/**
 * The result of edge detection on one grayscale image: a signed response map per {@link Orientation}
 * and the combined edge strength, each row-major with {@code width * height} values.
 */
public final class EdgeMaps {
  private final int width;
  private final int height;
  private final EdgeOperator operator;
  private final EdgeCombination rule;
  private final float[][] responses;
  private final float[] combined;

  EdgeMaps(int width, int height, EdgeOperator operator, EdgeCombination rule,
      float[][] responses, float[] combined) {
    this.width = width;
    this.height = height;
    this.operator = operator;
    this.rule = rule;
    this.responses = responses;
    this.combined = combined;
  }

  public int width() {
    return width;
  }

  public int height() {
    return height;
  }

  /** The operator whose kernels produced these maps. */
  public EdgeOperator operator() {
    return operator;
  }

  /** The rule that produced {@link #combined()}. */
  public EdgeCombination rule() {
    return rule;
  }

  /** The signed response of the {@code orientation} kernel (see {@link EdgeKernels} for the signs). */
  public float[] response(Orientation orientation) {
    return responses[orientation.ordinal()];
  }

  /** The combined, non-negative edge strength. */
  public float[] combined() {
    return combined;
  }
}
