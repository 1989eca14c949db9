package io.cnnlab.experiments;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cnnlab.data.DatasetId;
import io.cnnlab.data.ImageSet;
import io.cnnlab.graph.Execution;
import io.cnnlab.graph.Lowering;
import io.cnnlab.graph.Machine;
import io.cnnlab.models.Model;
import io.cnnlab.models.ModelSettings;
import io.cnnlab.nn.StepSeed;
import io.cnnlab.ops.edges.EdgeKernels;
import io.cnnlab.ops.edges.EdgeOperator;
import io.cnnlab.ops.edges.Orientation;
import io.cnnlab.runs.FeatureFigures;
import io.cnnlab.runs.FeatureFiles;
import io.cnnlab.runs.FeatureMaps;
import io.cnnlab.runs.Npy;
import io.cnnlab.runs.RunFileException;
import io.cnnlab.runs.RunFolder;
import io.cnnlab.runs.RunJson;
import io.cnnlab.testing.BarImages;
import io.cnnlab.tf.Tensors;
import io.cnnlab.training.TrainConfig;
import io.cnnlab.training.optim.OptimizerKind;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
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
import org.tensorflow.types.TFloat32;

/**
 * A tiny textbook LeNet trained for two epochs through {@link TrainingJob#run} on generated 28x28 images in a
 * Fashion-MNIST-shaped IDX install: the run ends with its feature files, every spatial layer has LeNet's
 * published shapes, and the weights are the trained ones.
 */
class FeatureMapExtractorTest {
  private static final long SEED = 3;
  private static final int CLASSES = BarImages.CLASSES;
  private static final ModelSettings SETTINGS =
      new ModelSettings("lenet", "relu-max", null, null, null, null, null, null, null, null, null);

  @TempDir static Path tmp;
  private static Path runDir;
  private static ImageSet test;
  private static Model model;
  private static TrainingJob job;
  private static Execution execution;

  /** Small stand-in figures, so the test sees the PNGs the run writes without the report's drawing code. */
  private static final FeatureFigures FIGURES = new FeatureFigures() {
    @Override
    public BufferedImage example(FeatureMaps.Example example, List<String> classNames) {
      return new BufferedImage(3 + example.testIndex(), 2, BufferedImage.TYPE_INT_RGB);
    }

    @Override
    public BufferedImage kernels(FeatureMaps.Kernel kernel) {
      return new BufferedImage(kernel.cout(), kernel.kh(), BufferedImage.TYPE_INT_RGB);
    }
  };

  @BeforeAll
  static void trainTinyLeNet() throws IOException {
    Path data = tmp.resolve("datasets");
    test = BarImages.bars("bars/test", 60, 2);
    BarImages.writeFashionMnist(data, BarImages.bars("bars/train", 200, 1), test);
    runDir = tmp.resolve("run");
    // The ReLU / max-pooling variant: the sigmoid textbook net predicts one class for its first hundreds of steps,
    // and distinct predictions are what show the restored weights are the trained ones.
    TrainConfig config = TrainConfig.builder().epochs(2).batchSize(20).optimizer(OptimizerKind.ADAM)
        .learningRate(0.01).seed(SEED).deterministic(true).build();
    // A smoke-like test limit: the feature maps still come from the whole test split.
    job = new TrainingJob(SETTINGS, DatasetId.FASHION_MNIST, data, 0, 7, config, 0);
    model = job.buildModel();
    execution = job.execution(Machine.detect());
    job.run(execution, runDir, List.of(), FIGURES);
  }

