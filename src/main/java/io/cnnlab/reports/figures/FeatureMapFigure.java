package io.cnnlab.reports.figures;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything the network computes from one input image, beside what hand-designed filters compute from
 * it: a left column with the input and the given responses (e.g. Prewitt and Sobel), and on the right one
 * {@link FeatureMapGrid} per layer, in order. Learned and designed edge detectors can be compared by eye.
 */
public final class FeatureMapFigure {
  private FeatureMapFigure() {}

  /** Side of the square each left-column image is fitted into. */
  public static final int PANEL = 168;

  private static final int PAD = 10;
  private static final int LABEL = 20;
  private static final int TITLE = 34;

  /**
   * @param title e.g. "test image 3: class 'dress'"
   * @param input the input image
   * @param handDesigned responses of fixed filters to the same image, shown under the input
   * @param layers the network's spatial layer outputs for the image, in layer order
   */
  public static BufferedImage compose(
      String title, NamedImage input, List<NamedImage> handDesigned, List<LayerActivation> layers) {
    return compose(title, input, handDesigned, layers, Integer.MAX_VALUE);
  }

  /** As {@link #compose(String, NamedImage, List, List)}, showing at most {@code maxChannels} channels a layer. */
  public static BufferedImage compose(
      String title, NamedImage input, List<NamedImage> handDesigned, List<LayerActivation> layers, int maxChannels) {
    List<NamedImage> column = new ArrayList<>();
    column.add(input);
    column.addAll(handDesigned);
    List<BufferedImage> grids = new ArrayList<>();
    int gridsWidth = 0;
    int gridsHeight = 0;
    for (LayerActivation layer : layers) {
      BufferedImage grid = FeatureMapGrid.render(layer, maxChannels);
      grids.add(grid);
      gridsWidth = Math.max(gridsWidth, grid.getWidth());
      gridsHeight += grid.getHeight() + PAD;
    }
    int columnWidth = PANEL + 2 * PAD;
    int columnHeight = column.size() * (LABEL + PANEL + PAD);
    int width = columnWidth + gridsWidth + PAD;
    int height = TITLE + Math.max(columnHeight, gridsHeight) + PAD;

    BufferedImage image = ImageCanvas.blank(width, height, Color.WHITE);
    Graphics2D g = ImageCanvas.graphics(image);
    try {
      ImageCanvas.text(g, title, ImageCanvas.TITLE, PAD, 4, TITLE - 4, width - 2 * PAD);
      int y = TITLE;
      for (NamedImage panel : column) {
        ImageCanvas.text(g, panel.label(), ImageCanvas.LABEL, PAD, y, LABEL, PANEL);
        drawFitted(g, panel.image(), PAD, y + LABEL);
        y += LABEL + PANEL + PAD;
      }
      // A thin rule separates hand-designed filters (left) from what the network learned (right).
      g.setColor(new Color(200, 200, 200));
      g.drawLine(columnWidth - PAD / 2, TITLE, columnWidth - PAD / 2, height - PAD);
      y = TITLE;
      for (BufferedImage grid : grids) {
        g.drawImage(grid, columnWidth, y, null);
        y += grid.getHeight() + PAD;
      }
    } finally {
      g.dispose();
    }
    return image;
  }

  private static void drawFitted(Graphics2D g, BufferedImage image, int x, int y) {
    double scale = Math.min(PANEL / (double) image.getWidth(), PANEL / (double) image.getHeight());
    int w = (int) Math.round(image.getWidth() * scale);
    int h = (int) Math.round(image.getHeight() * scale);
    // Small images (digits) are enlarged pixel for pixel; photographs are smoothed.
    ImageCanvas.draw(g, image, x + (PANEL - w) / 2, y + (PANEL - h) / 2, w, h, scale >= 1);
  }
}
