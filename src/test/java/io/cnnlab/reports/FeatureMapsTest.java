package io.cnnlab.reports;

import io.cnnlab.reports.pdf.PdfTestSupport;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cnnlab.runs.ExperimentRecord;
import io.cnnlab.runs.FeatureFiles;
import io.cnnlab.runs.FeatureMaps;
import io.cnnlab.runs.RunFolder;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.cnnlab.reports.figures.FeatureMapGrid;
import io.cnnlab.reports.figures.FeatureMapPages;
import io.cnnlab.reports.figures.KernelGrid;
import io.cnnlab.reports.figures.LayerActivation;
import io.cnnlab.reports.figures.TileGridLayout;

/**
 * Feature-map pages rendered from run folders alone: the test writes a run folder as a training run leaves it
 * (metrics.csv, predictions.csv and features/ in their real formats, through the run contract's writers) with
 * LeNet's layer shapes, and no data set, model or TensorFlow is anywhere near.
 */
class FeatureMapsTest {
  private static final int CLASSES = 10;
  /** d2l 7.6 / LeCun 1998 with padding 2 and ReLU / max pooling. */
  private static final List<String> LAYERS = List.of("conv1 28 28 6", "relu1 28 28 6", "maxpool1 14 14 6",
      "conv2 10 10 16", "relu2 10 10 16", "maxpool2 5 5 16");

  @TempDir Path tmp;

