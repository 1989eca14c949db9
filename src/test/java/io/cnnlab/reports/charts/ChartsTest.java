package io.cnnlab.reports.charts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cnnlab.output.ComparisonBarChart;
import io.cnnlab.output.Figure;
import io.cnnlab.output.PngWriter;
import io.cnnlab.reports.Fixtures;
import io.cnnlab.reports.input.EpochTimeBreakdown;
import io.cnnlab.reports.input.MetricsTable;
import io.cnnlab.reports.input.SeedBand;
import io.cnnlab.runs.MetricsColumns;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.category.CategoryDataset;
import org.jfree.data.xy.IntervalXYDataset;
import org.jfree.data.xy.XYDataset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChartsTest {
  @TempDir static Path dir;
  static MetricsTable run0;
  static MetricsTable run1;
  static MetricsTable run2;

  @BeforeAll
  static void runs() throws IOException {
    run0 = MetricsTable.read(Fixtures.writeMetrics(dir.resolve("s0/metrics.csv"), 10, 0.00, 0.0));
    run1 = MetricsTable.read(Fixtures.writeMetrics(dir.resolve("s1/metrics.csv"), 10, 0.01, 1.0));
    run2 = MetricsTable.read(Fixtures.writeMetrics(dir.resolve("s2/metrics.csv"), 10, 0.02, 0.0));
  }

  @Test
  void trainingCurvesHaveLossOnTheLeftAndAccuracyOnAFixedRightAxis() {
    JFreeChart chart = TrainingCurvesChart.create("LeNet", run0);
    XYPlot plot = chart.getXYPlot();
    assertEquals(2, plot.getRangeAxisCount());
    assertEquals(0.0, plot.getRangeAxis(1).getLowerBound());
    assertEquals(1.0, plot.getRangeAxis(1).getUpperBound());
    XYDataset losses = plot.getDataset(0);
    XYDataset accuracies = plot.getDataset(1);
    assertEquals(List.of("train loss", "test loss"), List.of(losses.getSeriesKey(0), losses.getSeriesKey(1)));
    assertEquals(List.of("train acc", "test acc"), List.of(accuracies.getSeriesKey(0), accuracies.getSeriesKey(1)));
    assertEquals(10, losses.getItemCount(0));
    assertEquals(3, losses.getXValue(0, 2));
    assertEquals(Fixtures.trainLoss(3, 0), losses.getYValue(0, 2), 1e-6);
    assertEquals(Fixtures.testAccuracy(7, 0), accuracies.getYValue(1, 6), 1e-6);
  }

  @Test
  void seedBandIsMeanMinAndMaxOverSeeds() {
    // The fixture's train loss grows linearly with the seed offset (0, 0.01, 0.02): the mean is the
    // middle run, the band the outer two.
    SeedBand band = SeedBand.of("ablation", MetricsColumns.TRAIN_LOSS, List.of(run2, run0, run1));
    assertEquals(3, band.runs());
    for (int e = 1; e <= 10; e++) {
      assertEquals(Fixtures.trainLoss(e, 0.01), band.mean()[e - 1], 1e-6);
      assertEquals(Fixtures.trainLoss(e, 0.00), band.min()[e - 1], 1e-6);
      assertEquals(Fixtures.trainLoss(e, 0.02), band.max()[e - 1], 1e-6);
    }
  }

  @Test
  void seedBandKeepsOnlyEpochsEveryRunHas() throws IOException {
    MetricsTable shortRun = MetricsTable.read(Fixtures.writeMetrics(dir.resolve("short/metrics.csv"), 4, 0.02, 0.0));
    SeedBand band = SeedBand.of("v", MetricsColumns.TEST_ACCURACY, List.of(run0, shortRun));
    assertArrayEquals(new int[] {1, 2, 3, 4}, band.epochs());
    assertEquals((Fixtures.testAccuracy(4, 0) + Fixtures.testAccuracy(4, 0.02)) / 2, band.mean()[3], 1e-6);
  }

  @Test
  void overlayChartCarriesTheBands() {
    SeedBand a = SeedBand.of("max pooling", MetricsColumns.TEST_ACCURACY, List.of(run0, run1, run2));
    SeedBand b = SeedBand.of("average pooling", MetricsColumns.TEST_ACCURACY, List.of(run1));
    JFreeChart chart = VariantOverlayChart.create("test accuracy", "test accuracy", List.of(a, b));
    IntervalXYDataset data = (IntervalXYDataset) chart.getXYPlot().getDataset();
    assertEquals(2, data.getSeriesCount());
    assertEquals("max pooling (mean, min-max of 3 seeds)", data.getSeriesKey(0));
    assertEquals("average pooling", data.getSeriesKey(1));
    assertEquals(Fixtures.testAccuracy(5, 0.02), data.getStartYValue(0, 4), 1e-6);
    assertEquals(Fixtures.testAccuracy(5, 0.00), data.getEndYValue(0, 4), 1e-6);
    assertEquals(data.getStartYValue(1, 4), data.getEndYValue(1, 4));
  }

  @Test
  void epochTimeBreakdownAveragesAfterTheWarmUpEpoch() {
    // Fixture epochs: wait 1 (+1 for run1), feed 0.5, step 14 in epoch 1 then 4, eval 0.8, rest 0.5.
    EpochTimeBreakdown steady = EpochTimeBreakdown.fromMetrics("2 workers", List.of(run0), true);
    assertArrayEquals(new double[] {1.0, 0.5, 4.0, 0.8, 0.5}, steady.components(), 1e-9);
    assertEquals(6.8, steady.total(), 1e-9);
    EpochTimeBreakdown all = EpochTimeBreakdown.fromMetrics("2 workers", List.of(run0), false);
    assertEquals((14 + 9 * 4) / 10.0, all.step(), 1e-9);
    EpochTimeBreakdown pooled = EpochTimeBreakdown.fromMetrics("pooled", List.of(run0, run1), true);
    assertEquals(1.5, pooled.dataWait(), 1e-9);
  }

  @Test
  void epochTimeNeedsTimingColumns() throws IOException {
    Path file = dir.resolve("plain/metrics.csv");
    java.nio.file.Files.createDirectories(file.getParent());
    java.nio.file.Files.writeString(file, "epoch,train_loss,train_accuracy,test_accuracy\n1,1,0.5,0.5\n");
    MetricsTable plain = MetricsTable.read(file);
    assertThrows(IllegalArgumentException.class, () -> EpochTimeBreakdown.fromMetrics("x", List.of(plain), true));
  }

  @Test
  void barChartsHoldTheirValues() {
    JFreeChart stacked = EpochTimeChart.create("time", List.of(
        EpochTimeBreakdown.fromMetrics("2 workers", List.of(run1), true),
        EpochTimeBreakdown.fromMetrics("5 workers", List.of(run0), true)));
    CategoryDataset s = ((CategoryPlot) stacked.getPlot()).getDataset();
    assertEquals(EpochTimeBreakdown.COMPONENTS, s.getRowKeys());
    assertEquals(2.0, s.getValue("data wait", "2 workers").doubleValue(), 1e-9);
    assertEquals(1.0, s.getValue("data wait", "5 workers").doubleValue(), 1e-9);

    JFreeChart grouped = ComparisonBarChart.create("workers", "seconds", List.of(
        new ComparisonBarChart.Bar("2 workers", "epoch time", 7.8),
        new ComparisonBarChart.Bar("2 workers", "data wait", 2.0),
        new ComparisonBarChart.Bar("5 workers", "epoch time", 6.8),
        new ComparisonBarChart.Bar("5 workers", "data wait", 1.0)));
    CategoryDataset g = ((CategoryPlot) grouped.getPlot()).getDataset();
    assertEquals(List.of("epoch time", "data wait"), g.getRowKeys());
    assertEquals(List.of("2 workers", "5 workers"), g.getColumnKeys());
    assertEquals(6.8, g.getValue("epoch time", "5 workers").doubleValue(), 1e-9);
  }

  @Test
  void chartsRenderToPngsOfTheRequestedSize() throws IOException {
    Path png = PngWriter.write(Figure.of(TrainingCurvesChart.create("LeNet", run0)), dir.resolve("out/curves.png"), 1200, 800);
    BufferedImage image = ImageIO.read(png.toFile());
    assertEquals(1200, image.getWidth());
    assertEquals(800, image.getHeight());
    assertTrue(inkShare(image) > 0.01, "the chart drew something");
    BufferedImage thumb = PngWriter.shrink(image, 360, 240);
    assertEquals(360, thumb.getWidth());
    assertEquals(240, thumb.getHeight());
  }

  /** Share of pixels that are not white. */
  static double inkShare(BufferedImage image) {
    long ink = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        if ((image.getRGB(x, y) & 0xFFFFFF) != 0xFFFFFF) {
          ink++;
        }
      }
    }
    return ink / (double) (image.getWidth() * image.getHeight());
  }
}
