package io.cnnlab.reports;

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

  /** The layout a layer of this shape gets. */
  public static TileGridLayout layout(int height, int width, int channels) {
    return TileGridLayout.forMaps(channels, height, width, TileGridLayout.MAX_COLUMNS);
  }

  /** Renders the layer's channels; the image is {@code layout(h, w, c).width() x height()} pixels. */
  public static BufferedImage render(LayerActivation layer) {
    TileGridLayout grid = layout(layer.height(), layer.width(), layer.channels());
    BufferedImage image = ImageCanvas.blank(grid.width(), grid.height(), Color.WHITE);
    Graphics2D g = ImageCanvas.graphics(image);
    try {
      ImageCanvas.text(
          g,
          layer.name() + "   " + layer.shapeText(),
          ImageCanvas.CAPTION,
          grid.padding(),
          0,
          grid.captionHeight(),
          grid.width() - 2 * grid.padding());
      for (int c = 0; c < layer.channels(); c++) {
        BufferedImage tile = GrayImages.minMax(layer.channel(c), layer.height(), layer.width());
        ImageCanvas.draw(g, tile, grid.tileX(c), grid.tileY(c), grid.tileWidth(), grid.tileHeight(), true);
      }
    } finally {
      g.dispose();
    }
    return image;
  }
}
