package io.cnnlab.reports;

import io.cnnlab.output.CsvTables;
import io.cnnlab.output.PngWriter;
import io.cnnlab.output.TextTable;
import io.cnnlab.reports.charts.ConfusionHeatmap;
import io.cnnlab.reports.figures.CaptionStrip;
import io.cnnlab.reports.pdf.PdfReport;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The confusion page of a bundle: the row-normalized matrix (its diagonal is per-class recall), per-class
 * precision and recall, and the most confused pairs, on one page. Both heat maps are written as PNGs with
 * the report's context under them; the counts go to CSV.
 */
final class ConfusionPage {
  private ConfusionPage() {}

  /** Most confused pairs shown in the PDF (the CSV has {@link BundleWriter#CONFUSED_PAIRS}). */
  static final int PAIRS_IN_PDF = 5;

  /** With more classes than this the PDF lists only the classes with the lowest recall. */
  static final int WORST_CLASSES_IN_PDF = 12;

  /** The recall cell of a per-class row; classes without examples ("n/a") sort last. */
  private static double recall(List<String> row) {
    try {
      return Double.parseDouble(row.get(5));
    } catch (NumberFormatException e) {
      return Double.POSITIVE_INFINITY;
    }
  }

  static void write(PdfReport doc, Path dir, ExperimentReport.Confusion c, String context, List<Path> pngs,
      List<Path> csvs) throws IOException {
    int side = PngWriter.CHART_WIDTH;
    String from = c.source() == null ? "" : " Predictions of " + c.source() + ".";
    doc.section("Confusion matrix");
    for (ConfusionHeatmap.Mode mode : ConfusionHeatmap.Mode.values()) {
      boolean counts = mode == ConfusionHeatmap.Mode.COUNTS;
      String title = counts ? "Confusion matrix (counts)" : "Confusion matrix (row-normalized)";
      ConfusionHeatmap map = new ConfusionHeatmap(c.matrix(), c.classNames(), mode, title);
      BufferedImage image = CaptionStrip.below(PngWriter.render(map, side, side), context);
      pngs.add(PngWriter.write(image, dir.resolve(counts ? "confusion-counts.png" : "confusion-normalized.png")));
      if (!counts) {
        doc.figure(map, 1.0, "Each row divided by its class's number of test examples; the diagonal is per-class"
            + " recall." + from + (context == null ? "" : " " + context + "."), 0.47f);
      }
    }
    if (c.matrix().classes() > ConfusionHeatmap.NAMED_LIMIT) {
      doc.table(ReportTables.classLegend(c.classNames(), 4));
    }
    TextTable perClass = ReportTables.perClass(c.matrix(), c.classNames());
    TextTable confused = ReportTables.mostConfused(c.matrix(), c.classNames(), BundleWriter.CONFUSED_PAIRS);
    if (perClass.rows().size() > WORST_CLASSES_IN_PDF) {
      // A hundred classes would take pages: the PDF shows those recalled worst, per-class.csv has them all.
      List<List<String>> worst = perClass.rows().stream()
          .sorted(java.util.Comparator.comparingDouble(ConfusionPage::recall)).limit(WORST_CLASSES_IN_PDF).toList();
      doc.table(new TextTable(perClass.title() + ": the " + WORST_CLASSES_IN_PDF + " lowest recalls (per-class.csv has all "
          + perClass.rows().size() + ")", perClass.header(), worst));
    } else {
      doc.table(perClass);
    }
    List<List<String>> top = confused.rows().subList(0, Math.min(PAIRS_IN_PDF, confused.rows().size()));
    doc.table(new TextTable(confused.title(), confused.header(), top));
    csvs.add(CsvTables.write(perClass, dir.resolve("per-class.csv")));
    csvs.add(CsvTables.write(confused, dir.resolve("most-confused.csv")));
    csvs.add(CsvTables.write(ReportTables.confusionCounts(c.matrix(), c.classNames()), dir.resolve("confusion-counts.csv")));
  }
}
