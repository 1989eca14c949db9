package io.cnnlab.nn;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Rows picked from every image of a batch by one {@code GatherV2}: the im2col of {@link BlockedConvStage} and
 * {@link GatheredConv}.
 */
final class ImageRows {
  private ImageRows() {}

  /**
   * {@code images [N, ...]} as rows {@code [N * positions, depth]}, and from each image the rows {@code index}
   * (within the image), in that order: {@code [N * index.length, depth]}. The gather runs along axis 0 with each
   * image's offset added: its gradient is then one {@code UnsortedSegmentSum}, where a gather along axis 1 has
   * two full-size transposes around it. The batch size is read from
   * the tensor, since graphs do not fix it.
   */
  static Operand<TFloat32> gather(Ops tf, Operand<TFloat32> images, long positions, long depth, int[] index) {
    Operand<TInt32> count = tf.reshape(tf.slice(tf.shape(images), tf.constant(new int[] {0}),
        tf.constant(new int[] {1})), tf.constant(new int[0]));
    Operand<TInt32> offsets = tf.math.mul(tf.range(tf.constant(0), count, tf.constant(1)),
        tf.constant((int) positions));
    Operand<TInt32> rowIndex = tf.reshape(tf.math.add(tf.reshape(offsets, tf.constant(new int[] {-1, 1})),
        tf.constant(new int[][] {index})), tf.constant(new int[] {-1}));
    Operand<TFloat32> rows = tf.reshape(images, tf.constant(new long[] {-1, depth}));
    return tf.withSubScope("im2col").gather(rows, rowIndex, tf.constant(0));
  }

  /**
   * The rows of one image, {@code width} per image row, that each of {@code outH x outW} outputs reads: its
   * {@code size x size} window starting at its own row and column, row-major, {@code (i + a) * width + j + b}.
   */
  static int[] windows(long outH, long outW, int size, long width) {
    int[] index = new int[(int) (outH * outW * size * size)];
    int next = 0;
    for (long i = 0; i < outH; i++) {
      for (long j = 0; j < outW; j++) {
        for (int a = 0; a < size; a++) {
          for (int b = 0; b < size; b++) {
            index[next++] = (int) ((i + a) * width + j + b);
          }
        }
      }
    }
    return index;
  }
}
