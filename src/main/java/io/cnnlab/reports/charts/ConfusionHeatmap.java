package io.cnnlab.reports.charts;

import io.cnnlab.output.Figure;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Rectangle2D;
import java.util.List;
import java.util.Locale;

/**
 * A confusion matrix as a heat map drawn with Java2D (vector in a PDF): rows are true classes, columns
 * predicted classes, colour from white (0) to dark blue (largest count, or a whole row).
 *
 * <p>Readability by size: up to {@value #NAMED_LIMIT} classes the axes carry class names (shortened with
 * "..." if long) and every nonzero cell its value; above that the axes carry class indices (every 1st, 2nd,
 * 5th, 10th... with a tick, as space allows) and the report adds a table from index to name; cells carry no text.
 */
public final class ConfusionHeatmap implements Figure {
  /** Largest number of classes drawn with names and cell values. */
  public static final int NAMED_LIMIT = 20;

  /** What the colour and cell text show. */
  public enum Mode {
    /** Raw counts; colour relative to the largest cell. */
    COUNTS,
    /** Each row divided by its total (recall on the diagonal); colour on 0..1. */
    ROW_NORMALIZED
  }

  private final ConfusionMatrix matrix;
  private final List<String> classNames;
  private final Mode mode;
  private final String title;

  /**
   * @param classNames one name per class, in class-index order
   */
  public ConfusionHeatmap(ConfusionMatrix matrix, List<String> classNames, Mode mode, String title) {
    if (classNames.size() != matrix.classes()) {
      throw new IllegalArgumentException(
          classNames.size() + " class names for a " + matrix.classes() + "-class confusion matrix");
    }
    this.matrix = matrix;
    this.classNames = List.copyOf(classNames);
    this.mode = mode;
    this.title = title;
  }

