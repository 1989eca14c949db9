package io.cnnlab.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cnnlab.data.DataLoader;
import io.cnnlab.data.ImageSet;
import io.cnnlab.data.LoaderOptions;
import io.cnnlab.experiments.ExperimentFileException;
import io.cnnlab.experiments.ExperimentRecord;
import io.cnnlab.experiments.FeatureMapExtractor;
import io.cnnlab.models.Model;
import io.cnnlab.models.ModelSettings;
import io.cnnlab.ops.EdgeKernels;
import io.cnnlab.ops.EdgeOperator;
import io.cnnlab.ops.Orientation;
import io.cnnlab.tf.Tensors;
import io.cnnlab.training.CsvMetricsWriter;
import io.cnnlab.training.OptimizerKind;
import io.cnnlab.training.TrainConfig;
import io.cnnlab.training.Trainer;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;

/**
 * Feature maps of a tiny textbook LeNet trained for a few steps on generated 28x28 images: the checkpoint is
 * restored, every spatial layer comes out with LeNet's published shapes, and the bundle shows them.
 */
class FeatureMapsTest {
  private static final long SEED = 3;
  private static final int CLASSES = 10;
  private static final ModelSettings SETTINGS =
      new ModelSettings("lenet", "relu-max", null, null, null, null, null, null, null, null, null);

  @TempDir static Path tmp;
  private static Path experimentDir;
  private static Path runDir;
  private static ImageSet test;
  private static Model model;

  /** Class k: a bright horizontal bar at rows 2k+4 and 2k+5 on noise; labels cycle 0..9. */
  private static ImageSet bars(String name, int n, long seed) {
    Random random = new Random(seed);
    byte[] pixels = new byte[n * 28 * 28];
    byte[] labels = new byte[n];
    for (int i = 0; i < n; i++) {
      int label = i % CLASSES;
      labels[i] = (byte) label;
      for (int p = 0; p < 28 * 28; p++) {
        int row = p / 28;
        int value = (row / 2 == label + 2 ? 200 : 20) + random.nextInt(40);
        pixels[i * 28 * 28 + p] = (byte) value;
      }
    }
    return new ImageSet(name, pixels, labels, 28, 28, 1, Fixtures.classNames(CLASSES));
  }

  @BeforeAll
  static void trainTinyLeNet() throws IOException {
    String sample = System.getProperty("cnnlab.sampleBundle"); // -Dcnnlab.sampleBundle=DIR keeps the bundle to look at
    experimentDir = (sample == null || sample.isEmpty() ? tmp.resolve("reports") : Path.of(sample)).resolve("lenet-tiny");
    runDir = experimentDir.resolve("seed3");
    test = bars("bars/test", 60, 2);
    // The ReLU / max-pooling variant: the sigmoid textbook net predicts one class for its first hundreds of steps,
    // and distinct predictions are what show the restored weights are the trained ones.
    model = SETTINGS.build(28, 1, CLASSES);
    TrainConfig config = TrainConfig.builder().epochs(2).batchSize(20).optimizer(OptimizerKind.ADAM)
        .learningRate(0.01).seed(SEED).deterministic(true).build();
    new Trainer(model, config, "lenet;bars").train(new DataLoader(bars("bars/train", 200, 1), LoaderOptions.training(20, SEED)),
        new DataLoader(test, LoaderOptions.evaluation(50)), runDir, List.of(new CsvMetricsWriter(runDir.resolve("metrics.csv"))));
    Files.writeString(runDir.resolve("manifest.json"),
        "{\"run\": \"seed3\", \"config\": {\"model\": {\"type\": \"lenet\", \"variant\": \"relu-max\"}, \"dataset\": \"fashion-mnist\"}}");
  }

