package io.cnnlab.reports.figures;

import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;

/**
 * Float maps to 8-bit grayscale images by min–max normalization: the smallest value becomes black (0),
 * the largest white (255), linearly in between; a constant map (e.g. a dead ReLU channel) is all black.
 */
public final class GrayImages {
  private GrayImages() {}

  /** A grayscale image of {@code values[row][column]}, min–max normalized. */
  public static BufferedImage minMax(float[][] values) {
    int h = values.length;
    int w = h == 0 ? 0 : values[0].length;
    float[] flat = new float[h * w];
    for (int y = 0; y < h; y++) {
      if (values[y].length != w) {
        throw new IllegalArgumentException("row " + y + " has " + values[y].length + " values, expected " + w);
      }
      System.arraycopy(values[y], 0, flat, y * w, w);
    }
    return minMax(flat, h, w);
  }

  /** A grayscale image of a row-major {@code h x w} map, min–max normalized. */
  public static BufferedImage minMax(float[] plane, int h, int w) {
    if (plane.length != h * w || h < 1 || w < 1) {
      throw new IllegalArgumentException(plane.length + " values for a " + h + "x" + w + " map");
    }
    int[] gray = toGray(plane);
    BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
    WritableRaster raster = image.getRaster();
    raster.setSamples(0, 0, w, h, 0, gray);
    return image;
  }

  /** Min–max normalized gray levels 0..255 of {@code values}; all 0 when the values are constant. */
  public static int[] toGray(float[] values) {
    float min = Float.POSITIVE_INFINITY;
    float max = Float.NEGATIVE_INFINITY;
    for (float v : values) {
      if (!Float.isNaN(v)) {
        min = Math.min(min, v);
        max = Math.max(max, v);
      }
    }
    int[] gray = new int[values.length];
    float range = max - min;
    if (!(range > 0)) {
      return gray;
    }
    for (int i = 0; i < values.length; i++) {
      gray[i] = Float.isNaN(values[i]) ? 0 : Math.round((values[i] - min) / range * 255f);
    }
    return gray;
  }
}
