package io.cnnlab.output;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Writes figures and images as PNG files. */
public final class PngWriter {
  private PngWriter() {}

  /** Width and height of chart PNGs. */
  public static final int CHART_WIDTH = 1200;

  public static final int CHART_HEIGHT = 800;

  /** Renders {@code figure} on a white {@code width x height} canvas and writes it; creates parent folders. */
  public static Path write(Figure figure, Path file, int width, int height) throws IOException {
    return write(render(figure, width, height), file);
  }

  /** The figure as an image of {@code width x height} pixels. */
  public static BufferedImage render(Figure figure, int width, int height) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, width, height);
      figure.draw(g, new Rectangle2D.Double(0, 0, width, height));
    } finally {
      g.dispose();
    }
    return image;
  }

  /**
   * {@code image} reduced to {@code width x height} by repeated halving with bilinear filtering, which
   * keeps thin lines visible where one big step would drop pixels.
   */
  public static BufferedImage shrink(BufferedImage image, int width, int height) {
    BufferedImage current = image;
    int w = image.getWidth();
    int h = image.getHeight();
    while (w > width || h > height) {
      w = Math.max(width, w / 2);
      h = Math.max(height, h / 2);
      BufferedImage next = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
      Graphics2D g = next.createGraphics();
      g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
      g.drawImage(current, 0, 0, w, h, null);
      g.dispose();
      current = next;
    }
    return current;
  }

  /** Writes {@code image} as PNG; creates parent folders. */
  public static Path write(BufferedImage image, Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    if (!ImageIO.write(image, "png", file.toFile())) {
      throw new IOException("no PNG writer available for " + file);
    }
    return file;
  }
}