  private static float[] random(Random r, int n) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = r.nextFloat();
    }
    return v;
  }

  /** What a tiny LeNet's run leaves: one example per class (test image c has label c), conv1's 5x5x1x6 kernel. */
  static FeatureMaps lenetMaps(long seed) {
    Random r = new Random(seed);
    List<FeatureMaps.Example> examples = new ArrayList<>();
    for (int c = 0; c < CLASSES; c++) {
      List<FeatureMaps.Layer> layers = new ArrayList<>();
      for (String l : LAYERS) {
        String[] p = l.split(" ");
        int h = Integer.parseInt(p[1]);
        int w = Integer.parseInt(p[2]);
        int ch = Integer.parseInt(p[3]);
        layers.add(new FeatureMaps.Layer(p[0], h, w, ch, random(r, h * w * ch)));
      }
      examples.add(new FeatureMaps.Example(c, c, (c + 1) % CLASSES, 28, 28, 1, random(r, 784), layers, random(r, 784),
          random(r, 784)));
    }
    return new FeatureMaps(Fixtures.classNames(CLASSES), examples,
        new FeatureMaps.Kernel("conv1_kernel", 5, 5, 1, 6, random(r, 150)));
  }

  private static ExperimentRecord record(List<String> runs) {
    List<ExperimentRecord.RunRecord> records = runs.stream()
        .map(name -> new ExperimentRecord.RunRecord(name, "textbook", 3, name, "h", false, List.<String>of())).toList();
    return new ExperimentRecord("lenet-tiny", "Tiny LeNet", "train", "fashion-mnist", Fixtures.classNames(CLASSES), true,
        null, new ExperimentRecord.Verdict(ExperimentRecord.Status.MEASURED, null, null, null, null), records,
        List.of("curves", "feature-maps", "kernels"), Map.of());
  }

  private static void trainingRun(Path runDir) throws IOException {
    Fixtures.writeMetrics(new RunFolder(runDir).metrics(), 2, 0, 0.5);
    Fixtures.writePredictions(new RunFolder(runDir).predictions(), Fixtures.cyclicPredictions(CLASSES, 2));
  }

  @Test
  void bundleShowsFeatureMapsPerClassAndTheKernelsFromTheRunFolderAlone() throws IOException {
    Path experimentDir = sampleOr(tmp).resolve("lenet-tiny");
    Path runDir = experimentDir.resolve("seed3");
    trainingRun(runDir);
    FeatureFiles.write(new RunFolder(runDir), lenetMaps(1), FeatureMapPages.FIGURES);

    List<Path> files = new BundleRenderer().renderExperiment(experimentDir, record(List.of("seed3")));

    for (int c = 0; c < CLASSES; c++) {
      assertTrue(files.contains(experimentDir.resolve("feature-maps-" + c + ".png")), "feature maps of test image " + c);
    }
    BufferedImage kernels = ImageIO.read(experimentDir.resolve("kernels.png").toFile());
    // The bundle's PNGs are the run's figures with the context strip (data set, model, seeds) below them.
    assertEquals(KernelGrid.layout(5, 5, 1, 6).width(), kernels.getWidth());
    assertTrue(kernels.getHeight() > KernelGrid.layout(5, 5, 1, 6).height());
    BufferedImage runFigure = ImageIO.read(runDir.resolve("features/feature-maps-4.png").toFile());
    BufferedImage bundleFigure = ImageIO.read(experimentDir.resolve("feature-maps-4.png").toFile());
    assertEquals(runFigure.getWidth(), bundleFigure.getWidth());
    assertTrue(bundleFigure.getHeight() > runFigure.getHeight());
    assertEquals(runFigure.getRGB(10, 10), bundleFigure.getRGB(10, 10));
    Path pdf = experimentDir.resolve("report.pdf");
    // page 1 results and curves, page 2 the first two feature-map figures, page 3 the kernels and the settings
    assertEquals(3, PdfTestSupport.pages(pdf));
    String text = PdfTestSupport.text(pdf).replaceAll("\\s+", " ");
    assertTrue(text.contains("Feature maps of test image 1 (run seed3)") && text.contains("First-layer kernels"), text);
    assertFalse(text.contains("Feature maps of test image 2 (run seed3)"), "two feature-map figures in the PDF");
    assertTrue(text.contains("feature-maps-9.png"), "the PDF names the figures beside it: " + text);
    assertEquals(List.of("png", "png"), PdfTestSupport.imageSuffixes(pdf, 2), "page 2: two feature-map figures, lossless");
  }

  @Test
  void everyLayerGridAndTheKernelGridHaveTheirLayoutsSize() {
    FeatureMaps.Example e = lenetMaps(2).examples().get(0);
    List<String> shapes = FeatureMapPages.layers(e).stream()
        .map(l -> l.name() + " " + l.height() + " " + l.width() + " " + l.channels()).toList();
    assertEquals(LAYERS, shapes);
    for (LayerActivation layer : FeatureMapPages.layers(e)) {
      BufferedImage grid = FeatureMapGrid.render(layer);
      TileGridLayout layout = FeatureMapGrid.layout(layer.height(), layer.width(), layer.channels());
      assertEquals(layout.width(), grid.getWidth(), layer.name());
      assertEquals(layout.height(), grid.getHeight(), layer.name());
    }
    BufferedImage kernels = FeatureMapPages.kernels(lenetMaps(2).firstKernel());
    assertEquals(KernelGrid.layout(5, 5, 1, 6).width(), kernels.getWidth());
    assertEquals(KernelGrid.layout(5, 5, 1, 6).height(), kernels.getHeight());
  }

  @Test
  void aRunThatCouldNotWriteItsFeatureMapsGetsANoteNotAFailedBundle() throws IOException {
    Path experimentDir = tmp.resolve("lenet-tiny");
    Path runDir = experimentDir.resolve("seed3");
    trainingRun(runDir);
    FeatureFiles.writeProblem(new RunFolder(runDir), "feature maps not written: disk full");

    List<Path> files = new BundleRenderer().renderExperiment(experimentDir, record(List.of("seed3")));

    assertFalse(files.contains(experimentDir.resolve("kernels.png")));
    String text = PdfTestSupport.text(experimentDir.resolve("report.pdf"));
    assertTrue(text.contains("No feature maps or kernels") && text.contains("run seed3: feature maps not written: disk full"),
        text);
  }

  @Test
  void colourInputsAreShownInColourAndGrayAsFed() {
    // 1x2 RGB image: a pure red pixel and a mid-gray one, as fed in [0, 1].
    FeatureMaps.Example rgb = new FeatureMaps.Example(7, 1, 2, 1, 2, 3,
        new float[] {1f, 0f, 0f, 0.5f, 0.5f, 0.5f}, List.of(), new float[2], new float[2]);
    BufferedImage shown = FeatureMapPages.input(rgb);
    assertEquals(0xFF0000, shown.getRGB(0, 0) & 0xFFFFFF);
    assertEquals(0x808080, shown.getRGB(1, 0) & 0xFFFFFF);
    FeatureMaps.Example gray = new FeatureMaps.Example(7, 1, 2, 1, 2, 1,
        new float[] {0.2f, 0.6f}, List.of(), new float[2], new float[2]);
    // Not stretched to black and white: 0.2 and 0.6 stay 51 and 153.
    assertEquals(List.of(51, 153), List.of(FeatureMapPages.input(gray).getRaster().getSample(0, 0, 0),
        FeatureMapPages.input(gray).getRaster().getSample(1, 0, 0)));
    assertEquals("Test image 7: class 'Trouser', predicted 'Pullover'", FeatureMapPages.title(rgb, Fixtures.classNames(10)));
  }

  /** {@code -Dcnnlab.sampleBundle=DIR} keeps the bundle to look at. */
  private static Path sampleOr(Path tmp) throws IOException {
    String sample = System.getProperty("cnnlab.sampleBundle");
    return sample == null || sample.isEmpty() ? tmp.resolve("reports") : Files.createDirectories(Path.of(sample));
  }
}
