package io.cnnlab.reports;

import io.cnnlab.output.ComparisonBarChart;
import io.cnnlab.output.CsvTables;
import io.cnnlab.output.Figure;
import io.cnnlab.output.PngWriter;
import io.cnnlab.output.TextTable;
import io.cnnlab.reports.charts.EpochTimeChart;
import io.cnnlab.reports.charts.TrainingCurvesChart;
import io.cnnlab.reports.charts.VariantOverlayChart;
import io.cnnlab.reports.input.EpochTimeBreakdown;
import io.cnnlab.reports.input.MetricsTable;
import io.cnnlab.reports.input.SeedBand;
import io.cnnlab.reports.pdf.PdfReport;
import io.cnnlab.runs.MetricsColumns;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.title.TextTitle;

/**
 * The metric pages of a bundle: training curves per variant, variants overlaid per metric, and where an
 * epoch's time goes. Each chart goes into the PDF (vector) and out as a PNG; each table as a CSV.
 */
final class MetricPages {
  private final PdfReport doc;
  private final Path dir;
  private final List<Path> pngs;
  private final List<Path> csvs;
  private final double aspect;

  /** Charts two to a row are drawn a little taller than full-width ones, so their text stays legible. */
  static final double GRID_ASPECT = 1.35;

  MetricPages(PdfReport doc, Path dir, List<Path> pngs, List<Path> csvs, double aspect) {
    this.doc = doc;
    this.dir = dir;
    this.pngs = pngs;
    this.csvs = csvs;
    this.aspect = aspect;
  }

  /**
   * One chart per variant on the current page: a single run's curves (loss on the left axis, accuracies on the
   * right), or with several seeds the mean and min-max band of train loss, train accuracy and test accuracy on
   * one axis, as d2l's plots draw them; peers' train loss and test accuracy beside the first variant's. One
   * variant writes {@code curves.png}, several {@code curves-<variant>.png}. Every chart carries its context.
   *
   * @param context per variant label, what the chart shows (data set, model, settings, seeds)
   * @return the first chart as rendered for its PNG (the bundle's thumbnail)
   */
  BufferedImage curves(String title, Map<String, List<MetricsTable>> variants, Map<String, List<MetricsTable>> peers,
      Function<String, String> context) throws IOException {
    doc.heading("Training curves");
    BufferedImage first = null;
    List<Figure> grid = new ArrayList<>();
    List<String> captions = new ArrayList<>();
    for (Map.Entry<String, List<MetricsTable>> variant : variants.entrySet()) {
      String label = variant.getKey();
      List<MetricsTable> runs = variant.getValue();
      boolean withPeers = first == null && !peers.isEmpty();
      String name = (variants.size() == 1 ? title : "Variant " + label)
          + (runs.size() > 1 ? " (" + runs.size() + " seeds)" : "") + (withPeers ? " beside " + String.join(", ", peers.keySet()) : "");
      JFreeChart chart;
      String caption;
      if (runs.size() == 1 && !withPeers) {
        chart = TrainingCurvesChart.create(name, runs.get(0));
        caption = "Per-epoch training loss, training accuracy and test accuracy of " + label + ".";
      } else {
        List<SeedBand> bands = new ArrayList<>(List.of(
            SeedBand.of("train loss", MetricsColumns.TRAIN_LOSS, runs),
            SeedBand.of("train acc", MetricsColumns.TRAIN_ACCURACY, runs),
            SeedBand.of("test acc", MetricsColumns.TEST_ACCURACY, runs)));
        caption = label + ": lines are means over " + runs.size() + (runs.size() == 1 ? " seed" : " seeds")
            + ", bands span their minimum to maximum.";
        if (withPeers) {
          peers.forEach((peer, peerRuns) -> {
            bands.add(SeedBand.of(peer + " train loss", MetricsColumns.TRAIN_LOSS, peerRuns));
            bands.add(SeedBand.of(peer + " test acc", MetricsColumns.TEST_ACCURACY, peerRuns));
          });
          caption += " " + String.join(", ", peers.keySet()) + ": the same settings run on this machine (train loss"
              + " and test accuracy per epoch); the textbook's published numbers stay the band.";
        }
        chart = VariantOverlayChart.create(name, "loss / accuracy", bands, 3);
        csvs.add(CsvTables.write(ReportTables.seedBands(label, bands), dir.resolve(stem("curves", label, variants) + ".csv")));
      }
      String says = context.apply(label);
      withContext(chart, says);
      BufferedImage image = PngWriter.render(Figure.of(chart), PngWriter.CHART_WIDTH, PngWriter.CHART_HEIGHT);
      pngs.add(PngWriter.write(image, dir.resolve(stem("curves", label, variants) + ".png")));
      if (variants.size() == 1) {
        doc.figure(Figure.of(chart), aspect, caption, 0.36f);
      } else {
        grid.add(Figure.of(chart));
        captions.add(caption);
      }
      if (first == null) {
        first = image;
      }
    }
    if (!grid.isEmpty()) {
      doc.figureGrid(grid, GRID_ASPECT, captions, 2);
    }
    return first;
  }

