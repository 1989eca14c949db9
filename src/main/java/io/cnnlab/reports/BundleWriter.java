package io.cnnlab.reports;

import io.cnnlab.output.CsvTables;
import io.cnnlab.output.PngWriter;
import io.cnnlab.output.TextTable;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import io.cnnlab.reports.input.MetricsTable;
import io.cnnlab.reports.charts.ConfusionHeatmap;
import io.cnnlab.reports.figures.ImageCanvas;
import io.cnnlab.reports.pdf.PdfReport;

/**
 * Writes one experiment's bundle: {@code <root>/<id>/report.pdf} (title page with settings, notice and verdict,
 * the comparison with the reference, the chosen metric charts, times, confusion matrix, tables, raster figures)
 * plus every chart as PNG, every table as CSV, and {@code thumbnail.png} (the first figure) for the index.
 * Only reads what it is given; never trains.
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

  /** What was written; {@code thumbnail} is null when the bundle has no figure at all. */
  public record BundleFiles(Path directory, Path pdf, Path thumbnail, List<Path> pngs, List<Path> csvs) {
    /** The index row of this bundle. */
    public IndexEntry indexEntry(String experimentId, String title, String verdict) {
      return new IndexEntry(experimentId, title, verdict, thumbnail, pdf);
    }
  }

  /** Raster figures wider than this are reduced before they are written as PNGs (contact sheets of photos). */
  static final int MAX_RASTER_WIDTH = 2400;

  /** Tables longer than this show their first rows in the PDF; their CSV has them all. */
  static final int MAX_PDF_TABLE_ROWS = 60;

  /** Writes the bundle of {@code report} into {@code reportsRoot/<id>}, replacing files of the same names. */
  public static BundleFiles write(Path reportsRoot, ExperimentReport report) throws IOException {
    return writeInto(reportsRoot.resolve(report.id()), report);
  }

  /** Writes the bundle of {@code report} into {@code dir}, replacing files of the same names. */
  public static BundleFiles writeInto(Path dir, ExperimentReport report) throws IOException {
    List<Path> pngs = new ArrayList<>();
    List<Path> csvs = new ArrayList<>();
    Map<String, List<MetricsTable>> variants = report.variants();
    Set<ExperimentReport.Part> parts = report.parts();
    BufferedImage thumbnailSource = null;

    Path pdf = dir.resolve("report.pdf");
    try (PdfReport doc = PdfReport.create(pdf, report.title())) {
      doc.titlePage(report.title(), "experiment " + report.id(), report.notice(), report.verdict(), report.settings());
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
      for (String note : report.notes()) {
        doc.paragraph(note);
      }
      if (!variants.isEmpty()) {
        TextTable finals = ReportTables.finalMetrics(variants);
        doc.table(finals);
        csvs.add(CsvTables.write(finals, dir.resolve("final-metrics.csv")));
      }

      MetricPages metrics = new MetricPages(doc, dir, pngs, csvs, PDF_CHART_ASPECT);
      if (!variants.isEmpty() && parts.contains(ExperimentReport.Part.CURVES)) {
        thumbnailSource = metrics.curves(report.title(), variants);
      }
      boolean severalRuns = variants.size() > 1 || variants.values().stream().anyMatch(runs -> runs.size() > 1);
      if (severalRuns && parts.contains(ExperimentReport.Part.OVERLAY)) {
        metrics.overlays(variants);
      }
      metrics.timing(variants, parts.contains(ExperimentReport.Part.TIME), report.workerComparison());
      if (report.confusion() != null) {
        confusion(doc, dir, report.confusion(), pngs, csvs);
      }
      for (ExperimentReport.Table table : report.tables()) {
        doc.section(table.table().title() == null ? table.fileStem() : table.table().title());
        List<List<String>> rows = table.table().rows();
        doc.table(new TextTable(null, table.table().header(), rows.subList(0, Math.min(rows.size(), MAX_PDF_TABLE_ROWS))));
        if (rows.size() > MAX_PDF_TABLE_ROWS) {
          doc.paragraph("The first " + MAX_PDF_TABLE_ROWS + " of " + rows.size() + " rows; " + table.fileStem()
              + ".csv has them all.");
        }
        csvs.add(CsvTables.write(table.table(), dir.resolve(table.fileStem() + ".csv")));
      }
      for (ExperimentReport.Raster raster : report.rasters()) {
        doc.section(raster.caption());
        BufferedImage image = fitted(raster.image(), MAX_RASTER_WIDTH, Integer.MAX_VALUE);
        doc.image(image, raster.caption(), raster.photographic());
        pngs.add(PngWriter.write(image, dir.resolve(raster.fileStem() + ".png")));
        if (thumbnailSource == null) {
          thumbnailSource = raster.image();
        }
      }
    }
    if (thumbnailSource == null && !pngs.isEmpty()) {
      thumbnailSource = javax.imageio.ImageIO.read(pngs.get(0).toFile());
    }
    Path thumbnail = null;
    if (thumbnailSource != null) {
      thumbnail = PngWriter.write(thumbnail(thumbnailSource), dir.resolve("thumbnail.png"));
    }
    return new BundleFiles(dir, pdf, thumbnail, List.copyOf(pngs), List.copyOf(csvs));
  }

  /**
   * A {@link #THUMB_WIDTH} x {@link #THUMB_HEIGHT} thumbnail: charts (drawn at 3:2) are shrunk to it; other
   * shapes are fitted inside it on white, keeping their aspect ratio.
   */
  static BufferedImage thumbnail(BufferedImage source) {
    BufferedImage fitted = fitted(source, THUMB_WIDTH, THUMB_HEIGHT);
    if (fitted.getWidth() == THUMB_WIDTH && fitted.getHeight() == THUMB_HEIGHT) {
      return fitted;
    }
    BufferedImage canvas = ImageCanvas.blank(THUMB_WIDTH, THUMB_HEIGHT, java.awt.Color.WHITE);
    java.awt.Graphics2D g = canvas.createGraphics();
    try {
      g.drawImage(fitted, (THUMB_WIDTH - fitted.getWidth()) / 2, (THUMB_HEIGHT - fitted.getHeight()) / 2, null);
    } finally {
      g.dispose();
    }
    return canvas;
  }

  /** {@code image} reduced to fit {@code maxWidth x maxHeight} with its aspect ratio kept; unchanged if it fits. */
  static BufferedImage fitted(BufferedImage image, int maxWidth, int maxHeight) {
    double scale = Math.min(1.0, Math.min(maxWidth / (double) image.getWidth(), maxHeight / (double) image.getHeight()));
    if (scale >= 1.0) {
      return image;
    }
    int w = Math.max(1, (int) Math.round(image.getWidth() * scale));
    int h = Math.max(1, (int) Math.round(image.getHeight() * scale));
    return PngWriter.shrink(image, w, h);
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
      String from = c.source() == null ? "" : " Predictions of " + c.source() + ".";
      doc.figure(map, 1.0, (counts
          ? "Test examples by true class (rows) and predicted class (columns)."
          : "Each row divided by its class's number of test examples; the diagonal is per-class recall.") + from);
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