  @Test
  void aTrainingRunLeavesItsFeatureMapsKernelsAndFiguresInItsFolder() throws IOException {
    RunFolder run = new RunFolder(runDir);
    assertTrue(FeatureFiles.exists(run), "features/index.json");
    FeatureMaps stored = FeatureFiles.read(run);
    assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), stored.examples().stream().map(FeatureMaps.Example::testIndex).toList(),
        "the first test image of each of the first 10 classes, from the whole test split (the run used 7)");
    FeatureMaps fresh = FeatureMapExtractor.extract(model, execution, runDir, test, FeatureMapExtractor.firstOfEachClass(test, CLASSES));
    for (int i = 0; i < CLASSES; i++) {
      FeatureMaps.Example a = stored.examples().get(i);
      FeatureMaps.Example b = fresh.examples().get(i);
      assertEquals(b.label(), a.label());
      assertEquals(b.predicted(), a.predicted());
      assertArrayEquals(b.pixels(), a.pixels());
      assertArrayEquals(b.sobel(), a.sobel());
      for (int l = 0; l < b.layers().size(); l++) {
        assertEquals(b.layers().get(l).name(), a.layers().get(l).name());
        assertArrayEquals(b.layers().get(l).values(), a.layers().get(l).values(), 1e-6f, b.layers().get(l).name());
      }
      Path png = run.features().resolve("feature-maps-" + a.testIndex() + ".png");
      assertEquals(3 + a.testIndex(), ImageIO.read(png.toFile()).getWidth(), png.toString());
    }
    assertArrayEquals(fresh.firstKernel().weights(), stored.firstKernel().weights());
    // The kernel as numpy would load it: shape [5, 5, 1, 6] in the file's own header.
    Npy.Array kernel = Npy.read(run.features().resolve("kernel-conv1_kernel.npy"));
    assertArrayEquals(new int[] {5, 5, 1, 6}, kernel.shape());
    assertEquals(6, ImageIO.read(run.features().resolve(FeatureFiles.KERNEL_FIGURE).toFile()).getWidth());
    FeatureFiles.Index index = RunJson.readStrict(run.features().resolve(FeatureFiles.INDEX), FeatureFiles.Index.class, "index");
    assertEquals(DatasetId.FASHION_MNIST.classNames(), index.classNames());
    assertEquals(List.of("conv1", "relu1", "maxpool1", "conv2", "relu2", "maxpool2"),
        index.examples().get(0).layers().stream().map(FeatureFiles.ArrayFile::name).toList());
  }

  @Test
  void aResumedRunThatFinishesWritesThemAgain() throws IOException {
    RunFolder run = new RunFolder(runDir);
    FeatureMaps before = FeatureFiles.read(run);
    FeatureFiles.writeProblem(run, "gone"); // as if the first attempt had failed to write them

    // Every epoch is checkpointed already: the run resumes, trains nothing, predicts and writes the features.
    job.run(execution, runDir, List.of(), FIGURES);

    assertTrue(FeatureFiles.problem(run).isEmpty(), "the old note is gone");
    FeatureMaps after = FeatureFiles.read(run);
    assertArrayEquals(before.firstKernel().weights(), after.firstKernel().weights(), "the same final weights");
    assertArrayEquals(before.examples().get(5).layers().get(3).values(), after.examples().get(5).layers().get(3).values());
  }

  @Test
  void everySpatialLayerHasLeNetsPublishedShapeAndTheWeightsAreTheTrainedOnes() throws IOException {
    int[] firsts = FeatureMapExtractor.firstOfEachClass(test, CLASSES);
    assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), java.util.Arrays.stream(firsts).boxed().toList(), "labels cycle 0..9");

    FeatureMaps x = FeatureMapExtractor.extract(model, execution, runDir, test, firsts);

    // d2l 7.6 / LeCun 1998 with padding 2: 28x28x6, pooled 14x14x6, 10x10x16, pooled 5x5x16.
    List<String> expected = List.of("conv1 28x28x6", "relu1 28x28x6", "maxpool1 14x14x6", "conv2 10x10x16",
        "relu2 10x10x16", "maxpool2 5x5x16");
    for (FeatureMaps.Example e : x.examples()) {
      List<String> shapes = e.layers().stream()
          .map(l -> l.name() + " " + l.height() + "x" + l.width() + "x" + l.channels()).toList();
      assertEquals(expected, shapes);
    }
    FeatureMaps.Kernel k = x.firstKernel();
    assertEquals("conv1_kernel 5x5x1x6", k.name() + " " + k.kh() + "x" + k.kw() + "x" + k.cin() + "x" + k.cout());

    // conv1 by hand from the extracted kernel: what is left over must be one bias per channel.
    FeatureMaps.Example e = x.examples().get(3);
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
    // the ones the trainer wrote with the same weights (on its first 7 test images).
    float[] initial = initialKernel();
    double moved = 0;
    for (int i = 0; i < initial.length; i++) {
      moved = Math.max(moved, Math.abs(initial[i] - k.weights()[i]));
    }
    assertTrue(moved > 1e-3, "largest change of conv1 from its initialization: " + moved);
    List<String> predictions = Files.readAllLines(new RunFolder(runDir).predictions());
    assertEquals(8, predictions.size(), "header and the 7 test images the run used");
    for (FeatureMaps.Example ex : x.examples().subList(0, 7)) {
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
  void aRunWithoutCheckpointOrWithAnotherModelIsNamed() throws IOException {
    Path empty = Files.createDirectories(tmp.resolve("no-checkpoint"));
    RunFileException e = assertThrows(RunFileException.class,
        () -> FeatureMapExtractor.extract(model, execution, empty, test, new int[] {0}));
    assertEquals(empty.resolve("checkpoint"), e.file());
    assertTrue(e.getMessage().contains("holds no checkpoint"), e.getMessage());

    Model wider = SETTINGS.build(28, 1, 12);
    e = assertThrows(RunFileException.class, () -> FeatureMapExtractor.extract(wider, execution, runDir, bars12(), new int[] {0}));
    assertTrue(e.getMessage().contains("does not fit the model rebuilt from the run's settings"), e.getMessage());
  }

  @Test
  void failingToWriteFeatureMapsIsNotedAndThrowsNothing() throws IOException {
    Path run = Files.createDirectories(tmp.resolve("no-weights"));
    ByteArrayOutputStream log = new ByteArrayOutputStream();

    Optional<String> problem = FeatureMapWriter.write(model, execution, run, test, FIGURES,
        new PrintStream(log, true, StandardCharsets.UTF_8));

    assertTrue(problem.isPresent() && problem.get().contains("holds no checkpoint"), problem.toString());
    assertEquals(problem, FeatureFiles.problem(new RunFolder(run)));
    assertTrue(log.toString(StandardCharsets.UTF_8).contains("the run's results are kept"), log.toString(StandardCharsets.UTF_8));
    assertTrue(!FeatureFiles.exists(new RunFolder(run)));
  }

  private static ImageSet bars12() {
    ImageSet ten = BarImages.bars("bars/12", 12, 5);
    byte[] all = new byte[ten.count() * ten.imageSize()];
    byte[] labels = new byte[ten.count()];
    for (int i = 0; i < ten.count(); i++) {
      System.arraycopy(ten.image(i), 0, all, i * ten.imageSize(), ten.imageSize());
      labels[i] = (byte) ten.label(i);
    }
    List<String> names = java.util.stream.IntStream.range(0, 12).mapToObj(c -> "class_name_" + c).toList();
    return new ImageSet("bars/12", all, labels, 28, 28, 1, names);
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
      Lowering.build(tf, model, execution, images, tf.constant(false), StepSeed.fixed(SEED));
      try (Session s = new Session(g)) {
        s.initialize();
        try (Result r = s.runner().fetch("conv1_kernel").run()) {
          return Tensors.toFloats(r.get(0));
        }
      }
    }
  }
}
