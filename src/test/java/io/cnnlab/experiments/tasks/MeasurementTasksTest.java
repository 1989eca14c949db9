package io.cnnlab.experiments.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The measurement kinds on small inputs: what they write and what they find. */
class MeasurementTasksTest {
  @TempDir Path tmp;

  private static List<String> lines(Path file) throws IOException {
    return Files.readAllLines(file);
  }

  @Test
  void convShapesFindsNoMismatchOnTheTextbookModels() throws IOException {
    Measurement m = ConvShapesTask.run(1, tmp);
    assertEquals(0.0, m.metrics().get("mismatches"), lines(tmp.resolve("checks.csv")).toString());
    // LeNet: 28x28x6, 14x14x6, 10x10x16, 5x5x16, 400, 120, 84, 10; AlexNet: 54x54x96, 26x26x96, 26x26x256,
    // 12x12x256, 12x12x384, 12x12x256, 5x5x256, 6400, 4096, 10 (activations and dropout keep the shape).
    List<String> shapes = lines(tmp.resolve("shapes.csv"));
    assertEquals(1 + 8 + 10, shapes.size(), shapes.toString());
    assertTrue(shapes.contains("lenet,5,400,400,true"), shapes.toString());
    assertTrue(shapes.contains("alexnet,8,6400,6400,true"), shapes.toString());
    assertEquals(1 + 9, lines(tmp.resolve("checks.csv")).size());
    assertEquals(9.0, m.metrics().get("checks"));
  }

  @Test
  void collapseDropsOnlyRepeatsOfThePreviousShape() {
    assertEquals(List.of("a", "b", "a"), ConvShapesTask.collapse(List.of("a", "a", "b", "b", "b", "a")));
  }

  @Test
  void conv1x1ImplementationsAgreeAndEveryOneIsTimed() throws IOException {
    Measurement m = Conv1x1Task.run(new ConvBenchSettings(2, 8, 4, 10, 3, 1, 0), 1, tmp);
    assertTrue(m.metrics().get("max_abs_diff") < 1e-5, m.metrics().toString());
    List<String> rows = lines(tmp.resolve("timings.csv"));
    assertEquals(1 + 4 + 3, rows.size(), rows.toString()); // four 1x1 implementations, three 3x3 ones
    for (String metric : List.of("conv2d_ms", "matmul_ms", "java_matmul_ms", "naive_ms")) {
      assertTrue(m.metrics().get(metric) > 0, metric);
    }
  }

  @Test
  void conv1x1HandsEachRowOnAsItIsMeasuredInTheOrderOfTheTable() {
    List<Conv1x1Task.Row> seen = new java.util.ArrayList<>();
    List<Conv1x1Task.Row> rows = Conv1x1Task.measure(new ConvBenchSettings(1, 4, 2, 6, 3, 1, 0), 1, 5, seen::add);
    assertEquals(rows, seen);
    assertEquals(List.of("1x1 TensorFlow conv2d (NHWC)", "1x1 TensorFlow matMul (NHW x C)",
        "1x1 Java matmul (NHW x C)", "1x1 Java naive loop (NCHW)", "3x3 Java naive loop (NCHW)",
        "3x3 Java im2col + matmul (NCHW)", "3x3 TensorFlow conv2d (NHWC)"),
        rows.stream().map(r -> r.conv() + " " + r.implementation() + " (" + r.layout() + ")").toList());
    for (Conv1x1Task.Row r : rows) {
      assertTrue(r.maxAbsDiff() < 1e-5, r.toString());
    }
  }

  @Test
  void convSettingsFillDefaultsAndRejectZero() {
    ConvBenchSettings s = new ConvBenchSettings(null, 3, null, null, null, null, null).complete();
    assertEquals(new ConvBenchSettings(32, 3, 16, 56, 3, 5, 2), s);
    IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> new ConvBenchSettings(0, null, null, null, null, null, null));
    assertTrue(e.getMessage().contains("conv.batch must be >= 1, got 0"), e.getMessage());
  }

  @Test
  void edgesWritesPicturesAndATimingRowPerPhotoAndOperator() throws IOException {
    Path photos = Files.createDirectories(tmp.resolve("photos"));
    for (String name : List.of("a.png", "b.png", "c.png")) {
      BufferedImage img = new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB);
      for (int x = 20; x < 40; x++) {
        for (int y = 0; y < 30; y++) {
          img.setRGB(x, y, 0xFFFFFF); // a vertical step edge
        }
      }
      ImageIO.write(img, "png", photos.resolve(name).toFile());
    }
    Path out = tmp.resolve("run");
    Measurement m = EdgesTask.run(photos, 2, 1, out);
    assertEquals(2.0, m.metrics().get("photos"), "limited to the first two");
    List<String> rows = lines(out.resolve("timings.csv"));
    assertEquals(1 + 2 * 2, rows.size(), rows.toString());
    assertTrue(rows.get(1).startsWith("a.png,40,30,prewitt,"), rows.get(1));
    for (String file : m.outputs()) {
      assertTrue(Files.size(out.resolve(file)) > 0, file);
    }
    assertTrue(m.outputs().contains("b-sobel-sheet.png"), m.outputs().toString());
    assertEquals(1 + 2 * 2 * 2, m.outputs().size());
  }
}
