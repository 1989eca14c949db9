package io.cnnlab.reports.figures;

import io.cnnlab.reports.charts.ColorScales;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.Locale;

/**
 * First-layer convolution kernels as enlarged tiles. Weights come in TensorFlow's {@code [kh, kw, cin,
 * cout]} layout, row-major.
 *
 * <ul>
 *   <li>Three input channels (colour images): one RGB tile per output channel, each kernel min–max
 *       normalized on its own over its three channels, as in the AlexNet paper's figure.
 *   <li>Any other number: one tile per (output, input) channel pair in a diverging map, blue for negative,
 *       white for zero, red for positive, on one scale of ±(largest |weight| of the layer), so kernels can
 *       be compared in strength. With one input channel tiles wrap at {@link TileGridLayout#MAX_COLUMNS};
 *       otherwise each row is one output channel.
 * </ul>
 */
public final class KernelGrid {
  private KernelGrid() {}

  private static final Color BACKGROUND = new Color(190, 190, 190);

  /** Kernel grids are at least this wide, so the caption with its colour key fits. */
  public static final int MIN_WIDTH = 440;

  /** The layout of this kernel shape. */
  public static TileGridLayout layout(int kh, int kw, int cin, int cout) {
    TileGridLayout g;
    if (cin == 3) {
      g = TileGridLayout.forMaps(cout, kh, kw, TileGridLayout.MAX_COLUMNS);
    } else {
      g = TileGridLayout.forMaps(cout * cin, kh, kw, cin == 1 ? TileGridLayout.MAX_COLUMNS : cin);
    }
    return new TileGridLayout(
        g.columns(), g.rows(), g.tileWidth(), g.tileHeight(), g.gap(), g.padding(), g.captionHeight(), MIN_WIDTH);
  }

  public static BufferedImage render(String name, float[] weights, int kh, int kw, int cin, int cout) {
    if ((long) kh * kw * cin * cout != weights.length) {
      throw new IllegalArgumentException(
          "kernel " + name + ": " + weights.length + " weights for shape [" + kh + ", " + kw + ", " + cin + ", " + cout + "]");
    }
    TileGridLayout grid = layout(kh, kw, cin, cout);
    BufferedImage image = ImageCanvas.blank(grid.width(), grid.height(), BACKGROUND);
    Graphics2D g = ImageCanvas.graphics(image);
    try {
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, grid.width(), grid.captionHeight());
      g.setColor(Color.BLACK);
      String shape = kh + "\u00d7" + kw + "\u00d7" + cin + "\u00d7" + cout;
      float limit = maxAbs(weights);
      String caption =
          cin == 3
              ? name + "   " + shape + "   (RGB, each kernel min-max)"
              : name + "   " + shape + String.format(Locale.ROOT, "   (blue < 0 < red, |w| max %.3g)", limit);
      ImageCanvas.text(g, caption, ImageCanvas.CAPTION, grid.padding(), 0, grid.captionHeight(), grid.width() - 2 * grid.padding());
      if (cin == 3) {
        for (int o = 0; o < cout; o++) {
          drawTile(g, grid, o, rgbTile(weights, kh, kw, o, cout));
        }
      } else {
        for (int o = 0; o < cout; o++) {
          for (int c = 0; c < cin; c++) {
            drawTile(g, grid, o * cin + c, divergingTile(weights, kh, kw, cin, cout, c, o, limit));
          }
        }
      }
    } finally {
      g.dispose();
    }
    return image;
  }

  private static void drawTile(Graphics2D g, TileGridLayout grid, int i, BufferedImage tile) {
    ImageCanvas.draw(g, tile, grid.tileX(i), grid.tileY(i), grid.tileWidth(), grid.tileHeight(), true);
  }

  private static int index(int y, int x, int c, int o, int kw, int cin, int cout) {
    return ((y * kw + x) * cin + c) * cout + o;
  }

  private static BufferedImage divergingTile(float[] w, int kh, int kw, int cin, int cout, int c, int o, float limit) {
    BufferedImage tile = new BufferedImage(kw, kh, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < kh; y++) {
      for (int x = 0; x < kw; x++) {
        double v = limit > 0 ? w[index(y, x, c, o, kw, cin, cout)] / limit : 0;
        tile.setRGB(x, y, ColorScales.diverging(v).getRGB());
      }
    }
    return tile;
  }

  private static BufferedImage rgbTile(float[] w, int kh, int kw, int o, int cout) {
    float[] values = new float[kh * kw * 3];
    for (int y = 0; y < kh; y++) {
      for (int x = 0; x < kw; x++) {
        for (int c = 0; c < 3; c++) {
          values[(y * kw + x) * 3 + c] = w[index(y, x, c, o, kw, 3, cout)];
        }
      }
    }
    int[] levels = GrayImages.toGray(values);
    BufferedImage tile = new BufferedImage(kw, kh, BufferedImage.TYPE_INT_RGB);
    for (int p = 0; p < kh * kw; p++) {
      tile.setRGB(p % kw, p / kw, (levels[3 * p] << 16) | (levels[3 * p + 1] << 8) | levels[3 * p + 2]);
    }
    return tile;
  }

  private static float maxAbs(float[] values) {
    float max = 0;
    for (float v : values) {
      max = Math.max(max, Math.abs(v));
    }
    return max;
  }
}
