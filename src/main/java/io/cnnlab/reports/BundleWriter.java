package io.cnnlab.reports;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jfree.chart.JFreeChart;

/**
 * Writes one experiment's bundle: {@code <root>/<id>/report.pdf} (title page with settings and verdict, the
 * comparison with the reference, curves, times, confusion matrix, raster figures) plus every chart as PNG,
 * every table as CSV, and {@code thumbnail.png} for the index. Only reads what it is given; never trains.
 */
public final class BundleWriter {
  private BundleWriter() {}

  /** Charts in the PDF are a little flatter than the PNGs so that two fit on an A4 page with captions. */
  static final double PDF_CHART_ASPECT = 1.7;

  /** Most-confused pairs listed. */
  public static final int CONFUSED_PAIRS = 10;

  /** Thumbnail size in pixels. */
  public static final int THUMB_WIDTH = 360;

  public static final int THUMB_HEIGHT = 240;

  /** What was written. */
  public record BundleFiles(Path directory, Path pdf, Path thumbnail, List<Path> pngs, List<Path> csvs) {
    /** The index row of this bundle. */
    public IndexEntry indexEntry(String experimentId, String title, String verdict) {
      return new IndexEntry(experimentId, title, verdict, thumbnail, pdf);
    }
  }

  /** Writes the bundle of {@code report} under {@code reportsRoot}, replacing files of the same names. */
  public static BundleFiles write(Path reportsRoot, ExperimentReport report) throws IOException {
    Path dir = reportsRoot.resolve(report.id());
    List<Path> pngs = new ArrayList<>();
    List<Path> csvs = new ArrayList<>();
    Map<String, List<MetricsTable>> variants = report.variants();
    String firstVariant = variants.keySet().iterator().next();
    MetricsTable representative = variants.get(firstVariant).get(0);
    double chartAspect = PDF_CHART_ASPECT;

    Path pdf = dir.resolve("report.pdf");
    try (PdfReport doc = PdfReport.create(pdf, report.title())) {
      doc.titlePage(report.title(), "experiment " + report.id(), report.verdict(), report.settings());
      if (!report.settings().isEmpty()) {
        csvs.add(CsvTables.write(ReportTables.keyValues("Settings", report.settings()), dir.resolve("settings.csv")));
      }

      doc.section("Results against the reference");
      if (report.comparison() != null) {
        doc.table(report.comparison());
        csvs.add(CsvTables.write(report.comparison(), dir.resolve("comparison.csv")));
      } else {
        doc.paragraph("No reference numbers for this experiment.");
      }
      TextTable finals = ReportTables.finalMetrics(variants);
      doc.table(finals);
      csvs.add(CsvTables.write(finals, dir.resolve("final-metrics.csv")));

      doc.section("Training curves");
      String runName = variants.size() > 1 || variants.get(firstVariant).size() > 1
          ? firstVariant + ", first seed" : firstVariant;
      JFreeChart curves = TrainingCurvesChart.create(report.title() + " (" + runName + ")", representative);
      java.awt.image.BufferedImage curvesImage = PngWriter.render(Figure.of(curves), PngWriter.CHART_WIDTH, PngWriter.CHART_HEIGHT);
      pngs.add(PngWriter.write(curvesImage, dir.resolve("curves.png")));
      Path thumbnail = PngWriter.write(PngWriter.shrink(curvesImage, THUMB_WIDTH, THUMB_HEIGHT), dir.resolve("thumbnail.png"));
      doc.figure(Figure.of(curves), chartAspect, "Per-epoch training loss, training accuracy and test accuracy of " + runName + ".");
      if (variants.size() > 1 || variants.get(firstVariant).size() > 1) {
        overlays(doc, dir, variants, pngs, csvs, chartAspect);
      }

      timing(doc, dir, report, pngs, csvs, chartAspect);
      if (report.confusion() != null) {
        confusion(doc, dir, report.confusion(), pngs, csvs);
      }
      for (ExperimentReport.Raster raster : report.rasters()) {
        doc.section(raster.caption());
        doc.image(raster.image(), raster.caption());
        pngs.add(PngWriter.write(raster.image(), dir.resolve(raster.fileStem() + ".png")));
      }
      return new BundleFiles(dir, pdf, thumbnail, List.copyOf(pngs), List.copyOf(csvs));
    }
  }

