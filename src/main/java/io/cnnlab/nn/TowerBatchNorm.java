package io.cnnlab.nn;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.linalg.MatMul;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * {@link BatchNorm} over a batch that data-parallel towers hold in slices: every slice is normalised with the
 * mean and variance of the <em>whole</em> batch, so the towers compute what one network on the whole batch
 * computes, gradients through the statistics included. Same variables, moving averages and evaluation path
 * as {@link BatchNorm}.
 *
 * <p>Each slice works on its values as rows {@code [rows, G * C]}: G groups of C columns that hold the same C
 * channels ({@code G = 1} for {@code [n, H, W, C]} and {@code [n, C]}; {@code G = 4} or 16 for the 2x2 or 4x4
 * blocks of {@link BlockedConvStage}, whose rows are that much wider than a channel count like LeNet's 6,
 * which oneDNN's matmul handles poorly). On its own thread a slice takes its column sums and sums of squares
 * as products of its row weights (1 for a row of the batch, 0 for padding, so padding counts nowhere) with
 * the rows and their squares; the sums are added across slices, folded over the groups, and the variance is
 * {@code E[x^2] - E[x]^2}. The normalisation, {@code x * scale + shift}, is a broadcast product and a
 * bias-add. Autodiff carries the gradient through the statistics, so it is the whole batch's.
 * {@code FusedBatchNormV3} in training mode cannot serve: it takes its statistics from its own slice, and its
 * gradient ignores its mean and variance outputs (bench/PERFORMANCE.md has the designs measured).
 */
public final class TowerBatchNorm {
  private TowerBatchNorm() {}

  /**
   * Normalised slices and the moving-average updates.
   *
   * @param outputs one per slice, shaped as its input
   * @param updates two assignments (moving mean, moving variance) from the whole batch's statistics
   */
  public record Output(List<Operand<TFloat32>> outputs, List<Op> updates) {}

  /**
   * @param scopes per slice, where its ops go (slice 0's also takes the variables and the shared statistics)
   * @param xs the slices, {@code [n, H, W, C]} or {@code [n, C]}
   * @param rowWeights per slice {@code [n]}: 1 for a row of the batch, 0 for padding
   * @param training scalar: true selects the batch statistics, false the moving averages
   */
  public static Output apply(List<Ops> scopes, String name, List<Operand<TFloat32>> xs,
      List<Operand<TFloat32>> rowWeights, Operand<TBool> training) {
    Operand<TFloat32> first = xs.get(0);
    int rank = first.shape().numDimensions();
    if (rank != 4 && rank != 2) {
      throw new IllegalArgumentException(name + ": batch norm takes [N, H, W, C] or [N, C], got " + first.shape());
    }
    long channels = Conv.knownDim(first, rank - 1, name);
    List<Operand<TFloat32>> rows = new ArrayList<>();
    for (int i = 0; i < xs.size(); i++) {
      Ops s = scopes.get(i).withSubScope(name);
      rows.add(s.reshape(xs.get(i), s.constant(new long[] {-1, channels})));
    }
    Output out = applyToRows(scopes, name, rows, 1, rank == 4 ? positions(first) : 1, rowWeights, training);
    List<Operand<TFloat32>> shaped = new ArrayList<>();
    for (int i = 0; i < xs.size(); i++) {
      Ops s = scopes.get(i).withSubScope(name);
      shaped.add(s.reshape(out.outputs().get(i), s.shape(xs.get(i))));
    }
    return new Output(shaped, out.updates());
  }

  /**
   * Batch norm of slices given as rows {@code [n * rowsPerImage, groups * C]}, each group of C columns the
   * same C channels: the statistics of a channel are over every row and group of every slice.
   *
   * @param rowsPerImage rows that one image of a slice has ({@code rowWeights} has one weight per image)
   * @param rowWeights per slice {@code [n]}: 1 for an image of the batch, 0 for padding; null when every
   *     row counts
   * @return the normalised rows, shaped as the input rows
   */
  public static Output applyToRows(List<Ops> scopes, String name, List<Operand<TFloat32>> rows, int groups,
      long rowsPerImage, List<Operand<TFloat32>> rowWeights, Operand<TBool> training) {
    Ops tf = scopes.get(0);
    Operand<TFloat32> first = rows.get(0);
    if (first.shape().numDimensions() != 2 || groups < 1 || Conv.knownDim(first, 1, name) % groups != 0) {
      throw new IllegalArgumentException(name + ": batch norm rows must be [rows, " + groups + " * channels], got "
          + first.shape());
    }
    long width = first.shape().size(1);
    long channels = width / groups;
    BatchNorm.Parameters p = BatchNorm.Parameters.of(tf, name, channels);
    Variable<TFloat32> gamma = p.gamma();
    Variable<TFloat32> beta = p.beta();
    Variable<TFloat32> movingMean = p.movingMean();
    Variable<TFloat32> movingVariance = p.movingVariance();
    Ops layer = tf.withSubScope(name);

    List<Operand<TFloat32>> sums = new ArrayList<>();
    List<Operand<TFloat32>> squares = new ArrayList<>();
    List<Operand<TFloat32>> counts = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      Ops s = scopes.get(i).withSubScope(name);
      Operand<TFloat32> r = rows.get(i);
      // [rows, 1]: each row's image weight. Products with it give the weighted column sums without a
      // full-size masking pass.
      Operand<TFloat32> w = rowWeights == null ? ones(s, r) : perRow(s, rowWeights.get(i), rowsPerImage);
      sums.add(s.linalg.matMul(w, r, MatMul.transposeA(true)));
      squares.add(s.linalg.matMul(w, s.math.square(r), MatMul.transposeA(true)));
      counts.add(s.sum(w, s.constant(new int[] {0, 1})));
    }
    // Values per channel: every counted row holds `groups` of them
    Operand<TFloat32> count = layer.math.mul(sum(layer, counts), layer.constant((float) groups));
    Operand<TFloat32> mean = layer.math.div(fold(layer, sum(layer, sums), groups, channels), count);
    Operand<TFloat32> meanSquare = layer.math.div(fold(layer, sum(layer, squares), groups, channels), count);
    Operand<TFloat32> variance = layer.math.maximum(layer.math.sub(meanSquare, layer.math.square(mean)),
        layer.constant(0f));

    Operand<TFloat32> usedMean = layer.select(training, mean, layer.stopGradient(movingMean));
    Operand<TFloat32> usedVariance = layer.select(training, variance, layer.stopGradient(movingVariance));
    Operand<TFloat32> scale =
        layer.math.mul(gamma, layer.math.rsqrt(layer.math.add(usedVariance, layer.constant(BatchNorm.EPSILON))));
    Operand<TFloat32> shift = layer.math.sub(beta, layer.math.mul(usedMean, scale));
    // x * scale + shift: a broadcast product and a bias-add (whose gradient is one column reduction)
    Operand<TFloat32> scales = tile(layer, scale, groups);
    Operand<TFloat32> shifts = tile(layer, shift, groups);
    List<Operand<TFloat32>> outputs = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      Ops s = scopes.get(i).withSubScope(name);
      outputs.add(s.nn.biasAdd(s.math.mul(rows.get(i), scales), shifts));
    }
    List<Op> updates = List.of(
        layer.withName("update_moving_mean").assign(movingMean, BatchNorm.average(layer, movingMean, mean)),
        layer.withName("update_moving_variance")
            .assign(movingVariance, BatchNorm.average(layer, movingVariance, variance)));
    return new Output(outputs, updates);
  }

  private static Operand<TFloat32> sum(Ops tf, List<Operand<TFloat32>> parts) {
    return parts.size() == 1 ? parts.get(0) : tf.math.addN(parts);
  }

  /** {@code [1, groups * C]} column sums as {@code [C]} channel sums. */
  private static Operand<TFloat32> fold(Ops tf, Operand<TFloat32> columns, int groups, long channels) {
    Operand<TFloat32> perChannel = groups == 1 ? columns
        : tf.sum(tf.reshape(columns, tf.constant(new long[] {groups, channels})), tf.constant(0));
    return tf.reshape(perChannel, tf.constant(new long[] {channels}));
  }

  /** {@code [C]} repeated for each of the groups: {@code [groups * C]}. */
  private static Operand<TFloat32> tile(Ops tf, Operand<TFloat32> v, int groups) {
    return groups == 1 ? v : tf.tile(v, tf.constant(new int[] {groups}));
  }

  /** {@code [rows, 1]} ones, as many as {@code r} has rows. */
  private static Operand<TFloat32> ones(Ops tf, Operand<TFloat32> r) {
    Operand<TInt32> count = tf.slice(tf.shape(r), tf.constant(new int[] {0}), tf.constant(new int[] {1}));
    return tf.fill(tf.concat(List.of(count, tf.constant(new int[] {1})), tf.constant(0)), tf.constant(1f));
  }

  /** {@code [n * rowsPerImage, 1]}: each image's weight repeated for its rows (image-major, as the rows are). */
  private static Operand<TFloat32> perRow(Ops tf, Operand<TFloat32> imageWeights, long rowsPerImage) {
    Operand<TFloat32> column = tf.reshape(imageWeights, tf.constant(new long[] {-1, 1}));
    if (rowsPerImage == 1) {
      return column;
    }
    Operand<TFloat32> repeated = tf.tile(column, tf.constant(new int[] {1, (int) rowsPerImage}));
    return tf.reshape(repeated, tf.constant(new long[] {-1, 1}));
  }

  /** H * W of a {@code [n, H, W, C]} output: known when the model is built. */
  private static long positions(Operand<TFloat32> x) {
    long h = x.shape().size(1);
    long w = x.shape().size(2);
    if (h < 0 || w < 0) {
      throw new IllegalArgumentException("batch norm in towers needs a known height and width, got " + x.shape());
    }
    return h * w;
  }
}
