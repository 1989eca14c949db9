package io.cnnlab.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cnnlab.testing.EventFileReader;
import io.cnnlab.testing.EventFileReader.Scalar;
import io.cnnlab.training.optim.OptimizerKind;
import io.cnnlab.training.tensorboard.TensorBoardWriter;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.proto.Event;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.HistogramProto;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.proto.Summary;

/**
 * {@link TensorBoardWriter} on whole runs of the tiny model, read back record by record by the tests' own
 * {@link EventFileReader} and compared with {@code metrics.csv}.
 */
class TensorBoardRunTest {
  /** 120 training images in batches of 16: 8 steps, the last of 8 images. */
  private static final int STEPS = 8;

  private static final int EVERY = 3;

  private static final TrainConfig CONFIG = TrainConfig.builder().epochs(3).batchSize(16)
      .optimizer(OptimizerKind.SGD).learningRate(0.05).seed(11).deterministic(true).build();

  @TempDir static Path shared;
  private static Path whole;
  private static List<Event> events;

  private static TrainResult train(Path dir, TrainListener... extra) {
    List<TrainListener> listeners = new ArrayList<>(List.of(new CsvMetricsWriter(dir.resolve("metrics.csv")),
        new TensorBoardWriter(dir.resolve("tensorboard"), EVERY, 0)));
    listeners.addAll(List.of(extra));
    return new Trainer(new TinyModel(false), CONFIG, "tiny;bars;n=120").train(InMemoryBatchSource.bars(120, 16, 5,
        true), InMemoryBatchSource.bars(45, 20, 6, false), dir, listeners);
  }

  @BeforeAll
  static void trainWhole() throws IOException {
    whole = shared.resolve("whole");
    train(whole);
    events = EventFileReader.readAll(whole.resolve("tensorboard"));
  }