  private static void overlays(
      PdfReport doc, Path dir, Map<String, List<MetricsTable>> variants, List<Path> pngs, List<Path> csvs, double aspect)
      throws IOException {
    doc.section("Variants over seeds");
    doc.paragraph("Lines are means over seeds; shaded bands span the minimum to the maximum over seeds.");
    for (String column : List.of(MetricsColumns.TRAIN_LOSS, MetricsColumns.TRAIN_ACCURACY, MetricsColumns.TEST_ACCURACY)) {
      List<SeedBand> bands = new ArrayList<>();
      variants.forEach((label, runs) -> bands.add(SeedBand.of(label, column, runs)));
      String name = column.replace('_', ' ');
      JFreeChart chart = VariantOverlayChart.create(name + " per variant", name, bands);
      pngs.add(PngWriter.write(Figure.of(chart), dir.resolve("overlay-" + column + ".png"), PngWriter.CHART_WIDTH, PngWriter.CHART_HEIGHT));
      csvs.add(CsvTables.write(ReportTables.seedBands(name, bands), dir.resolve("overlay-" + column + ".csv")));
      doc.figure(Figure.of(chart), aspect, name + ": mean and min-max band over seeds per variant.");
    }
  }

  private static void timing(PdfReport doc, Path dir, ExperimentReport report, List<Path> pngs, List<Path> csvs, double aspect)
      throws IOException {
    List<EpochTimeBreakdown> times = new ArrayList<>();
    report.variants().forEach(
        (label, runs) -> {
          if (runs.stream().anyMatch(EpochTimeBreakdown::hasTiming)) {
            times.add(EpochTimeBreakdown.fromMetrics(label, runs, true));
          }
        });
    if (times.isEmpty() && report.workerComparison().isEmpty()) {
      return;
    }
    doc.section("Time per epoch");
    if (!times.isEmpty()) {
      JFreeChart chart = EpochTimeChart.create("Where an epoch's time goes", times);
      pngs.add(PngWriter.write(Figure.of(chart), dir.resolve("epoch-time.png"), PngWriter.CHART_WIDTH, PngWriter.CHART_HEIGHT));
      TextTable table = ReportTables.epochTimes(times);
      csvs.add(CsvTables.write(table, dir.resolve("epoch-time.csv")));
      doc.figure(Figure.of(chart), aspect, "Mean seconds per epoch (first epoch left out when there are several).");
      doc.table(table);
    }
    if (!report.workerComparison().isEmpty()) {
      JFreeChart chart = ComparisonBarChart.create("Loader workers", "seconds per epoch", report.workerComparison());
      pngs.add(PngWriter.write(Figure.of(chart), dir.resolve("workers.png"), PngWriter.CHART_WIDTH, PngWriter.CHART_HEIGHT));
      List<List<String>> rows = report.workerComparison().stream()
          .map(b -> List.of(b.group(), b.series(), ReportTables.fixed(b.value(), 3))).toList();
      csvs.add(CsvTables.write(new TextTable("Loader workers", List.of("setting", "quantity", "value"), rows), dir.resolve("workers.csv")));
      doc.figure(Figure.of(chart), aspect, "Epoch time and data wait by number of loader workers.");
    }
  }

  private static void confusion(PdfReport doc, Path dir, ExperimentReport.Confusion c, List<Path> pngs, List<Path> csvs)
      throws IOException {
    int side = PngWriter.CHART_WIDTH;
    doc.section("Confusion matrix");
    for (ConfusionHeatmap.Mode mode : ConfusionHeatmap.Mode.values()) {
      boolean counts = mode == ConfusionHeatmap.Mode.COUNTS;
      String title = counts ? "Confusion matrix (counts)" : "Confusion matrix (row-normalized)";
      ConfusionHeatmap map = new ConfusionHeatmap(c.matrix(), c.classNames(), mode, title);
      pngs.add(PngWriter.write(map, dir.resolve(counts ? "confusion-counts.png" : "confusion-normalized.png"), side, side));
      doc.figure(map, 1.0, counts
          ? "Test examples by true class (rows) and predicted class (columns)."
          : "Each row divided by its class's number of test examples; the diagonal is per-class recall.");
    }
    if (c.matrix().classes() > ConfusionHeatmap.NAMED_LIMIT) {
      doc.table(ReportTables.classLegend(c.classNames(), 4));
    }
    TextTable perClass = ReportTables.perClass(c.matrix(), c.classNames());
    TextTable confused = ReportTables.mostConfused(c.matrix(), c.classNames(), CONFUSED_PAIRS);
    doc.section("Per-class results");
    doc.table(confused);
    doc.table(perClass);
    csvs.add(CsvTables.write(perClass, dir.resolve("per-class.csv")));
    csvs.add(CsvTables.write(confused, dir.resolve("most-confused.csv")));
    csvs.add(CsvTables.write(ReportTables.confusionCounts(c.matrix(), c.classNames()), dir.resolve("confusion-counts.csv")));
  }
}
