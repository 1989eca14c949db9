package io.cnnlab.reports.charts;

import io.cnnlab.output.Figure;
import io.cnnlab.output.Quantities;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.util.List;

/**
 * The whole sweep at a glance, one row per experiment: its published band as a green bar, the measured value
 * as a dot coloured by verdict and its spread over seeds as a whisker, each row on its own scale (metrics differ)
 * with the numbers written beside it. Rows without a number say why; a measured value with neither a band nor a
 * spread is written, not placed on a scale.
 */
public final class SweepOverview implements Figure {
  /** From {@code low} to {@code high} on a row's scale. */
  public record Interval(double low, double high) {}

  /**
   * One experiment.
   *
   * @param status "reproduced", "outside the published band", "measured", "not run" or "failed"
   * @param measured the compared value, or null when not measured
   * @param spread min to max over seeds, or null with one seed
   * @param band the published band, or null when there is none
   */
  public record Row(String id, String metric, String status, Double measured, Interval spread, Interval band,
      boolean smoke) {}

  /** Pixel height of one row at the PNG size {@link #height}. */
  public static final int ROW = 46;

  private static final int HEADER = 70;
  private final List<Row> rows;
  private final String title;

  public SweepOverview(String title, List<Row> rows) {
    this.title = title;
    this.rows = List.copyOf(rows);
  }

  /** Height that fits every row at {@code width} 1200. */
  public int height() {
    return HEADER + ROW * Math.max(1, rows.size()) + 30;
  }

  @Override
  public void draw(Graphics2D g, Rectangle2D area) {
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    double x0 = area.getX();
    double w = area.getWidth();
    double rowH = (area.getHeight() - HEADER - 30) / Math.max(1, rows.size());
    g.setColor(Color.WHITE);
    g.fill(area);
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 20));
    g.drawString(title, (float) x0 + 16, (float) area.getY() + 30);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
    g.setColor(Color.DARK_GRAY);
    g.drawString("green bar: the published band; dot: our mean over seeds (colour = verdict); whisker: min to max"
        + " over seeds; each row on its own scale", (float) x0 + 16, (float) area.getY() + 54);
    double labelW = w * 0.30;
    double numbersW = w * 0.24;
    double plotX = x0 + labelW;
    double plotW = w - labelW - numbersW - 16;
    Font label = new Font(Font.SANS_SERIF, Font.PLAIN, 15);
    Font small = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
    for (int i = 0; i < rows.size(); i++) {
      Row r = rows.get(i);
      double top = area.getY() + HEADER + i * rowH;
      double mid = top + rowH / 2;
      if (i % 2 == 0) {
        g.setColor(new Color(246, 247, 250));
        g.fill(new Rectangle2D.Double(x0, top, w, rowH));
      }
      g.setFont(label);
      g.setColor(Color.BLACK);
      FontMetrics fm = g.getFontMetrics();
      g.drawString(fit(r.id() + (r.smoke() ? " (smoke)" : ""), fm, labelW - 24), (float) x0 + 16,
          (float) mid + fm.getAscent() / 2f - 2);
      g.setFont(small);
      fm = g.getFontMetrics();
      Interval band = r.band();
      if (band == null && r.spread() == null) {
        // Nothing to place it against: a dot on an empty scale would show a position that means nothing.
        g.setColor(r.measured() == null ? Color.GRAY : statusColor(r.status()));
        g.drawString(r.measured() == null ? r.status() : r.status() + ": " + Quantities.named(r.metric(), r.measured())
            + " (no published band)", (float) plotX, (float) mid + 4);
        continue;
      }
      double lo = Double.POSITIVE_INFINITY;
      double hi = Double.NEGATIVE_INFINITY;
      for (Interval shown : new Interval[] {band, r.spread(), r.measured() == null ? null
          : new Interval(r.measured(), r.measured())}) {
        if (shown != null) {
          lo = Math.min(lo, shown.low());
          hi = Math.max(hi, shown.high());
        }
      }
      double pad = Math.max((hi - lo) * 0.25, Math.abs(hi) * 0.01 + 1e-9);
      double from = lo - pad;
      double span = hi + pad - from;
      java.util.function.DoubleUnaryOperator x = v -> plotX + (v - from) / span * plotW;
      g.setColor(new Color(200, 200, 205));
      g.setStroke(new BasicStroke(1f));
      g.draw(new Line2D.Double(plotX, mid, plotX + plotW, mid));
      if (band != null) {
        g.setColor(new Color(60, 170, 90, 110));
        double a = x.applyAsDouble(band.low());
        g.fill(new Rectangle2D.Double(a, mid - 9, Math.max(2, x.applyAsDouble(band.high()) - a), 18));
      }
      if (r.spread() != null) {
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke(2f));
        g.draw(new Line2D.Double(x.applyAsDouble(r.spread().low()), mid, x.applyAsDouble(r.spread().high()), mid));
      }
      if (r.measured() != null) {
        g.setColor(statusColor(r.status()));
        double cx = x.applyAsDouble(r.measured());
        g.fill(new Ellipse2D.Double(cx - 7, mid - 7, 14, 14));
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke(1f));
        g.draw(new Ellipse2D.Double(cx - 7, mid - 7, 14, 14));
      }
      g.setColor(Color.DARK_GRAY);
      String text = (r.measured() == null ? r.status() : Quantities.named(r.metric(), r.measured()))
          + (band != null ? "  band " + Quantities.number(band.low()) + " to " + Quantities.of(band.high(), r.metric())
          : "");
      g.drawString(fit(text, fm, numbersW - 8), (float) (plotX + plotW + 16), (float) mid + 4);
    }
  }

  /** Green reproduced, red outside the band, blue measured, grey otherwise. */
  public static Color statusColor(String status) {
    return switch (status) {
      case "reproduced" -> new Color(30, 140, 60);
      case "outside the published band" -> new Color(200, 40, 40);
      case "measured" -> new Color(40, 90, 200);
      case "failed" -> new Color(120, 20, 20);
      default -> Color.GRAY;
    };
  }

  private static String fit(String s, FontMetrics fm, double width) {
    if (fm.stringWidth(s) <= width) {
      return s;
    }
    String t = s;
    while (t.length() > 1 && fm.stringWidth(t + "\u2026") > width) {
      t = t.substring(0, t.length() - 1);
    }
    return t + "\u2026";
  }
}
