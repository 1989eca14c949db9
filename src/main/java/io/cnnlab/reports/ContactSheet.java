package io.cnnlab.reports;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * Rows of labelled images at one height, e.g. for every photograph: the original, its Prewitt and its Sobel
 * edge maps. Images keep their aspect ratio; each row is labelled on the left.
 */
public final class ContactSheet {
  private ContactSheet() {}

  /** One row: a label (e.g. the photograph's file name) and its images, left to right. */
  public record Row(String label, List<NamedImage> images) {}

  private static final int PAD = 10;
  private static final int LABEL = 20;
  private static final int ROW_LABEL = 170;
  private static final int TITLE = 36;

  /**
   * @param tileHeight height every image is scaled to, in pixels
   */
  public static BufferedImage compose(String title, List<Row> rows, int tileHeight) {
    int width = 0;
    for (Row row : rows) {
      int w = ROW_LABEL + PAD;
      for (NamedImage image : row.images()) {
        w += scaledWidth(image.image(), tileHeight) + PAD;
      }
      width = Math.max(width, w);
    }
    width = Math.max(width, 400);
    int rowHeight = LABEL + tileHeight + PAD;
    int height = TITLE + rows.size() * rowHeight + PAD;
    BufferedImage sheet = ImageCanvas.blank(width, height, Color.WHITE);
    Graphics2D g = ImageCanvas.graphics(sheet);
    try {
      ImageCanvas.text(g, title, ImageCanvas.TITLE, PAD, 4, TITLE - 4, width - 2 * PAD);
      int y = TITLE;
      for (Row row : rows) {
        g.setColor(Color.BLACK);
        ImageCanvas.text(g, row.label(), ImageCanvas.CAPTION, PAD, y + LABEL, tileHeight, ROW_LABEL - PAD);
        int x = ROW_LABEL + PAD;
        for (NamedImage image : row.images()) {
          int w = scaledWidth(image.image(), tileHeight);
          g.setColor(Color.BLACK);
          ImageCanvas.text(g, image.label(), ImageCanvas.LABEL, x, y, LABEL, w);
          boolean enlarge = image.image().getHeight() < tileHeight;
          ImageCanvas.draw(g, image.image(), x, y + LABEL, w, tileHeight, enlarge && image.image().getHeight() * 4 <= tileHeight);
          x += w + PAD;
        }
        y += rowHeight;
      }
    } finally {
      g.dispose();
    }
    return sheet;
  }

  private static int scaledWidth(BufferedImage image, int tileHeight) {
    return Math.max(1, (int) Math.round(image.getWidth() * (tileHeight / (double) image.getHeight())));
  }
}
