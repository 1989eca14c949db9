package io.cnnlab.output;

import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import org.jfree.chart.JFreeChart;

/**
 * Something that draws itself into a rectangle of any {@link Graphics2D}: a PNG raster or a PDF page
 * (where it stays vector). JFreeChart charts are figures through {@link #of(JFreeChart)}.
 */
@FunctionalInterface
public interface Figure {
  /** Draws into {@code area} of {@code g}. */
  void draw(Graphics2D g, Rectangle2D area);

  /** A chart as a figure. */
  static Figure of(JFreeChart chart) {
    return chart::draw;
  }
}
