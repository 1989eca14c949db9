package io.cnnlab.training;

import io.cnnlab.models.Model;
import io.cnnlab.nn.BatchChunks;
import io.cnnlab.tf.Devices;
import io.cnnlab.tf.Sessions;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Data-parallel towers inside one training step: the batch is cut into slices, the model is built once per
 * slice on shared variables, and TensorFlow's inter-op pool runs the slices' forward and backward passes side
 * by side, each with its own intra-op thread. The logits are concatenated back in batch order, so loss,
 * gradients and updates are those of the whole batch (up to the order of float additions).
 *
 * <p>Why: LeNet's layers are too small for oneDNN to split one convolution well over two threads; two
 * half-batches on one thread each keep both cores busy. Textbook LeNet, batch 256, 2 vCPUs: 22.8k img/s as
 * one tower with 2 intra-op threads, 27.1k as two towers with one thread each ({@code bench/PERFORMANCE.md}).
 * Only for {@link Model#splittable() splittable} models: batch norm takes the statistics of all slices
 * together ({@code io.cnnlab.nn.TowerBatchNorm}), dropout draws the whole batch's mask and gives each slice
 * its rows ({@code io.cnnlab.nn.Dropout}). Not automatic for models that {@link Model#drawsMasks() draw masks}.
 */
public final class Towers {
  /** Smallest slice worth a tower of its own in automatic mode. */
  static final int MIN_SLICE = 32;

  private Towers() {}

  /** The towers {@code model} is trained with under {@code config}: see {@link #resolve(Model, int, int, int)}. */
  public static int resolve(Model model, TrainConfig config) {
    return resolve(model, config.towers(), config.effectiveThreads(), config.batchSize());
  }

  /**
   * Towers for a run: {@code requested} when it is >= 1, else automatic: one tower per thread when the
   * model is splittable and draws no masks, the CPU build runs it and every slice keeps at least
   * {@value #MIN_SLICE} images of a {@code batchSize} batch; otherwise 1.
   *
   * @throws IllegalArgumentException if more than one tower is requested for a model that is not splittable
   */
  public static int resolve(Model model, int requested, int threads, int batchSize) {
    if (requested >= 1) {
      if (requested > 1 && !model.splittable()) {
        throw new IllegalArgumentException("towers " + requested + ": " + model.name() + " cannot be split "
            + "into towers without changing what it computes; expected towers 1 or 0 (automatic)");
      }
      return requested;
    }
    if (requested < 0) {
      throw new IllegalArgumentException("towers must be >= 1, or 0 to choose automatically, got " + requested);
    }
    if (!model.splittable() || model.drawsMasks() || threads < 2 || Devices.gpuBuildOnClassPath()) {
      return 1;
    }
    return Math.max(1, Math.min(threads, batchSize / MIN_SLICE));
  }

  /**
   * Session configuration for {@code threads} threads shared by {@code towers} towers: the towers run side
   * by side on the inter-op pool ({@code min(towers, threads)} threads), each op on {@code threads / towers}
   * intra-op threads (at least 1). One tower is {@link Sessions#config(int)}.
   */
  public static ConfigProto sessionConfig(int threads, int towers) {
    if (towers < 1) {
      throw new IllegalArgumentException("towers must be >= 1, got " + towers);
    }
    ConfigProto single = Sessions.config(Math.max(1, threads / towers));
    return towers == 1 ? single
        : single.toBuilder().setInterOpParallelismThreads(Math.min(towers, threads)).build();
  }

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
