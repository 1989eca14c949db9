package io.cnnlab.training;

import io.cnnlab.nn.BatchChunks;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Data-parallel towers inside one training step: the batch is cut into slices, the model is lowered once per
 * slice on shared variables ({@code io.cnnlab.graph.Lowering}), and TensorFlow's inter-op pool runs the slices'
 * forward and backward passes side by side, each with its own intra-op threads. The logits are concatenated back
 * in batch order, so loss, gradients and updates are those of the whole batch (up to the order of float
 * additions): batch norm takes the statistics of all slices together ({@code io.cnnlab.nn.TowerBatchNorm}),
 * dropout draws the whole batch's mask and gives each slice its rows ({@code io.cnnlab.nn.Dropout}).
 *
 * <p>Why: LeNet's layers are too small for oneDNN to split one convolution well over two threads; two
 * half-batches on one thread each keep both cores busy (bench/PERFORMANCE.md). How many towers a run gets is its
 * execution's ({@code io.cnnlab.graph.Execution#towers}).
 */
final class Towers {
  private Towers() {}

  /**
   * Per slice of {@link BatchChunks#split}, {@code [rows]}: 1 for a row of {@code x}, 0 for a padding row, so
   * that batch statistics over the slices ({@code io.cnnlab.nn.TowerBatchNorm}) count the batch's rows only.
   */
  static List<Operand<TFloat32>> rowWeights(Ops tf, Operand<TFloat32> x, int towers) {
    Operand<TInt32> n = BatchChunks.rows(tf, x);
    Operand<TInt32> padded = tf.math.add(n, BatchChunks.missingRows(tf, n, towers));
    Operand<TInt32> row = tf.range(tf.constant(0), padded, tf.constant(1));
    Operand<TFloat32> weights = tf.dtypes.cast(tf.math.less(row, n), TFloat32.class);
    return new ArrayList<>(tf.split(tf.constant(0), weights, (long) towers).output());
  }
}
