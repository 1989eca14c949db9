package io.cnnlab.ops.edges;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cnnlab.tf.Tensors;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Constant;
import org.tensorflow.types.TFloat32;

class EdgeKernelsTest {
  /** The eight border cells of a 3x3 kernel, clockwise from the top-left corner. */
  private static final int[][] RING = {{0, 0}, {0, 1}, {0, 2}, {1, 2}, {2, 2}, {2, 1}, {2, 0}, {1, 0}};

  @Test
  void prewittAndSobelHorizontalAreTheTextbookKernels() {
    // Prewitt and Sobel as published: rows differentiate top to bottom, Sobel weights the centre by 2.
    assertKernel(new float[][] {{-1, -1, -1}, {0, 0, 0}, {1, 1, 1}},
        EdgeKernels.kernel(EdgeOperator.PREWITT, Orientation.HORIZONTAL));
    assertKernel(new float[][] {{-1, -2, -1}, {0, 0, 0}, {1, 2, 1}},
        EdgeKernels.kernel(EdgeOperator.SOBEL, Orientation.HORIZONTAL));
    // The vertical kernel is the transpose of the horizontal one.
    for (EdgeOperator op : EdgeOperator.values()) {
      float[][] h = EdgeKernels.kernel(op, Orientation.HORIZONTAL);
      float[][] v = EdgeKernels.kernel(op, Orientation.VERTICAL);
      for (int u = 0; u < 3; u++) {
        for (int c = 0; c < 3; c++) {
          assertEquals(h[c][u], v[u][c], op + " vertical[" + u + "][" + c + "]");
        }
      }
    }
  }

  @Test
  void diagonalKernelsAreTheHorizontalRingTurnedBy45And135Degrees() {
    for (EdgeOperator op : EdgeOperator.values()) {
      float[][] h = EdgeKernels.kernel(op, Orientation.HORIZONTAL);
      assertKernel(turnCounterClockwise(h, 1), EdgeKernels.kernel(op, Orientation.DIAG45));
      assertKernel(turnCounterClockwise(h, 2), EdgeKernels.kernel(op, Orientation.VERTICAL));
      assertKernel(turnCounterClockwise(h, 3), EdgeKernels.kernel(op, Orientation.DIAG135));
    }
  }

  @Test
  void everyKernelSumsToZeroAndIsZeroAlongItsEdge() {
    int[][][] zeroLine = {
      {{1, 0}, {1, 1}, {1, 2}}, // horizontal: middle row
      {{0, 1}, {1, 1}, {2, 1}}, // vertical: middle column
      {{2, 0}, {1, 1}, {0, 2}}, // 45°: lower-left to upper-right
      {{0, 0}, {1, 1}, {2, 2}}, // 135°: upper-left to lower-right
    };
    for (EdgeOperator op : EdgeOperator.values()) {
      for (Orientation o : Orientation.values()) {
        float[][] k = EdgeKernels.kernel(op, o);
        float sum = 0;
        for (float[] row : k) {
          for (float w : row) {
            sum += w;
          }
        }
        assertEquals(0f, sum, op + " " + o);
        for (int[] cell : zeroLine[o.ordinal()]) {
          assertEquals(0f, k[cell[0]][cell[1]], op + " " + o + " at " + cell[0] + "," + cell[1]);
        }
      }
    }
  }

  @Test
  void kernelCopiesCannotChangeTheOperator() {
    EdgeKernels.kernel(EdgeOperator.SOBEL, Orientation.VERTICAL)[1][0] = 99;
    assertEquals(-2f, EdgeKernels.kernel(EdgeOperator.SOBEL, Orientation.VERTICAL)[1][0]);
  }

  @Test
  void maximumResponseIsSumOfPositiveWeightsTimesRange() {
    assertEquals(765f, EdgeKernels.maxAbsResponse(EdgeOperator.PREWITT, 255f)); // 3 x 255
    assertEquals(1020f, EdgeKernels.maxAbsResponse(EdgeOperator.SOBEL, 255f)); // (1 + 2 + 1) x 255
  }

  @Test
  void graphConstantIsHwioWithOrientationsAsOutputChannels() {
    for (EdgeOperator op : EdgeOperator.values()) {
      try (Graph g = new Graph(); Session s = new Session(g)) {
        Constant<TFloat32> c = EdgeKernels.constant(Ops.create(g), op);
        assertEquals(org.tensorflow.ndarray.Shape.of(3, 3, 1, 4), c.shape());
        try (Result r = s.runner().fetch(c).run()) {
          float[] flat = Tensors.toFloats(r.get(0));
          for (Orientation o : Orientation.values()) {
            float[][] k = EdgeKernels.kernel(op, o);
            for (int u = 0; u < 3; u++) {
              for (int v = 0; v < 3; v++) {
                // Row-major index of [u][v][0][o] in a [3,3,1,4] tensor.
                assertEquals(k[u][v], flat[((u * 3 + v) * 1) * 4 + o.ordinal()], op + " " + o);
              }
            }
          }
        }
      }
    }
  }

  private static float[][] turnCounterClockwise(float[][] k, int steps) {
    float[][] out = new float[3][3];
    out[1][1] = k[1][1];
    for (int i = 0; i < RING.length; i++) {
      // Counter-clockwise: the weight at ring position i moves to position i - steps.
      int[] to = RING[Math.floorMod(i - steps, RING.length)];
      out[to[0]][to[1]] = k[RING[i][0]][RING[i][1]];
    }
    return out;
  }

  private static void assertKernel(float[][] expected, float[][] actual) {
    for (int u = 0; u < 3; u++) {
      assertArrayEquals(expected[u], actual[u], "row " + u);
    }
  }
}
