package io.cnnlab.reports.pdf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cnnlab.output.Figure;
import io.cnnlab.output.PngWriter;
import io.cnnlab.output.TextTable;
import io.cnnlab.reports.Fixtures;
import io.cnnlab.reports.IndexEntry;
import io.cnnlab.reports.IndexWriter;
import io.cnnlab.reports.charts.ConfusionHeatmap;
import io.cnnlab.reports.charts.ConfusionMatrix;
import io.cnnlab.reports.charts.TrainingCurvesChart;
import io.cnnlab.reports.figures.FeatureMapGrid;
import io.cnnlab.reports.input.MetricsTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.action.PDActionRemoteGoTo;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotation;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationLink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PdfReportTest {
  @TempDir Path dir;

  @Test
  void sectionsStartPagesAndTextReadsBack() throws IOException {
    MetricsTable run = MetricsTable.read(Fixtures.writeMetrics(dir.resolve("run/metrics.csv"), 10, 0, 0));
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("learning rate", "0.9");
    settings.put("batch size", "256");
    Path pdf = dir.resolve("lenet/report.pdf");
    try (PdfReport r = PdfReport.create(pdf, "LeNet on Fashion-MNIST")) {
      r.titlePage("LeNet on Fashion-MNIST", "experiment lenet-fashion", "reproduced (within band)", settings);
      r.section("Training curves");
      r.figure(Figure.of(TrainingCurvesChart.create("Curves of seed 1", run)), 1.5, "Loss and accuracy per epoch.");
      r.section("Against the textbook");
      r.table(new TextTable("Final epoch", List.of("quantity", "ours", "textbook", "verdict"),
          List.of(List.of("test accuracy", "0.8312", "0.828", "within 0.02"))));
      r.section("Feature maps");
      r.image(FeatureMapGrid.render(Fixtures.wave("conv1", 28, 28, 6)), "conv1 for test image 0");
    }
    assertEquals(4, PdfTestSupport.pages(pdf), "title page and one page per section");
    String title = PdfTestSupport.text(pdf, 1, 1);
    assertTrue(title.contains("LeNet on Fashion-MNIST"), title);
    assertTrue(title.contains("Verdict: reproduced (within band)"), title);
    assertTrue(title.contains("learning rate") && title.contains("256"), title);
    // The chart's own words are PDF text: it was drawn as vectors, not pasted as a picture.
    String curves = PdfTestSupport.text(pdf, 2, 2);
    assertTrue(curves.contains("Curves of seed 1") && curves.contains("train loss") && curves.contains("epoch"), curves);
    assertEquals(0, PdfTestSupport.rasterImages(pdf, 2));
    assertEquals(1, PdfTestSupport.forms(pdf, 2));
    String table = PdfTestSupport.text(pdf, 3, 3);
    assertTrue(table.contains("test accuracy") && table.contains("0.8312") && table.contains("within 0.02"), table);
    assertEquals(1, PdfTestSupport.rasterImages(pdf, 4));
    assertTrue(PdfTestSupport.text(pdf, 4, 4).contains("page 4"), "numbered footer");
  }

  @Test
  void figureThatDoesNotFitMovesToTheNextPage() throws IOException {
    // A4 text column: 595 - 2*48 = 499 pt wide, 842 - 2*48 = 746 pt tall; two square figures of 499 pt
    // cannot share a page.
    ConfusionMatrix m = ConfusionMatrix.of(10, Fixtures.cyclicPredictions(10, 10));
    Figure map = new ConfusionHeatmap(m, Fixtures.classNames(10), ConfusionHeatmap.Mode.COUNTS, "counts");
    Path pdf = dir.resolve("two.pdf");
    try (PdfReport r = PdfReport.create(pdf, "t")) {
      r.titlePage("t", "s", null, Map.of());
      r.section("Confusion");
      r.figure(map, 1.0, "first");
      r.figure(map, 1.0, "second");
    }
    assertEquals(3, PdfTestSupport.pages(pdf));
    assertFalse(PdfTestSupport.text(pdf, 1, 1).contains("Verdict"), "no verdict line when there is none");
  }

  @Test
  void heatMapsNameClassesUpToTwentyAndIndexBeyond() throws IOException {
    Path pdf = dir.resolve("maps.pdf");
    try (PdfReport r = PdfReport.create(pdf, "maps")) {
      r.titlePage("maps", "", null, Map.of());
      for (int classes : new int[] {10, 20, 100}) {
        ConfusionMatrix m = ConfusionMatrix.of(classes, Fixtures.cyclicPredictions(classes, 10));
        r.section(classes + " classes");
        r.figure(new ConfusionHeatmap(m, Fixtures.classNames(classes), ConfusionHeatmap.Mode.ROW_NORMALIZED, "normalized"), 1.0, "");
      }
    }
    String ten = PdfTestSupport.text(pdf, 2, 2);
    assertTrue(ten.contains("Ankle boot") && ten.contains("Trouser") && ten.contains("0.80") && ten.contains("0.20"), ten);
    String twenty = PdfTestSupport.text(pdf, 3, 3);
    assertTrue(twenty.contains("class_name_19") && twenty.contains("0.80"), twenty);
    String hundred = PdfTestSupport.text(pdf, 4, 4);
    assertFalse(hundred.contains("class_name_"), "indices, not names, at 100 classes");
    assertFalse(hundred.contains("0.80"), "no cell values at 100 classes");
    // PDFBox splits rotated text into letters; compare without white space.
    String packed = hundred.replaceAll("\\s+", "");
    assertTrue(packed.contains("predictedclass") && packed.contains("trueclass") && packed.contains("0.000.250.500.751.00"), hundred);
  }

  @Test
  void indexLinksRelativeAndListsEveryExperiment() throws IOException {
    Path root = dir.resolve("reports");
    Path thumb = PngWriter.write(FeatureMapGrid.render(Fixtures.wave("c", 8, 8, 2)), root.resolve("lenet/thumbnail.png"));
    List<IndexEntry> entries = List.of(
        new IndexEntry("lenet", "LeNet | Fashion-MNIST", "reproduced", thumb, root.resolve("lenet/report.pdf")),
        new IndexEntry("alexnet", "AlexNet", null, null, root.resolve("alexnet/report.pdf")));
    List<Path> written = IndexWriter.write(root, "cnnlab reports", entries);
    String md = Files.readString(written.get(0));
    assertEquals(
        "# cnnlab reports\n\n"
            + "| experiment | title | verdict | figure | report |\n"
            + "|---|---|---|---|---|\n"
            + "| lenet | LeNet \\| Fashion-MNIST | reproduced | ![lenet](lenet/thumbnail.png) | [report.pdf](lenet/report.pdf) |\n"
            + "| alexnet | AlexNet | - |  | [report.pdf](alexnet/report.pdf) |\n",
        md);
    Path pdf = written.get(1);
    assertEquals(root.resolve("index.pdf"), pdf);
    String text = PdfTestSupport.text(pdf);
    assertTrue(text.contains("LeNet | Fashion-MNIST") && text.contains("reproduced") && text.contains("alexnet/report.pdf"), text);
    assertEquals(1, PdfTestSupport.rasterImages(pdf, 1), "the one thumbnail");
    try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
      List<String> targets = new java.util.ArrayList<>();
      for (PDAnnotation a : doc.getPage(0).getAnnotations()) {
        if (a instanceof PDAnnotationLink link && link.getAction() instanceof PDActionRemoteGoTo go) {
          targets.add(go.getFile().getFile());
        }
      }
      assertEquals(List.of("lenet/report.pdf", "alexnet/report.pdf"), targets);
    }
  }
}
