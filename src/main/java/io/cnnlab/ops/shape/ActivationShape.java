package io.cnnlab.ops.shape;

/** The shape of one example's activations: a feature map (height x width x channels) or a flat vector. */
public sealed interface ActivationShape {

  /** A feature map of {@code height x width} positions with {@code channels} channels. */
  record Spatial(int height, int width, int channels) implements ActivationShape {
    public Spatial {
      ShapeAlgebra.requireAtLeast("height", height, 1);
      ShapeAlgebra.requireAtLeast("width", width, 1);
      ShapeAlgebra.requireAtLeast("channels", channels, 1);
    }

    @Override
    public long size() {
      return (long) height * width * channels;
    }

    /** {@code HxWxC}, e.g. {@code 28x28x1}. */
    @Override
    public String toString() {
      return height + "x" + width + "x" + channels;
    }
  }

  /** A vector of {@code features} values (after flattening or a dense layer). */
  record Flat(long features) implements ActivationShape {
    public Flat {
      if (features < 1) {
        throw new IllegalArgumentException("features must be >= 1, got " + features);
      }
    }

    @Override
    public long size() {
      return features;
    }

    @Override
    public String toString() {
      return Long.toString(features);
    }
  }

  /** Values per example. */
  long size();

  /**
   * Parses {@code HxWxC} (e.g. {@code 28x28x1}).
   *
   * @throws IllegalArgumentException naming {@code text} and the expected form
   */
  static Spatial parseSpatial(String text) {
    String[] parts = text.trim().split("x", -1);
    if (parts.length == 3) {
      try {
        return new Spatial(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), Integer.parseInt(parts[2]));
      } catch (IllegalArgumentException e) {
        // fall through to the message naming the expected form
      }
    }
    throw new IllegalArgumentException(
        "input shape '" + text + "': expected HxWxC with positive integers, e.g. 28x28x1");
  }
}