  @Override
  public void draw(Graphics2D g0, Rectangle2D area) {
    Graphics2D g = (Graphics2D) g0.create();
    try {
      g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setColor(Color.WHITE);
      g.fill(area);
      int n = matrix.classes();
      boolean named = n <= NAMED_LIMIT;
      double base = Math.max(9, Math.min(20, Math.min(area.getWidth(), area.getHeight()) / 60));
      Font titleFont = new Font(Font.SANS_SERIF, Font.BOLD, (int) Math.round(base * 1.1));
      Font axisFont = new Font(Font.SANS_SERIF, Font.PLAIN, (int) Math.round(base));
      double pad = base * 0.6;

      // Estimate the cell size first: it decides the label font, which decides the margins.
      double roughCell = Math.min(area.getWidth(), area.getHeight()) * 0.7 / n;
      // Names shrink with the cells; indices keep a readable size and are thinned out instead.
      float labelSize = (float) (named ? Math.min(base * 0.9, Math.max(7, roughCell * 0.55)) : base * 0.8);
      Font labelFont = new Font(Font.SANS_SERIF, Font.PLAIN, Math.round(labelSize)).deriveFont(labelSize);
      FontMetrics lm = g.getFontMetrics(labelFont);
      double maxLabel = named ? area.getWidth() * 0.2 : lm.stringWidth(Integer.toString(n - 1));
      String[] labels = new String[n];
      double labelWidth = 0;
      for (int i = 0; i < n; i++) {
        labels[i] = named ? shorten(classNames.get(i), lm, maxLabel) : Integer.toString(i);
        labelWidth = Math.max(labelWidth, lm.stringWidth(labels[i]));
      }
      double titleH = g.getFontMetrics(titleFont).getHeight();
      double axisH = g.getFontMetrics(axisFont).getHeight();
      double barW = Math.max(10, area.getWidth() * 0.025);
      String maxTick = mode == Mode.COUNTS ? Integer.toString(maxCount()) : "1.00";
      double barLabelW = g.getFontMetrics(axisFont).stringWidth(maxTick);

      double left = area.getX() + pad + axisH + pad + labelWidth + pad;
      double top = area.getY() + pad + titleH + pad;
      double right = area.getMaxX() - pad - barLabelW - pad - barW - 2 * pad;
      double bottom = area.getMaxY() - pad - axisH - pad - labelWidth - pad;
      double cell = Math.max(1, Math.min((right - left) / n, (bottom - top) / n));
      double gridW = cell * n;
      double x0 = left + (right - left - gridW) / 2;
      double y0 = top;

      drawCells(g, x0, y0, cell, named, base);
      g.setColor(Color.GRAY);
      g.setStroke(new BasicStroke(1f));
      g.draw(new Rectangle2D.Double(x0, y0, gridW, gridW));

      // Axis labels: every class when named, else every step-th index with room for two label heights,
      // marked by a tick so the labelled row and column can be found.
      int step = 1;
      if (!named) {
        for (int s : new int[] {1, 2, 5, 10, 20, 25, 50}) {
          step = s;
          if (s * cell >= lm.getHeight() * 2) {
            break;
          }
        }
      }
      g.setFont(labelFont);
      g.setColor(Color.BLACK);
      double ascentMid = (lm.getAscent() - lm.getDescent()) / 2.0;
      double tick = named ? 0 : pad / 2;
      for (int i = 0; i < n; i += step) {
        double center = i * cell + cell / 2;
        if (!named) {
          g.draw(new java.awt.geom.Line2D.Double(x0 - tick, y0 + center, x0, y0 + center));
          g.draw(new java.awt.geom.Line2D.Double(x0 + center, y0 + gridW, x0 + center, y0 + gridW + tick));
        }
        g.drawString(labels[i], (float) (x0 - pad / 2 - tick - lm.stringWidth(labels[i])), (float) (y0 + center + ascentMid));
        AffineTransform saved = g.getTransform();
        g.translate(x0 + center + ascentMid, y0 + gridW + pad / 2 + tick + lm.stringWidth(labels[i]));
        g.rotate(-Math.PI / 2);
        g.drawString(labels[i], 0f, 0f);
        g.setTransform(saved);
      }

      g.setFont(titleFont);
      FontMetrics tm = g.getFontMetrics();
      g.drawString(title, (float) (x0 + gridW / 2 - tm.stringWidth(title) / 2.0), (float) (area.getY() + pad + tm.getAscent()));
      g.setFont(axisFont);
      FontMetrics am = g.getFontMetrics();
      String xTitle = "predicted class";
      g.drawString(xTitle, (float) (x0 + gridW / 2 - am.stringWidth(xTitle) / 2.0), (float) (y0 + gridW + pad + labelWidth + pad + am.getAscent()));
      AffineTransform saved = g.getTransform();
      String yTitle = "true class";
      g.translate(area.getX() + pad + am.getAscent(), y0 + gridW / 2 + am.stringWidth(yTitle) / 2.0);
      g.rotate(-Math.PI / 2);
      g.drawString(yTitle, 0f, 0f);
      g.setTransform(saved);

      drawColorBar(g, x0 + gridW + 2 * pad, y0, barW, gridW, am);
    } finally {
      g.dispose();
    }
  }

