package io.cnnlab.ops.edges;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.function.IntBinaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Synthetic step edges of height {@value #STEP}: each orientation responds where theory says and is
 * exactly zero elsewhere. Expected values come from the kernels' row, column and anti-diagonal sums,
 * worked out by hand in the comments (pixel values are integers, so every response is exact).
 */
class StepEdgeTest {
  private static final float STEP = 100;
  private static final int H = 12;
  private static final int W = 14;

  private static EdgeDetector prewitt;
  private static EdgeDetector sobel;

  @BeforeAll
  static void open() {
    prewitt = new EdgeDetector(EdgeOperator.PREWITT, EdgeCombination.MAX, 1);
    sobel = new EdgeDetector(EdgeOperator.SOBEL, EdgeCombination.MAX, 1);
  }

  @AfterAll
  static void close() {
    prewitt.close();
    sobel.close();
  }

  @Test
  void verticalStepLightsVerticalAndDiagonalMapsBesideTheStepOnly() {
    int c = 6; // columns 0..5 dark, 6..13 bright
    float[] image = image((y, x) -> x >= c ? 1 : 0);
    // A column step meets the kernel's right column at x = c-1 and its middle and right columns at x = c.
    // Column sums (left, middle, right): Prewitt vertical (-3,0,3), both diagonals (-2,0,2);
    // Sobel vertical (-4,0,4), both diagonals (-3,0,3); horizontal kernels (0,0,0).
    check(prewitt, image, (y, x) -> x == c - 1 || x == c ? new float[] {0, 3, 2, 2} : zeros());
    check(sobel, image, (y, x) -> x == c - 1 || x == c ? new float[] {0, 4, 3, 3} : zeros());
  }

  @Test
  void horizontalStepLightsHorizontalAndDiagonalMapsWithTheDocumentedSigns() {
    int r = 5; // rows 0..4 dark, 5..11 bright
    float[] image = image((y, x) -> y >= r ? 1 : 0);
    // Row sums (top, middle, bottom): Prewitt horizontal (-3,0,3), 45° (-2,0,2), 135° (2,0,-2): the 135°
    // kernel differentiates towards the upper right, so brightening downwards is negative.
    check(prewitt, image, (y, x) -> y == r - 1 || y == r ? new float[] {3, 0, 2, -2} : zeros());
    check(sobel, image, (y, x) -> y == r - 1 || y == r ? new float[] {4, 0, 3, -3} : zeros());
  }

  @Test
  void diagonalStepLeavesThe135MapZeroAwayFromBordersAndLightsThe45Map() {
    int c = 12; // bright where y + x >= c: the boundary runs lower-left to upper-right, a 45° edge
    float[] image = image((y, x) -> y + x >= c ? 1 : 0);
    for (EdgeDetector detector : new EdgeDetector[] {prewitt, sobel}) {
      EdgeMaps maps = detector.detect(image, W, H);
      // Sums of a kernel over its anti-diagonals t = u + v - 2 = -2..2 give the 45° response at
      // d = y + x - c as STEP * (sum over t >= -d):
      //   Prewitt 45°: (-1,-2,0,2,1) -> d = -2..1: 1, 3, 3, 1;  Sobel 45°: (-2,-2,0,2,2) -> 2, 4, 4, 2.
      //   Both 135° kernels: all anti-diagonal sums 0, hence 0 wherever no padding is involved.
      float[] diag45 = detector.operator() == EdgeOperator.PREWITT
          ? new float[] {1, 3, 3, 1} : new float[] {2, 4, 4, 2};
      for (int y = 0; y < H; y++) {
        for (int x = 0; x < W; x++) {
          int d = y + x - c;
          int p = y * W + x;
          String at = detector.operator() + " y=" + y + " x=" + x;
          boolean interior = y > 0 && y < H - 1 && x > 0 && x < W - 1;
          if (interior) {
            assertEquals(d >= -2 && d <= 1 ? STEP * diag45[d + 2] : 0f,
                maps.response(Orientation.DIAG45)[p], at + " 45°");
            assertEquals(0f, maps.response(Orientation.DIAG135)[p], at + " 135°");
          }
          boolean flat = d <= -3 || d >= 2; // the 3x3 neighbourhood spans d-2..d+2
          for (Orientation o : Orientation.values()) {
            if (flat) {
              assertEquals(0f, maps.response(o)[p], at + " " + o + " (flat)");
            }
          }
          if (interior && (d == -1 || d == 0)) {
            // Brighter towards +y and +x: horizontal and vertical kernels both see a positive step.
            assertPositive(maps.response(Orientation.HORIZONTAL)[p], at + " horizontal");
            assertPositive(maps.response(Orientation.VERTICAL)[p], at + " vertical");
          }
        }
      }
    }
  }

  @Test
  void flatImageHasNoResponseAnywhereIncludingTheBorder() {
    float[] image = image((y, x) -> 1);
    check(prewitt, image, (y, x) -> zeros());
    check(sobel, image, (y, x) -> zeros());
  }

  /** An H x W image with STEP * level(y, x). */
  private static float[] image(IntBinaryOperator level) {
    float[] image = new float[H * W];
    for (int y = 0; y < H; y++) {
      for (int x = 0; x < W; x++) {
        image[y * W + x] = STEP * level.applyAsInt(y, x);
      }
    }
    return image;
  }

  private interface Expected {
    /** Responses in units of STEP, in {@link Orientation} order. */
    float[] at(int y, int x);
  }

  /** Every pixel of every orientation equals the expectation exactly; combined is the max of |r|. */
  private static void check(EdgeDetector detector, float[] image, Expected expected) {
    EdgeMaps maps = detector.detect(image, W, H, 5); // 5-row strips: three strips, halos included
    for (int y = 0; y < H; y++) {
      for (int x = 0; x < W; x++) {
        float[] e = expected.at(y, x);
        float max = 0;
        for (Orientation o : Orientation.values()) {
          assertEquals(STEP * e[o.ordinal()], maps.response(o)[y * W + x],
              detector.operator() + " " + o + " y=" + y + " x=" + x);
          max = Math.max(max, Math.abs(STEP * e[o.ordinal()]));
        }
        assertEquals(max, maps.combined()[y * W + x], detector.operator() + " combined y=" + y + " x=" + x);
      }
    }
  }

  private static float[] zeros() {
    return new float[Orientation.values().length];
  }

  private static void assertPositive(float value, String what) {
    if (!(value > 0)) {
      throw new AssertionError(what + ": expected a positive response, got " + value);
    }
  }
}
