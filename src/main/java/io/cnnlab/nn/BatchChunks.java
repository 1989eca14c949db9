package io.cnnlab.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Stack;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * A per-image function applied to a batch in consecutive chunks, for kernels that slow down on large batches (the
 * chunked convolution forms; a run's execution fixes their count). The batch size is known only when the graph
 * runs, so the chunk count is fixed and the chunks' size follows the batch: zero rows are appended to make it a
 * multiple of the count (no chunk is ever empty, which convolution gradients do not accept) and their results
 * dropped again.
 */
public final class BatchChunks {
  private BatchChunks() {}

  /** {@code f} applied to {@code chunks} consecutive slices of {@code x} along axis 0, concatenated. */
  public static Operand<TFloat32> map(Ops tf, Operand<TFloat32> x, int chunks, UnaryOperator<Operand<TFloat32>> f) {
    if (chunks == 1) {
      return f.apply(x);
    }
    List<Operand<TFloat32>> parts = new ArrayList<>();
    for (Operand<TFloat32> part : split(tf, x, chunks)) {
      parts.add(f.apply(part));
    }
    return join(tf, parts, rows(tf, x));
  }

  /**
   * {@code x} cut along axis 0 into {@code chunks} equal consecutive slices, after zero rows are appended to
   * make its batch a multiple of {@code chunks}: no slice is ever empty. {@link #join} drops them again.
   */
  public static List<Operand<TFloat32>> split(Ops tf, Operand<TFloat32> x, int chunks) {
    if (chunks < 1) {
      throw new IllegalArgumentException("chunks must be >= 1, got " + chunks);
    }
    int rank = x.shape().numDimensions();
    // a Pad of zeros passes its input through
    Operand<TInt32> missing = missingRows(tf, rows(tf, x), chunks);
    Operand<TInt32> before = tf.zeros(tf.constant(new int[] {rank}), TInt32.class);
    Operand<TInt32> after = tf.concat(List.of(tf.reshape(missing, tf.constant(new int[] {1})),
        tf.zeros(tf.constant(new int[] {rank - 1}), TInt32.class)), tf.constant(0));
    Operand<TFloat32> padded = withStaticShape(tf,
        tf.pad(x, tf.stack(List.of(before, after), Stack.axis(1L)), tf.constant(0f)), x.shape().asArray());
    return new ArrayList<>(tf.split(tf.constant(0), padded, (long) chunks).output());
  }

  /** The parts concatenated along axis 0, cut to the first {@code rows} rows (without {@link #split}'s padding). */
  public static Operand<TFloat32> join(Ops tf, List<Operand<TFloat32>> parts, Operand<TInt32> rows) {
    Operand<TFloat32> all = tf.concat(parts, tf.constant(0));
    int[] rest = new int[all.shape().numDimensions() - 1];
    java.util.Arrays.fill(rest, -1);
    // int32 begin and size: the registered Slice gradient fails on int64 ones (Sub of int32 and int64)
    Operand<TInt32> size = tf.concat(List.of(tf.reshape(rows, tf.constant(new int[] {1})), tf.constant(rest)),
        tf.constant(0));
    Operand<TFloat32> joined = tf.slice(all, tf.constant(new int[rest.length + 1]), size);
    return withStaticShape(tf, joined, parts.get(0).shape().asArray());
  }

  /** The zero rows {@link #split} appends to {@code rows} rows: {@code (chunks - rows % chunks) % chunks}. */
  public static Operand<TInt32> missingRows(Ops tf, Operand<TInt32> rows, int chunks) {
    return tf.math.floorMod(tf.math.neg(rows), tf.constant(chunks));
  }

  /** The batch size of {@code x}, its first dimension when the graph runs. */
  public static Operand<TInt32> rows(Ops tf, Operand<?> x) {
    return tf.gather(tf.shape(x), tf.constant(0), tf.constant(0));
  }

  /**
   * {@code x} reshaped (no copy) to {@code shape} with a free batch dimension, when every other dimension is
   * known: Pad and Slice with computed sizes lose the static shape, which later layers read.
   */
  private static Operand<TFloat32> withStaticShape(Ops tf, Operand<TFloat32> x, long[] shape) {
    if (shape.length < 2 || java.util.Arrays.stream(shape, 1, shape.length).anyMatch(d -> d < 0)) {
      return x;
    }
    long[] free = shape.clone();
    free[0] = -1;
    return tf.reshape(x, tf.constant(free));
  }
}
