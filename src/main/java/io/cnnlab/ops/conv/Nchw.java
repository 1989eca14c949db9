package io.cnnlab.ops.conv;

import java.util.Random;

/**
 * A batch of feature maps in NCHW layout (batch, channels, height, width), row-major in a flat array.
 *
 * <p>The array is shared, not copied: these are plain-Java reference computations on big buffers.
 */
public record Nchw(int batch, int channels, int height, int width, float[] data) {
  public Nchw {
    if (batch < 1 || channels < 1 || height < 1 || width < 1) {
      throw new IllegalArgumentException(
          "NCHW dimensions must be >= 1, got " + batch + "x" + channels + "x" + height + "x" + width);
    }
    long size = (long) batch * channels * height * width;
    if (data == null || data.length != size) {
      throw new IllegalArgumentException(
          "NCHW " + batch + "x" + channels + "x" + height + "x" + width + " needs " + size + " values, got "
              + (data == null ? "none" : data.length));
    }
  }

  /** All zeros. */
  public static Nchw zeros(int batch, int channels, int height, int width) {
    int size = Math.multiplyExact(Math.multiplyExact(batch, channels), Math.multiplyExact(height, width));
    return new Nchw(batch, channels, height, width, new float[size]);
  }

  /** Uniform values in [-1, 1) from {@code random}. */
  public static Nchw random(Random random, int batch, int channels, int height, int width) {
    Nchw x = zeros(batch, channels, height, width);
    Randoms.fill(random, x.data);
    return x;
  }

  /** Flat index of element (n, c, h, w). */
  public int index(int n, int c, int h, int w) {
    return ((n * channels + c) * height + h) * width + w;
  }

  /** Element (n, c, h, w). */
  public float get(int n, int c, int h, int w) {
    return data[index(n, c, h, w)];
  }

  /** The shape as {@code {N, C, H, W}}. */
  public long[] shape() {
    return new long[] {batch, channels, height, width};
  }

  /** The same values in NHWC layout (a copy), as TensorFlow's CPU kernels expect. */
  public float[] toNhwc() {
    return Layouts.nchwToNhwc(data, batch, channels, height, width);
  }

  /** A batch from NHWC values of shape {@code [batch, height, width, channels]}. */
  public static Nchw fromNhwc(float[] nhwc, int batch, int height, int width, int channels) {
    return new Nchw(batch, channels, height, width, Layouts.nhwcToNchw(nhwc, batch, height, width, channels));
  }
}
