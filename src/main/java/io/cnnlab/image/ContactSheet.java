package io.cnnlab.image;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;

/** Lays out labelled pictures in a grid under a title, drawn with Java2D (works headless). */
public final class ContactSheet {
  /** One picture with the label printed above it. */
  public record Panel(String label, BufferedImage image) {}

  private static final int MARGIN = 16;
  private static final Color BACKGROUND = new Color(0x20, 0x20, 0x20);
  private static final Color TEXT = new Color(0xf0, 0xf0, 0xf0);
  private static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 26);
  private static final Font LABEL_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 20);

  private ContactSheet() {}

  /**
   * A sheet with {@code title} on top and {@code panels} in rows of {@code columns}, each cell as large as
   * the largest panel; labels longer than a cell are cut with an ellipsis.
   */
  public static BufferedImage compose(String title, List<Panel> panels, int columns) {
    if (panels.isEmpty() || columns < 1) {
      throw new IllegalArgumentException("need at least one panel and one column");
    }
    int cellW = 0;
    int cellH = 0;
    for (Panel p : panels) {
      cellW = Math.max(cellW, p.image().getWidth());
      cellH = Math.max(cellH, p.image().getHeight());
    }
    int rows = (panels.size() + columns - 1) / columns;
    int titleH = 48;
    int labelH = 32;
    int width = MARGIN + columns * (cellW + MARGIN);
    int height = titleH + rows * (labelH + cellH + MARGIN);
    BufferedImage sheet = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = sheet.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setColor(BACKGROUND);
      g.fillRect(0, 0, width, height);
      g.setColor(TEXT);
      g.setFont(TITLE_FONT);
      g.drawString(fit(title, g.getFontMetrics(), width - 2 * MARGIN), MARGIN, 34);
      g.setFont(LABEL_FONT);
      for (int i = 0; i < panels.size(); i++) {
        Panel p = panels.get(i);
        int x = MARGIN + (i % columns) * (cellW + MARGIN);
        int y = titleH + (i / columns) * (labelH + cellH + MARGIN);
        g.drawString(fit(p.label(), g.getFontMetrics(), cellW), x, y + 22);
        g.drawImage(p.image(), x, y + labelH, null);
      }
    } finally {
      g.dispose();
    }
    return sheet;
  }

  private static String fit(String text, FontMetrics metrics, int width) {
    if (metrics.stringWidth(text) <= width) {
      return text;
    }
    String cut = text;
    while (!cut.isEmpty() && metrics.stringWidth(cut + "…") > width) {
      cut = cut.substring(0, cut.length() - 1);
    }
    return cut + "…";
  }
}
