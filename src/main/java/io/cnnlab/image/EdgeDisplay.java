package io.cnnlab.image;

import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;

/**
 * Turns signed response maps into 8-bit grayscale pictures: {@code gray = 255 * min(1, |r| / scale)},
 * edges white on black.
 *
 * <p>The scale is a robust per-image value, the {@value #PERCENTILE}th percentile of |r|, rather than the
 * operator's theoretical maximum (765 for Prewitt, 1020 for Sobel): on real photos almost every response is
 * below a tenth of that maximum and would print nearly black. A percentile is not moved by a few extreme
 * pixels, and the top 1% (the strongest edges) saturate to white.
 */
public final class EdgeDisplay {
  /** Percentile of |response| that maps to white. */
  public static final double PERCENTILE = 99.0;

  private static final int BINS = 1 << 16;

  private EdgeDisplay() {}

  /**
   * The {@code q}th percentile (0 < q <= 100) of |v| over all values of all {@code maps} together, to within
   * 1/65536 of the largest |v| (histogram; the upper edge of the bin that reaches q). 0 for all-zero maps.
   */
  public static float percentileAbs(double q, float[]... maps) {
    if (!(q > 0 && q <= 100)) {
      throw new IllegalArgumentException("percentile must be in (0, 100], got " + q);
    }
    float max = 0;
    long count = 0;
    for (float[] map : maps) {
      for (float v : map) {
        max = Math.max(max, Math.abs(v));
      }
      count += map.length;
    }
    if (max == 0) {
      return 0;
    }
    long[] histogram = new long[BINS];
    double toBin = BINS / (double) max;
    for (float[] map : maps) {
      for (float v : map) {
        histogram[Math.min(BINS - 1, (int) (Math.abs(v) * toBin))]++;
      }
    }
    long needed = (long) Math.ceil(q / 100.0 * count);
    long seen = 0;
    for (int b = 0; b < BINS; b++) {
      seen += histogram[b];
      if (seen >= needed) {
        return (float) ((b + 1) / toBin);
      }
    }
    return max;
  }

  /** A {@code TYPE_BYTE_GRAY} picture of {@code |map|} scaled so that {@code scale} and above are white. */
  public static BufferedImage render(float[] map, int width, int height, float scale) {
    if ((long) width * height != map.length) {
      throw new IllegalArgumentException(
          "a " + width + "x" + height + " picture needs " + ((long) width * height) + " values, got " + map.length);
    }
    BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
    if (scale <= 0) {
      return out; // all-zero map: black
    }
    int[] gray = new int[map.length];
    float toGray = 255f / scale;
    for (int i = 0; i < map.length; i++) {
      gray[i] = Math.min(255, Math.round(Math.abs(map[i]) * toGray));
    }
    WritableRaster raster = out.getRaster();
    raster.setSamples(0, 0, width, height, 0, gray);
    return out;
  }
}
