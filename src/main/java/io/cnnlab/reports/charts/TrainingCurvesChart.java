package io.cnnlab.reports.charts;

import io.cnnlab.output.ChartStyle;
import io.cnnlab.reports.input.MetricsTable;
import io.cnnlab.runs.MetricsColumns;
import java.awt.Color;
import java.awt.geom.Ellipse2D;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.AxisLocation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * One run's learning curves per epoch, like the textbook's animator plot: training loss (and test loss
 * when recorded) on the left axis, training and test accuracy on a right axis fixed to 0..1.
 */
public final class TrainingCurvesChart {
  private TrainingCurvesChart() {}

  private static final Color LOSS = new Color(31, 119, 180);
  private static final Color TEST_LOSS = new Color(100, 100, 100);
  private static final Color TRAIN_ACC = new Color(190, 50, 160);
  private static final Color TEST_ACC = new Color(44, 160, 44);

  /** The chart of {@code run} titled {@code title}. */
  public static JFreeChart create(String title, MetricsTable run) {
    int[] epochs = run.epochs();
    XYSeriesCollection losses = new XYSeriesCollection();
    losses.addSeries(series("train loss", epochs, run.column(MetricsColumns.TRAIN_LOSS)));
    boolean testLoss = run.hasColumn(MetricsColumns.TEST_LOSS);
    if (testLoss) {
      losses.addSeries(series("test loss", epochs, run.column(MetricsColumns.TEST_LOSS)));
    }
    XYSeriesCollection accuracies = new XYSeriesCollection();
    accuracies.addSeries(series("train acc", epochs, run.column(MetricsColumns.TRAIN_ACCURACY)));
    accuracies.addSeries(series("test acc", epochs, run.column(MetricsColumns.TEST_ACCURACY)));

    NumberAxis lossAxis = new NumberAxis("loss");
    lossAxis.setAutoRangeIncludesZero(true);
    NumberAxis accuracyAxis = new NumberAxis("accuracy");
    accuracyAxis.setRange(0.0, 1.0);

    XYPlot plot = new XYPlot(losses, ChartStyle.epochAxis(), lossAxis, renderer(epochs.length, LOSS, TEST_LOSS, 0));
    plot.setRangeAxis(1, accuracyAxis);
    plot.setRangeAxisLocation(1, AxisLocation.BOTTOM_OR_RIGHT);
    plot.setDataset(1, accuracies);
    plot.mapDatasetToRangeAxis(1, 1);
    plot.setRenderer(1, renderer(epochs.length, TRAIN_ACC, TEST_ACC, 1));
    if (!testLoss) {
      plot.getRenderer(0).setSeriesStroke(0, ChartStyle.line(0));
    }

    JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
    ChartStyle.apply(chart);
    return chart;
  }

  private static XYSeries series(String name, int[] epochs, double[] values) {
    XYSeries s = new XYSeries(name, false, true);
    for (int i = 0; i < epochs.length; i++) {
      s.add(epochs[i], values[i]);
    }
    return s;
  }

  /** Lines in d2l's styles (solid, dashed, dash-dot); point markers only while epochs are few. */
  private static XYLineAndShapeRenderer renderer(int points, Color first, Color second, int firstDash) {
    XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, points <= 30);
    r.setSeriesPaint(0, first);
    r.setSeriesPaint(1, second);
    r.setSeriesStroke(0, ChartStyle.line(firstDash));
    r.setSeriesStroke(1, ChartStyle.line(firstDash + 1));
    Ellipse2D dot = new Ellipse2D.Double(-3.5, -3.5, 7, 7);
    r.setSeriesShape(0, dot);
    r.setSeriesShape(1, dot);
    return r;
  }
}
