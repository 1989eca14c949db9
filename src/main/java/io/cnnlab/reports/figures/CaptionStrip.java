package io.cnnlab.reports.figures;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * A figure with a caption strip below it, the text wrapped to the figure's width: a PNG taken out of the bundle
 * still says what it shows (data set, model, settings, seeds).
 */
public final class CaptionStrip {
  private CaptionStrip() {}

  private static final int PAD = 8;

  /** {@code image} with {@code caption} under it on white; the image itself when the caption is null or empty. */
  public static BufferedImage below(BufferedImage image, String caption) {
    if (caption == null || caption.isBlank()) {
      return image;
    }
    int size = Math.max(12, Math.min(20, image.getWidth() / 60));
    Font font = new Font(Font.SANS_SERIF, Font.PLAIN, size);
    BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
    Graphics2D pg = probe.createGraphics();
    FontMetrics fm = pg.getFontMetrics(font);
    List<String> lines = wrap(caption, fm, Math.max(80, image.getWidth() - 2 * PAD));
    pg.dispose();
    int strip = lines.size() * fm.getHeight() + 2 * PAD;
    BufferedImage out = new BufferedImage(image.getWidth(), image.getHeight() + strip, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    try {
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, out.getWidth(), out.getHeight());
      g.drawImage(image, 0, 0, null);
      g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setFont(font);
      g.setColor(new Color(60, 60, 60));
      int y = image.getHeight() + PAD + fm.getAscent();
      for (String line : lines) {
        g.drawString(line, PAD, y);
        y += fm.getHeight();
      }
    } finally {
      g.dispose();
    }
    return out;
  }

  /** Greedy word wrap; a word longer than the width gets a line of its own. */
  static List<String> wrap(String text, FontMetrics fm, int width) {
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (String word : text.trim().split("\\s+")) {
      String candidate = line.length() == 0 ? word : line + " " + word;
      if (line.length() > 0 && fm.stringWidth(candidate) > width) {
        lines.add(line.toString());
        line = new StringBuilder(word);
      } else {
        line = new StringBuilder(candidate);
      }
    }
    if (line.length() > 0) {
      lines.add(line.toString());
    }
    return lines;
  }
}
