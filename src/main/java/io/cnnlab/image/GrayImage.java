package io.cnnlab.image;

/**
 * A grayscale image: {@code width * height} intensities in [0, 255], row-major, row 0 at the top.
 * The array is shared, not copied (photos are large).
 */
public record GrayImage(int width, int height, float[] pixels) {
  public GrayImage {
    if (width < 1 || height < 1 || (long) width * height != pixels.length) {
      throw new IllegalArgumentException("a " + width + "x" + height + " image needs "
          + ((long) width * height) + " pixels (sizes >= 1), got " + pixels.length);
    }
  }

  /** Intensity at column {@code x}, row {@code y}. */
  public float at(int x, int y) {
    return pixels[y * width + x];
  }
}
