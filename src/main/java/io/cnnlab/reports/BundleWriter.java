package io.cnnlab.reports;

import io.cnnlab.output.CsvTables;
import io.cnnlab.output.PngWriter;
import io.cnnlab.output.TextTable;
import io.cnnlab.reports.figures.CaptionStrip;
import io.cnnlab.reports.figures.ImageCanvas;
import io.cnnlab.reports.input.MetricsTable;
import io.cnnlab.reports.pdf.PdfReport;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
  public record BundleFiles(Path directory, Path pdf, Path thumbnail, List<Path> pngs, List<Path> csvs) {}

  /** Raster figures wider than this are reduced before they are written as PNGs (contact sheets of photos). */
  static final int MAX_RASTER_WIDTH = 2400;

  /** Tables longer than this show their first rows in the PDF; their CSV has them all. */
  static final int MAX_PDF_TABLE_ROWS = 60;

  /** Writes the bundle of {@code report} into {@code dir}, replacing files of the same names. */
  public static BundleFiles writeInto(Path dir, ExperimentReport report) throws IOException {
    List<Path> pngs = new ArrayList<>();
    List<Path> csvs = new ArrayList<>();
    Map<String, List<MetricsTable>> variants = report.variants();
    Set<ExperimentReport.Part> parts = report.parts();
    BufferedImage thumbnailSource = null;

    Path pdf = dir.resolve(IndexEntry.REPORT);
    String context = report.context();
    try (PdfReport doc = PdfReport.create(pdf, report.title())) {
      // Page 1: the verdict, ours against the textbook, our final numbers and the training curves.
      doc.titlePage(report.title(), "experiment " + report.id(),
          report.notice(), report.verdict(), Map.of());
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
        thumbnailSource = metrics.curves(report.title(), variants, report.peers(), v -> variantContext(report, v));
      }
      boolean severalRuns = variants.size() > 1 || variants.values().stream().anyMatch(runs -> runs.size() > 1);
      if (severalRuns && variants.size() > 1 && parts.contains(ExperimentReport.Part.OVERLAY)) {
        metrics.overlays(variants, context);
      }
      metrics.timing(variants, parts.contains(ExperimentReport.Part.TIME), report.workerComparison(), context);
      if (report.confusion() != null) {
        ConfusionPage.write(doc, dir, report.confusion(), context, pngs, csvs);
      }
      List<String> tableFiles = new ArrayList<>();
      for (ExperimentReport.Table table : report.tables()) {
        // Raw tables (per-epoch metrics, a run's CSV outputs) stay in CSVs: a reader gets the charts instead.
        csvs.add(CsvTables.write(table.table(), dir.resolve(table.fileStem() + ".csv")));
        tableFiles.add(table.fileStem() + ".csv");
      }
      rasters(doc, dir, report, pngs);
      if (thumbnailSource == null) {
        thumbnailSource = report.rasters().isEmpty() ? null : report.rasters().get(0).image();
      }
      if (!report.settings().isEmpty()) {
        doc.heading("Settings");
        doc.table(new TextTable(null, List.of("setting", "value"), ReportTables.keyValues("Settings", report.settings()).rows()));
        csvs.add(CsvTables.write(ReportTables.keyValues("Settings", report.settings()), dir.resolve("settings.csv")));
      }
      if (!tableFiles.isEmpty()) {
        doc.paragraph("Per-epoch and raw tables, beside this PDF: " + String.join(", ", tableFiles) + ".");
      }
    }
    if (thumbnailSource == null && !pngs.isEmpty()) {
      thumbnailSource = javax.imageio.ImageIO.read(pngs.get(0).toFile());
    }
    Path thumbnail = null;
    if (thumbnailSource != null) {
      thumbnail = PngWriter.write(thumbnail(thumbnailSource), dir.resolve(IndexEntry.THUMBNAIL));
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

  /** Feature maps shown in the PDF, two to a page; the others are written as PNGs only. */
  public static final int FEATURE_MAPS_IN_PDF = 2;

  /** Photographs (edge sheets) side by side in the PDF: with their captions, ten fit an A4 page. */
  public static final int PHOTOS_PER_ROW = 2;

  /**
   * The raster figures from a page of their own: drawn ones (feature maps, kernels) two to a page, photographs
   * (edge sheets) {@value #PHOTOS_PER_ROW} to a row in one section after them; each PNG carries the report's
   * context in a caption strip.
   */
  private static void rasters(PdfReport doc, Path dir, ExperimentReport report, List<Path> pngs) throws IOException {
    boolean started = false;
    List<String> pngOnly = new ArrayList<>();
    List<BufferedImage> photos = new ArrayList<>();
    List<String> photoCaptions = new ArrayList<>();
    for (ExperimentReport.Raster raster : report.rasters()) {
      BufferedImage image = fitted(raster.image(), MAX_RASTER_WIDTH, Integer.MAX_VALUE);
      pngs.add(PngWriter.write(CaptionStrip.below(image, report.context()), dir.resolve(raster.fileStem() + ".png")));
      if (!raster.inPdf()) {
        pngOnly.add(raster.fileStem() + ".png");
        continue;
      }
      if (raster.photographic()) {
        photos.add(image);
        photoCaptions.add(raster.caption());
        continue;
      }
      if (!started) {
        doc.section("Feature maps and kernels");
        doc.paragraph("Each layer's channels as a grid, beside the Prewitt and Sobel edge strengths of the same image."
            + (report.context() == null ? "" : " " + report.context() + "."));
      }
      started = true;
      doc.image(image, raster.caption(), false, 0.4f);
    }
    if (!photos.isEmpty()) {
      doc.section("Contact sheets");
      doc.paragraph("Each at full size beside this PDF as a PNG named after its caption."
          + (report.context() == null ? "" : " " + report.context() + "."));
      doc.imageGrid(photos, photoCaptions, PHOTOS_PER_ROW, true);
    }
    if (!pngOnly.isEmpty()) {
      doc.paragraph("More figures beside this PDF: " + String.join(", ", pngOnly) + ".");
    }
  }

  /** "context" narrowed to one variant's settings and seeds, when the report has a context. */
  private static String variantContext(ExperimentReport report, String variant) {
    return report.variantContexts().getOrDefault(variant, report.context());
  }
}
