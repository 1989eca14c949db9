package io.cnnlab.ops.edges;

import io.cnnlab.tf.Graphs;
import io.cnnlab.tf.Sessions;
import io.cnnlab.tf.Tensors;
import java.util.Arrays;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Applies the four orientation kernels of one {@link EdgeOperator} with a single {@code conv2d} and
 * combines them, on grayscale images of any size.
 *
 * <p><b>Padding:</b> replicate (edge) padding by one pixel, i.e. every pixel beyond the border equals the
 * nearest border pixel ({@code MirrorPad} in {@code SYMMETRIC} mode, which for a one-pixel halo is the
 * same). A flat image thus has no response at its border, unlike zero padding, which draws a false edge
 * around every photo; an edge that reaches the border is still seen there (one-sided difference), unlike
 * {@code REFLECT} padding, which zeroes the cross-border kernel at the first and last row and column.
 *
 * <p>One graph serves every image size: the input placeholder has shape [-1, -1, -1, 1] and the padding
 * amounts are fed, so that {@link #detect(float[], int, int, int)} can run a large photo as strips whose
 * halo rows come from the image ({@link RowStrips}). Not thread-safe; close it to free the session.
 */
public final class EdgeDetector implements AutoCloseable {
  /** Pixels per strip when the caller does not choose: ~28 MB of TensorFlow tensors per strip. */
  public static final long DEFAULT_STRIP_PIXELS = 1L << 20;

  private static final int CHANNELS = Orientation.values().length;

  private final EdgeOperator operator;
  private final EdgeCombination rule;
  private final Graph graph;
  private final Session session;
  private final Placeholder<TFloat32> images;
  private final Placeholder<TInt32> paddings;
  private final Operand<TFloat32> responses;
  private final Operand<TFloat32> combined;

  /** Builds the graph for {@code operator} and {@code rule} and opens a session with {@code threads}. */
  public EdgeDetector(EdgeOperator operator, EdgeCombination rule, int threads) {
    this.operator = operator;
    this.rule = rule;
    this.graph = Graphs.create();
    Ops tf = Ops.create(graph);
    images = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, -1, -1, 1)));
    paddings = tf.placeholder(TInt32.class, Placeholder.shape(Shape.of(4, 2)));
    responses = responses(tf, images, paddings, operator);
    combined = rule.apply(tf, responses);
    session = Sessions.open(graph, threads);
  }

  /**
   * The graph of one operator: pad {@code images} [N, H, W, 1] by {@code paddings} [4, 2] (replicate,
   * see the class comment) and correlate with the four kernels ({@code VALID}), giving [N, H', W', 4].
   */
  public static Operand<TFloat32> responses(
      Ops tf, Operand<TFloat32> images, Operand<TInt32> paddings, EdgeOperator operator) {
    Operand<TFloat32> padded = tf.mirrorPad(images, paddings, "SYMMETRIC");
    return tf.nn.conv2d(padded, EdgeKernels.constant(tf, operator), List.of(1L, 1L, 1L, 1L), "VALID");
  }

  public EdgeOperator operator() {
    return operator;
  }

  public EdgeCombination rule() {
    return rule;
  }

  /** Edge maps of one image, processed in strips of about {@link #DEFAULT_STRIP_PIXELS} pixels. */
  public EdgeMaps detect(float[] gray, int width, int height) {
    return detect(gray, width, height, RowStrips.rowsFor(width, DEFAULT_STRIP_PIXELS));
  }

  /**
   * Edge maps of one image {@code gray} (row-major, {@code width * height} values), computed in strips
   * of at most {@code rowsPerStrip} rows; the result does not depend on the strip size.
   */
  public EdgeMaps detect(float[] gray, int width, int height, int rowsPerStrip) {
    checkSize(gray.length, 1, height, width);
    float[][] maps = new float[CHANNELS][width * height];
    float[] strength = new float[width * height];
    for (RowStrips.Strip s : RowStrips.plan(height, rowsPerStrip)) {
      int[] pads = {0, 0, s.padTop(), s.padBottom(), 1, 1, 0, 0};
      try (TFloat32 in = TFloat32.tensorOf(Shape.of(1, s.inputRows(), width, 1),
              DataBuffers.of(gray, true, false).slice((long) s.inputFirstRow() * width,
                  (long) s.inputRows() * width));
          TInt32 pad = Tensors.ints(pads, 4, 2);
          Result result = session.runner().feed(images, in).feed(paddings, pad)
              .fetch(responses).fetch(combined).run()) {
        float[] interleaved = Tensors.toFloats(result.get(0));
        int offset = s.firstRow() * width;
        for (int p = 0; p < s.rows() * width; p++) {
          for (int c = 0; c < CHANNELS; c++) {
            maps[c][offset + p] = interleaved[p * CHANNELS + c];
          }
        }
        float[] part = Tensors.toFloats(result.get(1));
        System.arraycopy(part, 0, strength, offset, part.length);
      }
    }
    return new EdgeMaps(width, height, operator, rule, maps, strength);
  }

  /**
   * Responses for a whole batch in one run: {@code batch} holds {@code n} images of {@code height} x
   * {@code width} (NHWC with C = 1); each is padded on all four sides.
   *
   * @return {@code [0]}: responses [N, H, W, 4] (orientation fastest), {@code [1]}: combined [N, H, W]
   */
  public float[][] detectBatch(float[] batch, int n, int height, int width) {
    checkSize(batch.length, n, height, width);
    try (TFloat32 in = Tensors.floats(batch, n, height, width, 1);
        TInt32 pad = Tensors.ints(new int[] {0, 0, 1, 1, 1, 1, 0, 0}, 4, 2);
        Result result = session.runner().feed(images, in).feed(paddings, pad)
            .fetch(responses).fetch(combined).run()) {
      return new float[][] {Tensors.toFloats(result.get(0)), Tensors.toFloats(result.get(1))};
    }
  }

  private static void checkSize(int length, int n, int height, int width) {
    if (n < 1 || height < 1 || width < 1 || (long) n * height * width != length) {
      throw new IllegalArgumentException("expected " + n + " image(s) of " + width + "x" + height
          + " = " + ((long) n * height * width) + " values (all sizes >= 1), got " + length);
    }
  }

  @Override
  public void close() {
    session.close();
    graph.close();
  }

  @Override
  public String toString() {
    return "EdgeDetector" + Arrays.asList(operator, rule);
  }
}
