package io.cnnlab.ops.edges;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The TensorFlow graph against plain loops, and strips against the whole image. */
class EdgeDetectorTest {
  // Pixels in [0, 1): float rounding of a 9-term sum stays near 1e-7, far below the 1e-4 tolerance.
  private static final float TOLERANCE = 1e-4f;
  private static final int[][] SIZES = {{1, 1}, {2, 3}, {5, 7}, {16, 16}, {33, 17}, {4, 41}};

  private static EdgeDetector prewittMax;
  private static EdgeDetector sobelL2;

  @BeforeAll
  static void open() {
    prewittMax = new EdgeDetector(EdgeOperator.PREWITT, EdgeCombination.MAX, 1);
    sobelL2 = new EdgeDetector(EdgeOperator.SOBEL, EdgeCombination.L2, 1);
  }

  @AfterAll
  static void close() {
    prewittMax.close();
    sobelL2.close();
  }

  @Test
  void singleImagesMatchPlainLoopsForBothOperatorsAllOrientationsAndSizes() {
    Random random = new Random(11);
    for (EdgeDetector detector : List.of(prewittMax, sobelL2)) {
      for (int[] size : SIZES) {
        int h = size[0];
        int w = size[1];
        float[] image = randomImage(random, h * w);
        EdgeMaps maps = detector.detect(image, w, h);
        float[][] expected = Reference.responses(image, h, w, detector.operator());
        String what = detector + " " + h + "x" + w;
        for (Orientation o : Orientation.values()) {
          assertArrayEquals(expected[o.ordinal()], maps.response(o), TOLERANCE, what + " " + o);
        }
        assertArrayEquals(Reference.combine(expected, detector.rule()), maps.combined(), TOLERANCE, what);
      }
    }
  }

  @Test
  void aBatchMatchesPlainLoopsImageByImage() {
    Random random = new Random(12);
    int n = 3;
    int h = 9;
    int w = 11;
    float[] batch = randomImage(random, n * h * w);
    for (EdgeDetector detector : List.of(prewittMax, sobelL2)) {
      float[][] out = detector.detectBatch(batch, n, h, w);
      assertEquals(n * h * w * 4, out[0].length);
      assertEquals(n * h * w, out[1].length);
      for (int b = 0; b < n; b++) {
        float[] image = new float[h * w];
        System.arraycopy(batch, b * h * w, image, 0, h * w);
        float[][] expected = Reference.responses(image, h, w, detector.operator());
        float[] combined = Reference.combine(expected, detector.rule());
        for (int p = 0; p < h * w; p++) {
          for (Orientation o : Orientation.values()) {
            assertEquals(expected[o.ordinal()][p], out[0][(b * h * w + p) * 4 + o.ordinal()], TOLERANCE,
                detector + " image " + b + " pixel " + p + " " + o);
          }
          assertEquals(combined[p], out[1][b * h * w + p], TOLERANCE, detector + " image " + b + " pixel " + p);
        }
      }
    }
  }

  @Test
  void stripsOfAnyHeightGiveTheUntiledResult() {
    Random random = new Random(13);
    int h = 37;
    int w = 23;
    float[] image = randomImage(random, h * w);
    for (EdgeDetector detector : List.of(prewittMax, sobelL2)) {
      EdgeMaps whole = detector.detect(image, w, h, h);
      for (int rows : new int[] {1, 2, 5, 36, 100}) {
        EdgeMaps tiled = detector.detect(image, w, h, rows);
        for (Orientation o : Orientation.values()) {
          assertArrayEquals(whole.response(o), tiled.response(o), TOLERANCE, detector + " strips of " + rows + " " + o);
        }
        assertArrayEquals(whole.combined(), tiled.combined(), TOLERANCE, detector + " strips of " + rows);
      }
    }
  }

  @Test
  void stripPlanCoversEveryRowOnceWithOneHaloRowOrPadding() {
    for (int height : new int[] {1, 2, 7, 64}) {
      for (int rows : new int[] {1, 3, 64, 1000}) {
        int next = 0;
        for (RowStrips.Strip s : RowStrips.plan(height, rows)) {
          assertEquals(next, s.firstRow());
          assertTrue(s.rows() >= 1 && s.rows() <= rows);
          // Every output row needs its neighbours: from the image or, beyond it, from padding.
          assertEquals(s.firstRow() - 1, s.inputFirstRow() - s.padTop());
          assertEquals(s.firstRow() + s.rows() + 1, s.inputFirstRow() + s.inputRows() + s.padBottom());
          assertTrue(s.inputFirstRow() >= 0 && s.inputFirstRow() + s.inputRows() <= height);
          next += s.rows();
        }
        assertEquals(height, next);
      }
    }
    assertEquals(400, RowStrips.rowsFor(2560, 1_024_000));
  }

  @Test
  void wrongPixelCountIsRejectedWithTheExpectedSize() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> prewittMax.detect(new float[10], 4, 3));
    assertTrue(e.getMessage().contains("4x3 = 12"), e.getMessage());
  }

  private static float[] randomImage(Random random, int n) {
    float[] image = new float[n];
    for (int i = 0; i < n; i++) {
      image[i] = random.nextFloat();
    }
    return image;
  }
}