  @Test
  void everySpatialLayerHasLeNetsPublishedShapeAndTheWeightsAreTheTrainedOnes() throws IOException {
    int[] firsts = FeatureMapExtractor.firstOfEachClass(test, CLASSES);
    assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), java.util.Arrays.stream(firsts).boxed().toList(), "labels cycle 0..9");

    FeatureMapExtractor.Extraction x = FeatureMapExtractor.extract(model, runDir, test, firsts);

    // d2l 7.6 / LeCun 1998 with padding 2: 28x28x6, pooled 14x14x6, 10x10x16, pooled 5x5x16.
    List<String> expected = List.of("conv1 28x28x6", "relu1 28x28x6", "maxpool1 14x14x6", "conv2 10x10x16",
        "relu2 10x10x16", "maxpool2 5x5x16");
    for (FeatureMapExtractor.Example e : x.examples()) {
      List<String> shapes = FeatureMapPages.layers(e).stream()
          .map(l -> l.name() + " " + l.height() + "x" + l.width() + "x" + l.channels()).toList();
      assertEquals(expected, shapes);
      for (LayerActivation layer : FeatureMapPages.layers(e)) {
        BufferedImage grid = FeatureMapGrid.render(layer);
        TileGridLayout layout = FeatureMapGrid.layout(layer.height(), layer.width(), layer.channels());
        assertEquals(layout.width(), grid.getWidth(), layer.name());
        assertEquals(layout.height(), grid.getHeight(), layer.name());
      }
    }
    FeatureMapExtractor.Kernel k = x.firstKernel();
    assertEquals("conv1_kernel 5x5x1x6", k.name() + " " + k.kh() + "x" + k.kw() + "x" + k.cin() + "x" + k.cout());
    BufferedImage kernels = FeatureMapPages.kernels(k);
    assertEquals(KernelGrid.layout(5, 5, 1, 6).width(), kernels.getWidth());
    assertEquals(KernelGrid.layout(5, 5, 1, 6).height(), kernels.getHeight());

    // conv1 by hand from the extracted kernel: what is left over must be one bias per channel.
    FeatureMapExtractor.Example e = x.examples().get(3);
    float[] conv1 = e.layers().get(0).values();
    for (int o = 0; o < 6; o++) {
      double bias = conv1[o] - correlate(e.pixels(), k.weights(), 0, 0, o);
      for (int y = 0; y < 28; y++) {
        for (int xx = 0; xx < 28; xx++) {
          double residual = conv1[(y * 28 + xx) * 6 + o] - correlate(e.pixels(), k.weights(), y, xx, o);
          assertEquals(bias, residual, 1e-4, "conv1 channel " + o + " at " + y + "," + xx);
        }
      }
    }
    // Restored, not freshly initialized: conv1 moved away from its seeded start, and the predictions are
    // the ones the trainer wrote with the same weights.
    float[] initial = initialKernel();
    double moved = 0;
    for (int i = 0; i < initial.length; i++) {
      moved = Math.max(moved, Math.abs(initial[i] - k.weights()[i]));
    }
    assertTrue(moved > 1e-3, "largest change of conv1 from its initialization: " + moved);
    List<String> predictions = Files.readAllLines(runDir.resolve("predictions.csv"));
    for (FeatureMapExtractor.Example ex : x.examples()) {
      String[] row = predictions.get(ex.testIndex() + 1).split(",");
      assertEquals(ex.testIndex(), Integer.parseInt(row[0]));
      assertEquals(Integer.parseInt(row[2]), ex.predicted(), "prediction of test image " + ex.testIndex());
    }
    // Prewitt beside the network: max over the four orientations of |response|, by hand at (13, 14).
    double strongest = 0;
    for (Orientation o : Orientation.values()) {
      float[][] kernel = EdgeKernels.kernel(EdgeOperator.PREWITT, o);
      double sum = 0;
      for (int i = 0; i < 3; i++) {
        for (int j = 0; j < 3; j++) {
          sum += kernel[i][j] * e.pixels()[(13 + i - 1) * 28 + 14 + j - 1];
        }
      }
      strongest = Math.max(strongest, Math.abs(sum));
    }
    assertEquals(strongest, e.prewitt()[13 * 28 + 14], 1e-5);
  }

  @Test
  void bundleShowsFeatureMapsPerClassAndTheKernels() throws IOException {
    ExperimentRecord record = new ExperimentRecord("lenet-tiny", "Tiny LeNet", "train", "fashion-mnist",
        Fixtures.classNames(CLASSES), true, null,
        new ExperimentRecord.Verdict(ExperimentRecord.Status.MEASURED, null, null, null, null),
        List.of(new ExperimentRecord.RunRecord("seed3", "textbook", SEED, "seed3", "h", false, List.of())),
        List.of("curves", "feature-maps", "kernels"), Map.of());
    BundleRenderer renderer = new BundleRenderer(dataset -> test);

    List<Path> files = renderer.renderExperiment(experimentDir, record);

    for (int c = 0; c < CLASSES; c++) {
      assertTrue(files.contains(experimentDir.resolve("feature-maps-" + c + ".png")), "feature maps of test image " + c);
    }
    BufferedImage kernels = ImageIO.read(experimentDir.resolve("kernels.png").toFile());
    assertEquals(KernelGrid.layout(5, 5, 1, 6).width(), kernels.getWidth());
    Path pdf = experimentDir.resolve("report.pdf");
    // title, results, curves, ten feature-map pages, kernels
    assertEquals(14, PdfTestSupport.pages(pdf));
    String text = PdfTestSupport.text(pdf);
    assertTrue(text.contains("Feature maps of test image 9 (run seed3)") && text.contains("First-layer kernels"), text);
    assertEquals(List.of("png"), PdfTestSupport.imageSuffixes(pdf, 13), "page 13: the last feature-map figure, lossless");
  }

  @Test
  void aRunWithoutCheckpointOrWithAnotherModelIsNamed() throws IOException {
    Path empty = Files.createDirectories(tmp.resolve("no-checkpoint"));
    ExperimentFileException e = assertThrows(ExperimentFileException.class,
        () -> FeatureMapExtractor.extract(model, empty, test, new int[] {0}));
    assertEquals(empty.resolve("checkpoint"), e.file());
    assertTrue(e.getMessage().contains("holds no checkpoint"), e.getMessage());

    Model wider = SETTINGS.build(28, 1, 12);
    e = assertThrows(ExperimentFileException.class, () -> FeatureMapExtractor.extract(wider, runDir, bars12(), new int[] {0}));
    assertTrue(e.getMessage().contains("does not fit the model rebuilt from the run's settings"), e.getMessage());
  }

  @Test
  void colourInputsAreShownInColourAndGrayAsFed() {
    // 1x2 RGB image: a pure red pixel and a mid-gray one, as fed in [0, 1].
    FeatureMapExtractor.Example rgb = new FeatureMapExtractor.Example(7, 1, 2, 1, 2, 3,
        new float[] {1f, 0f, 0f, 0.5f, 0.5f, 0.5f}, List.of(), new float[2], new float[2]);
    BufferedImage shown = FeatureMapPages.input(rgb);
    assertEquals(0xFF0000, shown.getRGB(0, 0) & 0xFFFFFF);
    assertEquals(0x808080, shown.getRGB(1, 0) & 0xFFFFFF);
    FeatureMapExtractor.Example gray = new FeatureMapExtractor.Example(7, 1, 2, 1, 2, 1,
        new float[] {0.2f, 0.6f}, List.of(), new float[2], new float[2]);
    // Not stretched to black and white: 0.2 and 0.6 stay 51 and 153.
    assertEquals(List.of(51, 153), List.of(FeatureMapPages.input(gray).getRaster().getSample(0, 0, 0),
        FeatureMapPages.input(gray).getRaster().getSample(1, 0, 0)));
    assertEquals("Test image 7: class 'Trouser', predicted 'Pullover'", FeatureMapPages.title(rgb, Fixtures.classNames(10)));
  }

  private static ImageSet bars12() {
    ImageSet ten = bars("bars/12", 12, 5);
    List<String> names = new ArrayList<>(Fixtures.classNames(12));
    return new ImageSet("bars/12", concat(ten), labels(ten), 28, 28, 1, names);
  }

  private static byte[] concat(ImageSet set) {
    byte[] all = new byte[set.count() * set.imageSize()];
    for (int i = 0; i < set.count(); i++) {
      System.arraycopy(set.image(i), 0, all, i * set.imageSize(), set.imageSize());
    }
    return all;
  }

  private static byte[] labels(ImageSet set) {
    byte[] labels = new byte[set.count()];
    for (int i = 0; i < set.count(); i++) {
      labels[i] = (byte) set.label(i);
    }
    return labels;
  }

  /** Sum over the 5x5 window of input (zero-padded by 2) times kernel channel o, at output (y, x). */
  private static double correlate(float[] input, float[] kernel, int y, int x, int o) {
    double sum = 0;
    for (int i = 0; i < 5; i++) {
      for (int j = 0; j < 5; j++) {
        int yy = y + i - 2;
        int xx = x + j - 2;
        if (yy >= 0 && yy < 28 && xx >= 0 && xx < 28) {
          sum += input[yy * 28 + xx] * kernel[(i * 5 + j) * 6 + o];
        }
      }
    }
    return sum;
  }

  /** conv1's kernel as the trainer's graph initialized it (same model, same seed). */
  private static float[] initialKernel() {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Placeholder<TFloat32> images = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 28, 28, 1)));
      model.build(tf, images, tf.constant(false), SEED);
      try (Session s = new Session(g)) {
        s.initialize();
        try (Result r = s.runner().fetch("conv1_kernel").run()) {
          return Tensors.toFloats(r.get(0));
        }
      }
    }
  }
}
