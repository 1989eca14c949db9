package io.cnnlab.ops.edges;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits an image into horizontal strips for a 3x3 operator, so that a large photo never has to pass
 * through TensorFlow at once.
 *
 * <p>Each strip reads one halo row above and below from the image where such a row exists; at the top and
 * bottom of the image the missing row is supplied by padding instead, exactly as for the whole image. The
 * strips' outputs therefore tile the untiled output exactly.
 */
public final class RowStrips {
  private RowStrips() {}

  /**
   * One strip: it produces output rows {@code [firstRow, firstRow + rows)} from input rows
   * {@code [inputFirstRow, inputFirstRow + inputRows)}, padded by {@code padTop} and {@code padBottom}
   * rows (0 or 1) that stand for rows beyond the image.
   */
  public record Strip(int firstRow, int rows, int inputFirstRow, int inputRows, int padTop, int padBottom) {}

  /** Strips of at most {@code rowsPerStrip} output rows covering rows 0..height-1 in order. */
  public static List<Strip> plan(int height, int rowsPerStrip) {
    if (height < 1) {
      throw new IllegalArgumentException("image height must be >= 1, got " + height);
    }
    if (rowsPerStrip < 1) {
      throw new IllegalArgumentException("rows per strip must be >= 1, got " + rowsPerStrip);
    }
    List<Strip> strips = new ArrayList<>();
    for (int first = 0; first < height; first += rowsPerStrip) {
      int end = Math.min(height, first + rowsPerStrip);
      int inFirst = Math.max(0, first - 1);
      int inEnd = Math.min(height, end + 1);
      strips.add(new Strip(first, end - first, inFirst, inEnd - inFirst,
          first == 0 ? 1 : 0, end == height ? 1 : 0));
    }
    return strips;
  }

  /** Rows per strip so that one strip holds about {@code pixels} pixels of an image {@code width} wide. */
  public static int rowsFor(int width, long pixels) {
    if (width < 1) {
      throw new IllegalArgumentException("image width must be >= 1, got " + width);
    }
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, pixels / width));
  }
}
