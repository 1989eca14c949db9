package io.cnnlab.reports.figures;

import java.awt.image.BufferedImage;

/**
 * An image with the label shown beside it, e.g. an input digit or a Prewitt response.
 *
 * @param label caption, e.g. "Sobel x"
 */
public record NamedImage(String label, BufferedImage image) {
  /** A float map (e.g. an edge detector's response) as a min–max normalized grayscale image. */
  public static NamedImage of(String label, float[][] values) {
    return new NamedImage(label, GrayImages.minMax(values));
  }
}
