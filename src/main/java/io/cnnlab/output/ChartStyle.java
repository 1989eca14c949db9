package io.cnnlab.output;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.awt.Stroke;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.RectangleEdge;

/**
 * One look for every chart, the reports' and the benchmark's: white background, light grid, large fonts for
 * 1200x800 PNGs and A4 pages.
 */
public final class ChartStyle {
  private ChartStyle() {}

  /** Colour-blind-safe palette (Okabe and Ito), in the order series are added. */
  static final Color[] PALETTE = {
    new Color(0, 114, 178),
    new Color(213, 94, 0),
    new Color(0, 158, 115),
    new Color(204, 121, 167),
    new Color(230, 159, 0),
    new Color(86, 180, 233),
    new Color(120, 120, 120),
    new Color(240, 228, 66),
  };

  static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 20);
  static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 16);
  static final Font TICK = new Font(Font.SANS_SERIF, Font.PLAIN, 14);
  static final Font LEGEND = new Font(Font.SANS_SERIF, Font.PLAIN, 15);
  private static final Color GRID = new Color(215, 215, 215);

  public static Paint color(int index) {
    return PALETTE[index % PALETTE.length];
  }

  /** Solid, dashed or dash-dotted line: d2l draws train loss, train acc and test acc this way. */
  public static Stroke line(int dashStyle) {
    float width = 2.5f;
    return switch (dashStyle % 3) {
      case 0 -> new BasicStroke(width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
      case 1 -> new BasicStroke(width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1f, new float[] {10f, 6f}, 0f);
      default -> new BasicStroke(
          width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1f, new float[] {12f, 5f, 3f, 5f}, 0f);
    };
  }

  public static void apply(JFreeChart chart) {
    chart.setBackgroundPaint(Color.WHITE);
    chart.setAntiAlias(true);
    chart.setTextAntiAlias(true);
    if (chart.getTitle() != null) {
      chart.getTitle().setFont(TITLE);
    }
    LegendTitle legend = chart.getLegend();
    if (legend != null) {
      legend.setItemFont(LEGEND);
      legend.setPosition(RectangleEdge.BOTTOM);
      legend.setFrame(org.jfree.chart.block.BlockBorder.NONE);
    }
    if (chart.getPlot() instanceof XYPlot plot) {
      plot.setBackgroundPaint(Color.WHITE);
      plot.setDomainGridlinePaint(GRID);
      plot.setRangeGridlinePaint(GRID);
      plot.setOutlinePaint(Color.GRAY);
      for (int i = 0; i < plot.getRangeAxisCount(); i++) {
        styleAxis(plot.getRangeAxis(i));
      }
      styleAxis(plot.getDomainAxis());
    } else if (chart.getPlot() instanceof CategoryPlot plot) {
      plot.setBackgroundPaint(Color.WHITE);
      plot.setRangeGridlinePaint(GRID);
      plot.setOutlinePaint(Color.GRAY);
      plot.getDomainAxis().setLabelFont(LABEL);
      plot.getDomainAxis().setTickLabelFont(TICK);
      styleAxis(plot.getRangeAxis());
    }
  }

  private static void styleAxis(org.jfree.chart.axis.ValueAxis axis) {
    if (axis == null) {
      return;
    }
    axis.setLabelFont(LABEL);
    axis.setTickLabelFont(TICK);
  }

  /** An epoch axis with integer ticks. */
  public static NumberAxis epochAxis() {
    NumberAxis axis = new NumberAxis("epoch");
    axis.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
    axis.setAutoRangeIncludesZero(false);
    return axis;
  }
}