  /** metrics.csv's columns by name, one map per epoch, parsed here rather than by cnnlab's reader. */
  private static List<Map<String, Double>> metricsCsv(Path dir) throws IOException {
    List<String> lines = Files.readAllLines(dir.resolve("metrics.csv"));
    String[] header = lines.get(0).split(",");
    List<Map<String, Double>> rows = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] cells = line.split(",");
      Map<String, Double> row = new LinkedHashMap<>();
      for (int i = 0; i < header.length; i++) {
        row.put(header[i], Double.parseDouble(cells[i]));
      }
      rows.add(row);
    }
    return rows;
  }

  @Test
  void everyEpochScalarEqualsMetricsCsvToFloat32() throws IOException {
    assertEquals(1, EventFileReader.files(whole.resolve("tensorboard")).size());
    assertEquals("brain.Event:2", events.get(0).getFileVersion());
    Map<String, String> columns = Map.ofEntries(Map.entry("epoch/train_loss", "train_loss"),
        Map.entry("epoch/train_accuracy", "train_accuracy"), Map.entry("epoch/test_loss", "test_loss"),
        Map.entry("epoch/test_accuracy", "test_accuracy"), Map.entry("epoch/learning_rate", "learning_rate"),
        Map.entry("epoch/images_per_second", "examples_per_second"),
        Map.entry("epoch/seconds/data_wait", "data_wait_seconds"), Map.entry("epoch/seconds/feed", "feed_seconds"),
        Map.entry("epoch/seconds/step", "step_seconds"), Map.entry("epoch/seconds/eval", "eval_seconds"),
        Map.entry("epoch/seconds/checkpoint", "checkpoint_seconds"), Map.entry("epoch/seconds/wall", "wall_seconds"));
    List<Map<String, Double>> rows = metricsCsv(whole);
    assertEquals(3, rows.size());
    for (var c : columns.entrySet()) {
      List<Scalar> scalars = EventFileReader.scalars(events, c.getKey());
      assertEquals(List.of(1L, 2L, 3L), scalars.stream().map(Scalar::step).toList(), c.getKey());
      for (int e = 0; e < 3; e++) {
        assertEquals((float) (double) rows.get(e).get(c.getValue()), scalars.get(e).value(), 0f,
            c.getKey() + " of epoch " + (e + 1));
      }
    }
  }

  @Test
  void stepScalarsComeEveryThreeStepsAndAtEachEpochsEndAndAddUpToTheEpoch() throws IOException {
    List<Scalar> loss = EventFileReader.scalars(events, "step/loss");
    List<Scalar> accuracy = EventFileReader.scalars(events, "step/accuracy");
    // Steps 3 and 6 and the last (8) of each epoch, on the global step axis.
    assertEquals(List.of(3L, 6L, 8L, 11L, 14L, 16L, 19L, 22L, 24L), loss.stream().map(Scalar::step).toList());
    EventFileReader.scalars(events, "step/learning_rate").forEach(s -> assertEquals(0.05f, s.value(), s.toString()));
    // Each point is the mean of its window (48, 48 and 24 images): weighted, the three make the epoch's mean.
    List<Map<String, Double>> rows = metricsCsv(whole);
    int[] sizes = {48, 48, 24};
    for (int e = 0; e < 3; e++) {
      double lossSum = 0;
      double correct = 0;
      for (int w = 0; w < 3; w++) {
        lossSum += loss.get(3 * e + w).value() * sizes[w];
        correct += accuracy.get(3 * e + w).value() * sizes[w];
      }
      assertEquals(rows.get(e).get("train_loss"), lossSum / 120, 1e-6, "epoch " + (e + 1));
      assertEquals(rows.get(e).get("train_accuracy"), correct / 120, 1e-6, "epoch " + (e + 1));
    }
  }

  @Test
  void weightsAndGradientsHaveAHistogramPerEpochAndTheGraphIsWrittenOnce() throws IOException {
    // The tiny model: a 3x3 convolution from 1 to 2 channels (18 weights, 2 biases), then 4x4x2 = 32 features
    // densely to 3 classes (96 weights, 3 biases).
    Map<Long, Map<String, Double>> counts = new TreeMap<>();
    for (Event e : events) {
      for (Summary.Value v : e.getSummary().getValueList()) {
        if (v.hasHisto()) {
          HistogramProto h = v.getHisto();
          assertEquals(h.getNum(), h.getBucketList().stream().mapToDouble(Double::doubleValue).sum(), v.getTag());
          assertEquals(h.getMax(), h.getBucketLimit(h.getBucketLimitCount() - 1), v.getTag());
          if (v.getTag().startsWith("gradients/")) {
            assertTrue(h.getSumSquares() > 0, v.getTag() + " is all zeros");
          }
          counts.computeIfAbsent(e.getStep(), k -> new TreeMap<>()).put(v.getTag(), h.getNum());
        }
      }
    }
    Map<String, Double> expected = new TreeMap<>();
    for (String kind : List.of("weights/", "gradients/")) {
      expected.putAll(Map.of(kind + "conv1_kernel", 18.0, kind + "conv1_bias", 2.0, kind + "dense1_kernel", 96.0,
          kind + "dense1_bias", 3.0));
    }
    assertEquals(Map.of(1L, expected, 2L, expected, 3L, expected), counts);

    List<Event> graphs = events.stream().filter(Event::hasGraphDef).toList();
    assertEquals(1, graphs.size());
    Set<String> nodes = new HashSet<>(GraphDef.parseFrom(graphs.get(0).getGraphDef()).getNodeList().stream()
        .map(NodeDef::getName).toList());
    assertTrue(nodes.containsAll(List.of("images", "labels", "global_step", "train_step")), nodes.toString());
  }

  @Test
  void theFirstKernelIsAnImageAtTheEnd() throws IOException {
    Map<String, BufferedImage> images = new TreeMap<>();
    for (Event e : events) {
      for (Summary.Value v : e.getSummary().getValueList()) {
        if (v.hasImage()) {
          assertEquals(3, e.getStep(), v.getTag());
          BufferedImage png = ImageIO.read(new ByteArrayInputStream(v.getImage().getEncodedImageString().toByteArray()));
          assertEquals(v.getImage().getWidth(), png.getWidth(), v.getTag());
          assertEquals(v.getImage().getHeight(), png.getHeight(), v.getTag());
          images.put(v.getTag(), png);
        }
      }
    }
    // The trainer alone computes no feature maps (a TrainingJob hands them over): the 3x3x1x2 kernel only, two
    // 3x3 tiles enlarged 16 times to 48 pixels, side by side with 1-pixel gaps.
    assertEquals(List.of("kernels/conv1_kernel"), List.copyOf(images.keySet()));
    assertEquals(99, images.get("kernels/conv1_kernel").getWidth());
    assertEquals(50, images.get("kernels/conv1_kernel").getHeight());
  }

  @Test
  void aResumedRunContinuesItsStepsWithoutRepeatingAny() throws IOException {
    Path dir = shared.resolve("resumed");
    assertThrows(IllegalStateException.class, () -> train(dir, Crashes.atStep(2, 5)));
    List<Long> before = EventFileReader.scalars(EventFileReader.readAll(dir.resolve("tensorboard")), "step/loss")
        .stream().map(Scalar::step).toList();
    assertEquals(List.of(3L, 6L, 8L, 11L), before, "epoch 2's first point was written before the crash");

    train(dir); // resumes after epoch 1, the last checkpoint
    assertEquals(2, EventFileReader.files(dir.resolve("tensorboard")).size());
    List<Event> resumed = EventFileReader.readAll(dir.resolve("tensorboard"));
    Set<String> seen = new HashSet<>();
    for (Scalar s : EventFileReader.scalars(resumed)) {
      assertTrue(seen.add(s.tag() + "@" + s.step()), s + " is written twice");
    }
    assertEquals(1, resumed.stream().filter(Event::hasGraphDef).count(), "the graph once");
    // Deterministic: the resumed run's points are the uninterrupted run's, step for step.
    for (String tag : List.of("step/loss", "step/accuracy", "epoch/train_loss", "epoch/test_accuracy")) {
      assertEquals(EventFileReader.scalars(events, tag), EventFileReader.scalars(resumed, tag), tag);
    }
  }
}
