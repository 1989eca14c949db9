package io.cnnlab.reports.figures;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;

/**
 * A layer's output for one image as a grid of grayscale tiles, one per channel, captioned with the layer's
 * name and shape. Each channel is min–max normalized on its own (its smallest value black, its largest
 * white), so the pattern of every channel is visible whatever its scale; a constant channel is black.
 * Geometry: {@link TileGridLayout#forMaps} with at most {@link TileGridLayout#MAX_COLUMNS} tiles a row.
 */
public final class FeatureMapGrid {
  private FeatureMapGrid() {}

  private static final Color FRAME = new Color(150, 150, 150);

  /** The layout a layer of this shape gets. */
  public static TileGridLayout layout(int height, int width, int channels) {
    return TileGridLayout.forMaps(channels, height, width, TileGridLayout.MAX_COLUMNS);
  }

  /** Renders all of the layer's channels; the image is {@code layout(h, w, c).width() x height()} pixels. */
  public static BufferedImage render(LayerActivation layer) {
    return render(layer, layer.channels());
  }

  /**
   * Renders the first {@code maxChannels} channels (wide layers such as AlexNet's 384-channel
   * convolutions stay legible on a page); the caption says how many of how many are shown.
   */
  public static BufferedImage render(LayerActivation layer, int maxChannels) {
    int shown = Math.max(1, Math.min(maxChannels, layer.channels()));
    TileGridLayout grid = layout(layer.height(), layer.width(), shown);
    String caption = layer.name() + "   " + layer.shapeText()
        + (shown < layer.channels() ? "   (first " + shown + " of " + layer.channels() + " channels)" : "");
    BufferedImage image = ImageCanvas.blank(grid.width(), grid.height(), Color.WHITE);
    Graphics2D g = ImageCanvas.graphics(image);
    try {
      ImageCanvas.text(
          g,
          caption,
          ImageCanvas.CAPTION,
          grid.padding(),
          0,
          grid.captionHeight(),
          grid.width() - 2 * grid.padding());
      for (int c = 0; c < shown; c++) {
        BufferedImage tile = GrayImages.minMax(layer.channel(c), layer.height(), layer.width());
        ImageCanvas.draw(g, tile, grid.tileX(c), grid.tileY(c), grid.tileWidth(), grid.tileHeight(), true);
        // A frame in the gap keeps bright tiles apart from their neighbours and the white background.
        g.setColor(FRAME);
        g.drawRect(grid.tileX(c) - 1, grid.tileY(c) - 1, grid.tileWidth() + 1, grid.tileHeight() + 1);
      }
    } finally {
      g.dispose();
    }
    return image;
  }
}