  /** Adds {@code context} as a subtitle under the chart's title (wrapped to the chart's width). */
  static void withContext(JFreeChart chart, String context) {
    if (context != null && !context.isBlank()) {
      TextTitle sub = new TextTitle(context, new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.PLAIN, 13));
      sub.setPaint(java.awt.Color.DARK_GRAY);
      chart.addSubtitle(0, sub);
    }
  }

  /** Every variant on one chart per metric, mean line and min-max band over seeds, on a page of their own. */
  void overlays(Map<String, List<MetricsTable>> variants, String context) throws IOException {
    doc.section("Variants over seeds");
    doc.paragraph("Lines are means over seeds; shaded bands span the minimum to the maximum over seeds.");
    List<Figure> grid = new ArrayList<>();
    List<String> captions = new ArrayList<>();
    for (String column : List.of(MetricsColumns.TRAIN_LOSS, MetricsColumns.TRAIN_ACCURACY, MetricsColumns.TEST_ACCURACY)) {
      List<SeedBand> bands = new ArrayList<>();
      variants.forEach((label, runs) -> bands.add(SeedBand.of(label, column, runs)));
      String name = column.replace('_', ' ');
      JFreeChart chart = VariantOverlayChart.create(name + " per variant", name, bands);
      withContext(chart, context);
      pngs.add(PngWriter.write(Figure.of(chart), dir.resolve("overlay-" + column + ".png"), PngWriter.CHART_WIDTH, PngWriter.CHART_HEIGHT));
      csvs.add(CsvTables.write(ReportTables.seedBands(name, bands), dir.resolve("overlay-" + column + ".csv")));
      grid.add(Figure.of(chart));
      captions.add(name + ": mean and min-max band over seeds per variant.");
    }
    doc.figureGrid(grid, GRID_ASPECT, captions, 2);
  }

  /**
   * Stacked epoch-time bars per variant that recorded timing, and the loader-workers bars when given;
   * nothing when there is neither.
   */
  void timing(Map<String, List<MetricsTable>> variants, boolean breakdown, List<ComparisonBarChart.Bar> workers,
      String context) throws IOException {
    List<EpochTimeBreakdown> times = new ArrayList<>();
    if (breakdown) {
      variants.forEach(
          (label, runs) -> {
            if (runs.stream().anyMatch(EpochTimeBreakdown::hasTiming)) {
              times.add(EpochTimeBreakdown.fromMetrics(label, runs, true));
            }
          });
    }
    if (times.isEmpty() && workers.isEmpty()) {
      return;
    }
    doc.heading("Time per epoch");
    if (!times.isEmpty()) {
      JFreeChart chart = EpochTimeChart.create("Where an epoch's time goes", times);
      withContext(chart, context);
      pngs.add(PngWriter.write(Figure.of(chart), dir.resolve("epoch-time.png"), PngWriter.CHART_WIDTH, PngWriter.CHART_HEIGHT));
      TextTable table = ReportTables.epochTimes(times);
      csvs.add(CsvTables.write(table, dir.resolve("epoch-time.csv")));
      doc.figure(Figure.of(chart), aspect, "Mean seconds per epoch (first epoch left out when there are several).", 0.27f);
      doc.table(ReportTables.epochTimes(times, true));
    }
    if (!workers.isEmpty()) {
      // One chart per quantity: images per second and seconds of waiting do not share an axis.
      Map<String, List<ComparisonBarChart.Bar>> byQuantity = new LinkedHashMap<>();
      List<Figure> grid = new ArrayList<>();
      List<String> captions = new ArrayList<>();
      workers.forEach(b -> byQuantity.computeIfAbsent(b.series(), k -> new ArrayList<>()).add(b));
      for (Map.Entry<String, List<ComparisonBarChart.Bar>> quantity : byQuantity.entrySet()) {
        String name = quantity.getKey();
        JFreeChart chart = ComparisonBarChart.create("Loader workers: " + name, name, quantity.getValue());
        withContext(chart, context);
        pngs.add(PngWriter.write(Figure.of(chart), dir.resolve(stem("workers", name, byQuantity) + ".png"),
            PngWriter.CHART_WIDTH, PngWriter.CHART_HEIGHT));
        grid.add(Figure.of(chart));
        captions.add(name + " by loader setting.");
      }
      doc.figureGrid(grid, GRID_ASPECT, captions, 2);
      List<List<String>> rows = workers.stream()
          .map(b -> List.of(b.group(), b.series(), ReportTables.fixed(b.value(), 3))).toList();
      csvs.add(CsvTables.write(new TextTable("Loader workers", List.of("setting", "quantity", "value"), rows), dir.resolve("workers.csv")));
    }
  }

  /** {@code prefix} for a lone entry, {@code prefix-<entry as a file name>} for several. */
  private static String stem(String prefix, String variant, Map<String, ?> variants) {
    if (variants.size() == 1) {
      return prefix;
    }
    String slug = variant.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.]+", "-").replaceAll("^-+|-+$", "");
    return prefix + "-" + (slug.isEmpty() ? "variant" : slug);
  }
}
