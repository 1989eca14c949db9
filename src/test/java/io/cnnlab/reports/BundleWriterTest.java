package io.cnnlab.reports;

import io.cnnlab.reports.pdf.PdfTestSupport;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cnnlab.output.ComparisonBarChart;
import io.cnnlab.output.TextTable;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.cnnlab.reports.input.MetricsTable;
import io.cnnlab.reports.input.Predictions;
import io.cnnlab.reports.charts.ConfusionMatrix;
import io.cnnlab.reports.figures.FeatureMapFigure;
import io.cnnlab.reports.figures.KernelGrid;
import io.cnnlab.reports.figures.NamedImage;

/**
 * Whole bundles from fixture run outputs. With {@code -Dcnnlab.sampleBundle=DIR} the full sample bundle
 * is written to DIR (to look at), otherwise to a temporary folder.
 */
class BundleWriterTest {
  @TempDir Path tmp;

  private Path root() {
    String sample = System.getProperty("cnnlab.sampleBundle");
    return sample == null || sample.isEmpty() ? tmp.resolve("reports") : Path.of(sample);
  }

  @Test
  void fullBundleHasEveryPartReadable() throws IOException {
    Path runs = tmp.resolve("runs");
    List<MetricsTable> maxPool = new ArrayList<>();
    List<MetricsTable> avgPool = new ArrayList<>();
    for (int seed = 0; seed < 3; seed++) {
      maxPool.add(MetricsTable.read(Fixtures.writeMetrics(runs.resolve("max-" + seed + "/metrics.csv"), 10, 0.01 * seed, 1.0)));
      avgPool.add(MetricsTable.read(Fixtures.writeMetrics(runs.resolve("avg-" + seed + "/metrics.csv"), 10, 0.03 + 0.01 * seed, 0.2)));
    }
    Predictions predictions = Predictions.read(
        Fixtures.writePredictions(runs.resolve("predictions.csv"), Fixtures.cyclicPredictions(10, 100)), 10);
    float[][] input = Fixtures.ringImage();
    BufferedImage maps = FeatureMapFigure.compose("Test image 0 (class 'T-shirt/top')", NamedImage.of("input", input),
        List.of(NamedImage.of("Prewitt x", Fixtures.gradientX(input)), NamedImage.of("Sobel x", Fixtures.gradientX(input))),
        Fixtures.lenetLayers());
    float[] kernels = new float[5 * 5 * 6];
    for (int i = 0; i < kernels.length; i++) {
      kernels[i] = (float) Math.sin(i * 0.37);
    }
    ExperimentReport report = ExperimentReport.builder("lenet-fashion", "LeNet on Fashion-MNIST (d2l 6.6)")
        .verdict("reproduced")
        .setting("learning rate", "0.9")
        .setting("batch size", "256")
        .setting("epochs", "10")
        .comparison(new TextTable("Ours against the textbook", List.of("quantity", "ours", "textbook", "verdict"),
            List.of(List.of("test accuracy", "0.8261", "0.828 (TensorFlow)", "within tolerance"))))
        .variant("max pooling", maxPool)
        .variant("average pooling", avgPool)
        .workerComparison(List.of(
            new ComparisonBarChart.Bar("2 workers", "epoch time", 7.8), new ComparisonBarChart.Bar("2 workers", "data wait", 2.0),
            new ComparisonBarChart.Bar("5 workers", "epoch time", 6.0), new ComparisonBarChart.Bar("5 workers", "data wait", 0.2)))
        .confusion(ConfusionMatrix.of(10, predictions), Fixtures.classNames(10))
        .raster("feature-maps-0", "Feature maps of test image 0", maps)
        .raster("kernels", "First-layer kernels", KernelGrid.render("conv1", kernels, 5, 5, 1, 6))
        .raster("edges", "Edge detection contact sheet", maps)
        .build();

    BundleWriter.BundleFiles files = BundleWriter.writeInto(root().resolve(report.id()), report);

    Path dir = root().resolve("lenet-fashion");
    assertEquals(dir.resolve("report.pdf"), files.pdf());
    for (String png : List.of("curves-max-pooling.png", "curves-average-pooling.png", "overlay-train_loss.png",
        "overlay-train_accuracy.png", "overlay-test_accuracy.png", "epoch-time.png", "workers-epoch-time.png",
        "workers-data-wait.png")) {
      assertSize(dir.resolve(png), 1200, 800);
    }
    assertSize(dir.resolve("confusion-counts.png"), 1200, 1200);
    assertSize(dir.resolve("confusion-normalized.png"), 1200, 1200);
    assertSize(files.thumbnail(), BundleWriter.THUMB_WIDTH, BundleWriter.THUMB_HEIGHT);
    assertSize(dir.resolve("feature-maps-0.png"), maps.getWidth(), maps.getHeight());
    assertEquals(13, files.pngs().size());
    for (Path p : files.pngs()) {
      assertTrue(Files.isRegularFile(p), p.toString());
    }

    // CSVs carry the numbers: per-class recall 0.8 (80 of 100 right per class), epoch times.
    List<String> perClass = Files.readAllLines(dir.resolve("per-class.csv"));
    assertEquals("class,name,support,predicted,precision,recall", perClass.get(0));
    assertEquals("9,Ankle boot,100,100,0.8000,0.8000", perClass.get(10));
    List<String> times = Files.readAllLines(dir.resolve("epoch-time.csv"));
    assertEquals("run,data wait,feeding,step,evaluation,other,total", times.get(0));
    assertEquals("max pooling,2.000,0.500,4.000,0.800,0.500,7.800", times.get(1));
    assertEquals("0 T-shirt/top,1 Trouser,20,0.2000", Files.readAllLines(dir.resolve("most-confused.csv")).get(1));

    int pages = PdfTestSupport.pages(files.pdf());
    // page 1 results and curves, the second variant's curves, variants, time, confusion, rasters two to a page
    assertTrue(pages >= 5 && pages <= 8, "pages: " + pages);
    String text = PdfTestSupport.text(files.pdf());
    for (String expected : List.of("LeNet on Fashion-MNIST (d2l 6.6)", "Verdict: reproduced", "0.828 (TensorFlow)",
        "within tolerance", "Training curves", "Variants over seeds", "Time per epoch", "Loader workers",
        "Confusion matrix (row-normalized)", "Most confused pairs", "Ankle boot", "Feature maps of test image 0",
        "First-layer kernels", "learning rate")) {
      assertTrue(text.contains(expected), "PDF lacks '" + expected + "'");
    }
    assertEquals(1, PdfTestSupport.rasterImages(files.pdf(), pages), "the last page holds the last raster figure");

    // The index finds the bundle's PDF and thumbnail where the writer put them.
    IndexEntry entry = IndexEntry.of(dir, "lenet-fashion", report.title(), report.verdict());
    assertEquals(files.pdf(), entry.report());
    assertEquals(files.thumbnail(), entry.thumbnail());
    Path index = IndexWriter.writeMarkdown(root().resolve("index.md"), "cnnlab reports", List.of(entry));
    assertTrue(Files.readString(index).contains("[report.pdf](lenet-fashion/report.pdf)"));
    IndexWriter.writePdf(root().resolve("index.pdf"), "cnnlab reports", List.of(entry));
  }

