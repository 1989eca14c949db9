package io.cnnlab.reports.charts;

import io.cnnlab.output.ChartStyle;
import io.cnnlab.reports.input.SeedBand;
import java.awt.Color;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/**
 * Several variants (ablations) of one metric on one chart: each variant's mean over seeds as a line and
 * its min–max range over seeds as a translucent band of the same colour.
 */
public final class VariantOverlayChart {
  private VariantOverlayChart() {}

  /**
   * @param title chart title
   * @param valueLabel label of the value axis, e.g. "test accuracy"
   * @param bands one per variant, drawn in order
   */
  public static JFreeChart create(String title, String valueLabel, List<SeedBand> bands) {
    return create(title, valueLabel, bands, bands.size());
  }

  /** As {@link #create(String, String, List)}, bands from index {@code dashedFrom} on drawn dashed (peers). */
  public static JFreeChart create(String title, String valueLabel, List<SeedBand> bands, int dashedFrom) {
    YIntervalSeriesCollection data = new YIntervalSeriesCollection();
    for (SeedBand band : bands) {
      String key = band.runs() > 1 ? band.variant() + " (mean, min-max of " + band.runs() + " seeds)" : band.variant();
      YIntervalSeries s = new YIntervalSeries(key, false, true);
      int[] epochs = band.epochs();
      double[] mean = band.mean();
      double[] min = band.min();
      double[] max = band.max();
      for (int i = 0; i < epochs.length; i++) {
        s.add(epochs[i], mean[i], min[i], max[i]);
      }
      data.addSeries(s);
    }
    DeviationRenderer renderer = new DeviationRenderer(true, bands.get(0).epochs().length <= 30);
    renderer.setAlpha(0.22f);
    for (int i = 0; i < bands.size(); i++) {
      Color c = (Color) ChartStyle.color(i);
      renderer.setSeriesPaint(i, c);
      renderer.setSeriesFillPaint(i, c);
      renderer.setSeriesStroke(i, ChartStyle.line(i >= dashedFrom ? 1 : 0));
    }
    NumberAxis valueAxis = new NumberAxis(valueLabel);
    valueAxis.setAutoRangeIncludesZero(false);
    XYPlot plot = new XYPlot(data, ChartStyle.epochAxis(), valueAxis, renderer);
    JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
    ChartStyle.apply(chart);
    return chart;
  }
}
