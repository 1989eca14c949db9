package io.cnnlab.reports.figures;

/**
 * Geometry of a captioned grid of equal tiles: the caption band on top, then {@code rows x columns} tiles
 * separated by {@code gap}, framed by {@code padding}. Tiles fill row by row.
 */
public record TileGridLayout(
    int columns, int rows, int tileWidth, int tileHeight, int gap, int padding, int captionHeight, int minWidth) {
  /** Tiles are enlarged by a whole factor until their longer side reaches this many pixels. */
  public static final int MIN_TILE = 48;
  /** At most this many tiles per row. */
  public static final int MAX_COLUMNS = 16;

  public static final int GAP = 4;
  public static final int PADDING = 6;
  public static final int CAPTION = 24;
  /** Narrow grids are widened to this so the caption fits. */
  public static final int MIN_WIDTH = 260;

  /**
   * The layout of {@code count} maps of {@code h x w} pixels: nearest-neighbour enlargement by {@code
   * max(1, ceil(MIN_TILE / max(h, w)))}, {@code min(count, columns)} per row.
   */
  public static TileGridLayout forMaps(int count, int h, int w, int columns) {
    int scale = Math.max(1, (MIN_TILE + Math.max(h, w) - 1) / Math.max(h, w));
    int cols = Math.max(1, Math.min(count, columns));
    int rows = (count + cols - 1) / cols;
    return new TileGridLayout(cols, rows, w * scale, h * scale, GAP, PADDING, CAPTION, MIN_WIDTH);
  }

  /** Whole enlargement factor of each map. */
  public int scale(int mapWidth) {
    return tileWidth / mapWidth;
  }

  public int width() {
    return Math.max(minWidth, 2 * padding + columns * tileWidth + (columns - 1) * gap);
  }

  public int height() {
    return captionHeight + 2 * padding + rows * tileHeight + (rows - 1) * gap;
  }

  /** Left edge of tile {@code i}. */
  public int tileX(int i) {
    return padding + (i % columns) * (tileWidth + gap);
  }

  /** Top edge of tile {@code i}. */
  public int tileY(int i) {
    return captionHeight + padding + (i / columns) * (tileHeight + gap);
  }
}
