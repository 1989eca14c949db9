package io.cnnlab.reports.charts;

import io.cnnlab.output.ChartStyle;
import io.cnnlab.reports.input.EpochTimeBreakdown;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.StackedBarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;

/** Stacked bars of the mean epoch time per run, split into data wait, feeding, step, evaluation, other. */
public final class EpochTimeChart {
  private EpochTimeChart() {}

  public static JFreeChart create(String title, List<EpochTimeBreakdown> runs) {
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    for (EpochTimeBreakdown run : runs) {
      double[] parts = run.components();
      for (int k = 0; k < parts.length; k++) {
        data.addValue(parts[k], EpochTimeBreakdown.COMPONENTS.get(k), run.label());
      }
    }
    StackedBarRenderer renderer = new StackedBarRenderer();
    renderer.setBarPainter(new StandardBarPainter());
    renderer.setShadowVisible(false);
    renderer.setMaximumBarWidth(0.18);
    for (int k = 0; k < EpochTimeBreakdown.COMPONENTS.size(); k++) {
      renderer.setSeriesPaint(k, ChartStyle.color(k));
    }
    CategoryPlot plot =
        new CategoryPlot(data, new CategoryAxis("run"), new NumberAxis("seconds per epoch"), renderer);
    plot.setOrientation(PlotOrientation.VERTICAL);
    JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
    ChartStyle.apply(chart);
    return chart;
  }
}