  @Test
  void minimalBundleIsTitleResultsAndCurves() throws IOException {
    Path csv = tmp.resolve("run/metrics.csv");
    Files.createDirectories(csv.getParent());
    Files.writeString(csv, "epoch,train_loss,train_accuracy,test_accuracy\n1,1.2,0.55,0.6\n2,0.8,0.7,0.71\n3,0.6,0.78,0.77\n");
    ExperimentReport report = ExperimentReport.builder("tiny", "Tiny run").variant("only", List.of(MetricsTable.read(csv))).build();
    BundleWriter.BundleFiles files = BundleWriter.writeInto(tmp.resolve("reports/tiny"), report);
    // One page: no reference, the final numbers and the curves.
    assertEquals(1, PdfTestSupport.pages(files.pdf()));
    String text = PdfTestSupport.text(files.pdf());
    assertTrue(text.contains("No reference numbers") && text.contains("0.7700"), text);
    assertFalse(text.contains("Verdict"));
    assertEquals(List.of("final-metrics.csv"), files.csvs().stream().map(p -> p.getFileName().toString()).toList());
  }

  @Test
  void hundredClassBundleAddsTheIndexLegend() throws IOException {
    Path csv = Fixtures.writeMetrics(tmp.resolve("run/metrics.csv"), 3, 0, 0);
    ExperimentReport report = ExperimentReport.builder("cifar100", "AlexNet on CIFAR-100")
        .variant("base", List.of(MetricsTable.read(csv)))
        .confusion(ConfusionMatrix.of(100, Fixtures.cyclicPredictions(100, 10)), Fixtures.classNames(100))
        .build();
    BundleWriter.BundleFiles files = BundleWriter.writeInto(root().resolve(report.id()), report);
    String text = PdfTestSupport.text(files.pdf());
    assertTrue(text.contains("Class indices") && text.contains("class_name_99"), "legend from index to name");
    // A hundred classes: the PDF lists the 12 lowest recalls (all 0.8 here, so the first twelve), the CSV all 100.
    String flat = text.replaceAll("\\s+", " ");
    assertTrue(flat.contains("the 12 lowest recalls") && flat.contains("has all 100)"), text);
    assertEquals(101, Files.readAllLines(files.directory().resolve("per-class.csv")).size());
    assertSize(files.directory().resolve("confusion-normalized.png"), 1200, 1200);
  }

  private static void assertSize(Path png, int width, int height) throws IOException {
    BufferedImage image = ImageIO.read(png.toFile());
    assertEquals(width, image.getWidth(), png + " width");
    assertEquals(height, image.getHeight(), png + " height");
  }
}
