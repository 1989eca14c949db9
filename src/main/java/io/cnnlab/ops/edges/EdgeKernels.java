package io.cnnlab.ops.edges;

import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Constant;
import org.tensorflow.types.TFloat32;

/**
 * Prewitt and Sobel 3x3 kernels in four orientations, as plain arrays and as one graph constant.
 *
 * <p>Kernels are applied as TensorFlow's {@code conv2d} applies them, i.e. as a cross-correlation without
 * flipping: {@code out[i][j] = sum over u,v in 0..2 of k[u][v] * in[i+u-1][j+v-1]}, row 0 at the top of the
 * image. <b>Sign convention:</b> a response is positive when the image gets brighter in the direction the
 * kernel differentiates: downwards for horizontal edges, rightwards for vertical edges, towards the lower
 * right for 45° edges and towards the upper right for 135° edges. The zero line of every kernel runs along
 * the edge it detects, and every kernel sums to zero, so flat regions give exactly 0.
 *
 * <pre>
 *            horizontal      vertical        45° (/)         135° (\)
 * Prewitt   -1 -1 -1        -1  0  1        -1 -1  0         0  1  1
 *            0  0  0        -1  0  1        -1  0  1        -1  0  1
 *            1  1  1        -1  0  1         0  1  1        -1 -1  0
 *
 * Sobel     -1 -2 -1        -1  0  1        -2 -1  0         0  1  2
 *            0  0  0        -2  0  2        -1  0  1        -1  0  1
 *            1  2  1        -1  0  1         0  1  2        -2 -1  0
 * </pre>
 *
 * The diagonal kernels are the horizontal one with its ring of eight weights turned by 45° (one step
 * counter-clockwise) and 135° (three steps). Fixed kernels are graph <em>constants</em>, never variables:
 * an optimizer trains every variable in a graph.
 */
public final class EdgeKernels {
  /** Kernel height and width. */
  public static final int SIZE = 3;

  private static final float[][][] PREWITT = {
    {{-1, -1, -1}, {0, 0, 0}, {1, 1, 1}},
    {{-1, 0, 1}, {-1, 0, 1}, {-1, 0, 1}},
    {{-1, -1, 0}, {-1, 0, 1}, {0, 1, 1}},
    {{0, 1, 1}, {-1, 0, 1}, {-1, -1, 0}},
  };

  private static final float[][][] SOBEL = {
    {{-1, -2, -1}, {0, 0, 0}, {1, 2, 1}},
    {{-1, 0, 1}, {-2, 0, 2}, {-1, 0, 1}},
    {{-2, -1, 0}, {-1, 0, 1}, {0, 1, 2}},
    {{0, 1, 2}, {-1, 0, 1}, {-2, -1, 0}},
  };

  private EdgeKernels() {}

  /** A fresh copy of the 3x3 kernel of {@code op} for {@code orientation}, indexed [row][column]. */
  public static float[][] kernel(EdgeOperator op, Orientation orientation) {
    float[][] k = table(op)[orientation.ordinal()];
    float[][] copy = new float[SIZE][];
    for (int u = 0; u < SIZE; u++) {
      copy[u] = k[u].clone();
    }
    return copy;
  }

  /**
   * The four kernels of {@code op} flattened in HWIO order (height, width, 1 input channel, 4 output
   * channels in {@link Orientation} order): value {@code k[u][v]} of orientation {@code c} sits at
   * {@code (u * 3 + v) * 4 + c}.
   */
  public static float[] hwio(EdgeOperator op) {
    Orientation[] orientations = Orientation.values();
    float[] flat = new float[SIZE * SIZE * orientations.length];
    for (Orientation o : orientations) {
      float[][] k = table(op)[o.ordinal()];
      for (int u = 0; u < SIZE; u++) {
        for (int v = 0; v < SIZE; v++) {
          flat[(u * SIZE + v) * orientations.length + o.ordinal()] = k[u][v];
        }
      }
    }
    return flat;
  }

  /** The four kernels of {@code op} as one constant of shape [3, 3, 1, 4] (HWIO), ready for conv2d. */
  public static Constant<TFloat32> constant(Ops tf, EdgeOperator op) {
    return tf.constant(
        Shape.of(SIZE, SIZE, 1, Orientation.values().length), DataBuffers.of(hwio(op), true, false));
  }

  /**
   * The largest |response| any kernel of {@code op} can give on pixels within [0, range]: the sum of its
   * positive weights times the range (3 x 255 = 765 for Prewitt, 4 x 255 = 1020 for Sobel, all orientations).
   */
  public static float maxAbsResponse(EdgeOperator op, float range) {
    float max = 0;
    for (float[][] k : table(op)) {
      float positive = 0;
      for (float[] row : k) {
        for (float w : row) {
          positive += Math.max(w, 0);
        }
      }
      max = Math.max(max, positive);
    }
    return max * range;
  }

  private static float[][][] table(EdgeOperator op) {
    return op == EdgeOperator.PREWITT ? PREWITT : SOBEL;
  }
}
