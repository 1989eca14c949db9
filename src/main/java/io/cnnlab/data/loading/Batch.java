package io.cnnlab.data.loading;

/**
 * One mini-batch, ready to feed: images as a flat NHWC float array (already normalized) and integer labels.
 *
 * @param images {@code size * height * width * channels} floats, row-major NHWC
 * @param labels {@code size} class indices in {@code [0, classes)}
 * @param size number of samples (the last batch of an epoch may be smaller unless drop-last is set)
 * @param height image height in pixels
 * @param width image width in pixels
 * @param channels 1 (grayscale) or 3 (RGB)
 */
public record Batch(float[] images, int[] labels, int size, int height, int width, int channels) {
  public Batch {
    long need = (long) size * height * width * channels;
    if (images.length != need) {
      throw new IllegalArgumentException(
          "batch of " + size + "x" + height + "x" + width + "x" + channels + " needs " + need
              + " floats, got " + images.length);
    }
    if (labels.length != size) {
      throw new IllegalArgumentException("batch of " + size + " needs " + size + " labels, got " + labels.length);
    }
  }

  /** The NHWC shape to feed, as TensorFlow wants it. */
  public long[] shape() {
    return new long[] {size, height, width, channels};
  }
}