  private void drawCells(Graphics2D g, double x0, double y0, double cell, boolean annotate, double base) {
    int n = matrix.classes();
    double[][] shares = matrix.rowNormalized();
    int maxCount = Math.max(1, maxCount());
    Object aa = g.getRenderingHint(RenderingHints.KEY_ANTIALIASING);
    // Without antialiasing adjacent fractional-size cells meet without hairline seams in PNGs.
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
    for (int a = 0; a < n; a++) {
      for (int p = 0; p < n; p++) {
        double value = mode == Mode.COUNTS ? matrix.count(a, p) / (double) maxCount : shares[a][p];
        g.setColor(ColorScales.sequential(value));
        g.fill(new Rectangle2D.Double(x0 + p * cell, y0 + a * cell, cell + 0.5, cell + 0.5));
      }
    }
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, aa);
    if (!annotate) {
      return;
    }
    // Cell text: the widest value must fit in 90% of a cell; zero cells stay blank to keep the eye on errors.
    String widest = mode == Mode.COUNTS ? Integer.toString(maxCount) : "0.00";
    float size = (float) Math.min(base, cell * 0.4);
    Font font = new Font(Font.SANS_SERIF, Font.PLAIN, Math.max(1, Math.round(size))).deriveFont(size);
    while (size > 5 && g.getFontMetrics(font).stringWidth(widest) > cell * 0.9) {
      size -= 0.5f;
      font = font.deriveFont(size);
    }
    g.setFont(font);
    FontMetrics fm = g.getFontMetrics();
    for (int a = 0; a < n; a++) {
      for (int p = 0; p < n; p++) {
        if (matrix.count(a, p) == 0) {
          continue;
        }
        double value = mode == Mode.COUNTS ? matrix.count(a, p) / (double) maxCount : shares[a][p];
        String text = mode == Mode.COUNTS ? Integer.toString(matrix.count(a, p)) : String.format(Locale.ROOT, "%.2f", shares[a][p]);
        g.setColor(ColorScales.isDark(ColorScales.sequential(value)) ? Color.WHITE : Color.BLACK);
        g.drawString(
            text,
            (float) (x0 + p * cell + (cell - fm.stringWidth(text)) / 2),
            (float) (y0 + a * cell + (cell + fm.getAscent() - fm.getDescent()) / 2));
      }
    }
  }

  private void drawColorBar(Graphics2D g, double x, double y, double w, double h, FontMetrics fm) {
    int steps = 64;
    Object aa = g.getRenderingHint(RenderingHints.KEY_ANTIALIASING);
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
    for (int s = 0; s < steps; s++) {
      g.setColor(ColorScales.sequential(1 - (s + 0.5) / steps));
      g.fill(new Rectangle2D.Double(x, y + s * h / steps, w, h / steps + 0.5));
    }
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, aa);
    g.setColor(Color.GRAY);
    g.draw(new Rectangle2D.Double(x, y, w, h));
    g.setColor(Color.BLACK);
    // Ticks at round values: 0..1 by 0.25 for shares; for counts a 1-2-5 step giving at most 6 ticks.
    double top = mode == Mode.COUNTS ? Math.max(1, maxCount()) : 1.0;
    double step = mode == Mode.COUNTS ? niceStep(top / 5) : 0.25;
    for (double value = 0; value <= top + 1e-9; value += step) {
      String label = mode == Mode.COUNTS ? Long.toString(Math.round(value)) : String.format(Locale.ROOT, "%.2f", value);
      double ty = y + h - value / top * h;
      g.draw(new java.awt.geom.Line2D.Double(x + w, ty, x + w + 3, ty));
      g.drawString(label, (float) (x + w + 5), (float) (ty + (fm.getAscent() - fm.getDescent()) / 2.0));
    }
  }

  /** The smallest of 1, 2, 5, 10, 20, 50... that is at least {@code raw}. */
  private static double niceStep(double raw) {
    double magnitude = Math.pow(10, Math.floor(Math.log10(Math.max(1, raw))));
    for (double m : new double[] {1, 2, 5, 10}) {
      if (m * magnitude >= raw) {
        return m * magnitude;
      }
    }
    return 10 * magnitude;
  }

  private int maxCount() {
    int max = 0;
    for (int[] row : matrix.counts()) {
      for (int c : row) {
        max = Math.max(max, c);
      }
    }
    return max;
  }

  /** The label, cut with "..." so that it fits {@code width}. */
  private static String shorten(String label, FontMetrics fm, double width) {
    if (fm.stringWidth(label) <= width) {
      return label;
    }
    String cut = label;
    while (cut.length() > 1 && fm.stringWidth(cut + "...") > width) {
      cut = cut.substring(0, cut.length() - 1);
    }
    return cut + "...";
  }
}
