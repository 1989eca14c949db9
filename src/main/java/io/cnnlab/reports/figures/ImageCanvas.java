package io.cnnlab.reports.figures;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/** Small helpers for composing raster figures: a white RGB canvas, captions, scaled image drawing. */
public final class ImageCanvas {
  private ImageCanvas() {}

  static final Font CAPTION = new Font(Font.SANS_SERIF, Font.BOLD, 14);
  static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
  static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 18);

  /** A white RGB image and its graphics with text antialiasing on. */
  public static BufferedImage blank(int width, int height, Color background) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setColor(background);
    g.fillRect(0, 0, width, height);
    g.dispose();
    return image;
  }

  static Graphics2D graphics(BufferedImage image) {
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(Color.BLACK);
    return g;
  }

  /** Draws {@code text} with its baseline fitted into a band of {@code height} starting at {@code top}. */
  static void text(Graphics2D g, String text, Font font, int x, int top, int height, int maxWidth) {
    g.setFont(font);
    FontMetrics fm = g.getFontMetrics();
    String shown = text;
    while (shown.length() > 1 && fm.stringWidth(shown) > maxWidth) {
      shown = shown.substring(0, shown.length() - 2) + "\u2026";
    }
    g.drawString(shown, x, top + (height + fm.getAscent() - fm.getDescent()) / 2);
  }

  /** Draws {@code image} into the box, nearest-neighbour (pixels stay crisp) or bilinear (photographs). */
  static void draw(Graphics2D g, BufferedImage image, int x, int y, int w, int h, boolean nearest) {
    g.setRenderingHint(
        RenderingHints.KEY_INTERPOLATION,
        nearest ? RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR : RenderingHints.VALUE_INTERPOLATION_BILINEAR);
    g.drawImage(image, x, y, w, h, null);
  }
}
