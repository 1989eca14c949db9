package io.cnnlab.output;

import java.awt.Font;
import java.text.DecimalFormat;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * Grouped bars with their values printed on top, e.g. epoch time and data wait with 2 versus 5 loader
 * workers: one group per setting, one bar per measured quantity.
 */
public final class ComparisonBarChart {
  private ComparisonBarChart() {}

  /**
   * One bar.
   *
   * @param group the setting, e.g. "2 workers" (x-axis category)
   * @param series the quantity, e.g. "epoch time" (legend entry)
   */
  public record Bar(String group, String series, double value) {}

  public static JFreeChart create(String title, String valueLabel, List<Bar> bars) {
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    for (Bar bar : bars) {
      data.addValue(bar.value(), bar.series(), bar.group());
    }
    BarRenderer renderer = new BarRenderer();
    renderer.setBarPainter(new StandardBarPainter());
    renderer.setShadowVisible(false);
    renderer.setItemMargin(0.05);
    renderer.setMaximumBarWidth(0.2);
    renderer.setDefaultItemLabelGenerator(
        new StandardCategoryItemLabelGenerator("{2}", new DecimalFormat("0.00")));
    renderer.setDefaultItemLabelsVisible(true);
    renderer.setDefaultItemLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
    for (int i = 0; i < data.getRowCount(); i++) {
      renderer.setSeriesPaint(i, ChartStyle.color(i));
    }
    NumberAxis valueAxis = new NumberAxis(valueLabel);
    valueAxis.setUpperMargin(0.12);
    CategoryPlot plot = new CategoryPlot(data, new CategoryAxis(null), valueAxis, renderer);
    JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
    ChartStyle.apply(chart);
    return chart;
  }
}
