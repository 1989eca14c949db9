package io.cnnlab.image;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.Raster;

/**
 * Converts colour images to grayscale by the ITU-R BT.601 luma weights,
 * {@code Y = 0.299 R + 0.587 G + 0.114 B}, on the stored (gamma-encoded) 8-bit values, giving [0, 255].
 */
public final class Luma {
  public static final float RED = 0.299f;
  public static final float GREEN = 0.587f;
  public static final float BLUE = 0.114f;

  private Luma() {}

  /** The luma of one pixel given its 8-bit components. */
  public static float of(int red, int green, int blue) {
    return RED * red + GREEN * green + BLUE * blue;
  }

  /** The luma of a packed {@code 0xAARRGGBB} pixel; alpha is ignored. */
  public static float ofRgb(int argb) {
    return of((argb >> 16) & 0xff, (argb >> 8) & 0xff, argb & 0xff);
  }

  /**
   * The grayscale version of {@code image}. Gray images keep their stored values (scaled to [0, 255] if
   * 16-bit); 8-bit RGB rasters are read band by band; anything else (palettes, CMYK) goes through
   * {@link BufferedImage#getRGB}, i.e. Java's conversion to sRGB.
   */
  public static GrayImage toGray(BufferedImage image) {
    int w = image.getWidth();
    int h = image.getHeight();
    float[] out = new float[w * h];
    Raster raster = image.getRaster();
    boolean component = image.getColorModel() instanceof ComponentColorModel;
    int colours = image.getColorModel().getNumColorComponents();
    int csType = image.getColorModel().getColorSpace().getType();
    if (component && colours == 1 && csType == ColorSpace.TYPE_GRAY) {
      // getRGB would pass gray through a linear-to-sRGB curve and change the values.
      float scale = 255f / ((1 << image.getColorModel().getComponentSize(0)) - 1);
      int[] gray = raster.getSamples(0, 0, w, h, 0, (int[]) null);
      for (int i = 0; i < out.length; i++) {
        out[i] = gray[i] * scale;
      }
    } else if (component && colours == 3 && image.getColorModel().getColorSpace().isCS_sRGB()
        && image.getColorModel().getComponentSize(0) == 8) {
      int[] r = raster.getSamples(0, 0, w, h, 0, (int[]) null);
      int[] g = raster.getSamples(0, 0, w, h, 1, (int[]) null);
      int[] b = raster.getSamples(0, 0, w, h, 2, (int[]) null);
      for (int i = 0; i < out.length; i++) {
        out[i] = of(r[i], g[i], b[i]);
      }
    } else {
      int[] row = new int[w];
      for (int y = 0; y < h; y++) {
        image.getRGB(0, y, w, 1, row, 0, w);
        for (int x = 0; x < w; x++) {
          out[y * w + x] = ofRgb(row[x]);
        }
      }
    }
    return new GrayImage(w, h, out);
  }
}
