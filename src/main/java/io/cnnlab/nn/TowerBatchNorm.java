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

/**
 * {@link BatchNorm} over a batch that data-parallel towers hold in slices: every slice is normalised with the
 * mean and variance of the <em>whole</em> batch, so the towers compute what one network on the whole batch
 * computes, gradients through the statistics included. Same variables, moving averages and evaluation path
 * as {@link BatchNorm}.
 *
 * <p>Each slice, on its own thread, zeroes its padding rows (row weight 0, so they count nowhere) and takes
 * its channel sums and sums of squares as matrix products on its {@code [rows, C]} values (a ones vector, and
 * the diagonal of the Gram matrix); the sums are added across slices, and the variance is {@code E[x^2] -
 * E[x]^2}. The normalisation, {@code x * scale + shift}, is rows x diag(scale) plus a bias-add: oneDNN's
 * matmul both ways. Autodiff carries the gradient through the statistics, so it is the whole batch's.
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
    Ops tf = scopes.get(0);
    Operand<TFloat32> first = xs.get(0);
    int rank = first.shape().numDimensions();
    if (rank != 4 && rank != 2) {
      throw new IllegalArgumentException(name + ": batch norm takes [N, H, W, C] or [N, C], got " + first.shape());
    }
    long channels = Conv.knownDim(first, rank - 1, name);
    BatchNorm.Parameters p = BatchNorm.Parameters.of(tf, name, channels);
    Variable<TFloat32> gamma = p.gamma();
    Variable<TFloat32> beta = p.beta();
    Variable<TFloat32> movingMean = p.movingMean();
    Variable<TFloat32> movingVariance = p.movingVariance();
    Ops layer = tf.withSubScope(name);

    // (MatrixDiag and MatrixDiagPart have no C++ gradient: an identity mask does their work on C x C.)
    Operand<TFloat32> eye = tf.constant(identity((int) channels));
    // Per slice, its [rows, C] values (rows = n * H * W), padding rows zeroed: sums by matrix products.
    List<Operand<TFloat32>> rowsOf = new ArrayList<>();
    List<Operand<TFloat32>> sums = new ArrayList<>();
    List<Operand<TFloat32>> squares = new ArrayList<>();
    List<Operand<TFloat32>> counts = new ArrayList<>();
    for (int i = 0; i < xs.size(); i++) {
      Ops s = scopes.get(i).withSubScope(name);
      Operand<TFloat32> x = xs.get(i);
      Operand<TFloat32> w = s.reshape(rowWeights.get(i), s.constant(rank == 4 ? new long[] {-1, 1, 1, 1}
          : new long[] {-1, 1}));
      Operand<TFloat32> rows = s.reshape(x, s.constant(new long[] {-1, channels}));
      Operand<TFloat32> real = s.reshape(s.math.mul(x, w), s.constant(new long[] {-1, channels}));
      Operand<TFloat32> ones =
          s.stopGradient(s.onesLike(s.slice(real, s.constant(new int[] {0, 0}), s.constant(new int[] {-1, 1}))));
      rowsOf.add(rows);
      sums.add(s.linalg.matMul(ones, real, MatMul.transposeA(true)));
      // The Gram matrix's diagonal: each channel's sum of squares, one product instead of an element-wise pass
      squares.add(s.sum(s.math.mul(s.linalg.matMul(real, real, MatMul.transposeA(true)), eye), s.constant(0)));
      counts.add(s.sum(w, s.constant(new int[] {0, 1}), org.tensorflow.op.core.Sum.keepDims(false)));
    }
    Operand<TFloat32> perRow = layer.constant((float) (rank == 4 ? positions(first) : 1));
    Operand<TFloat32> count = layer.math.mul(layer.math.addN(counts), perRow);
    Operand<TFloat32> mean = layer.reshape(layer.math.div(layer.math.addN(sums), count), layer.constant(new long[] {-1}));
    Operand<TFloat32> meanSquare = layer.reshape(layer.math.div(layer.math.addN(squares), count),
        layer.constant(new long[] {-1}));
    Operand<TFloat32> variance = layer.math.maximum(layer.math.sub(meanSquare, layer.math.square(mean)),
        layer.constant(0f));

    Operand<TFloat32> usedMean = layer.select(training, mean, layer.stopGradient(movingMean));
    Operand<TFloat32> usedVariance = layer.select(training, variance, layer.stopGradient(movingVariance));
    Operand<TFloat32> scale =
        layer.math.mul(gamma, layer.math.rsqrt(layer.math.add(usedVariance, layer.constant(BatchNorm.EPSILON))));
    Operand<TFloat32> shift = layer.math.sub(beta, layer.math.mul(usedMean, scale));
    // x * scale + shift as rows times diag(scale), plus shift: oneDNN's matmul and bias-add, both ways
    Operand<TFloat32> diagonal = layer.math.mul(eye, layer.reshape(scale, layer.constant(new long[] {1, -1})));
    List<Operand<TFloat32>> outputs = new ArrayList<>();
    for (int i = 0; i < xs.size(); i++) {
      Ops s = scopes.get(i).withSubScope(name);
      Operand<TFloat32> y = s.nn.biasAdd(s.linalg.matMul(rowsOf.get(i), diagonal), shift);
      outputs.add(s.reshape(y, s.shape(xs.get(i))));
    }
    List<Op> updates = List.of(
        layer.withName("update_moving_mean").assign(movingMean, BatchNorm.average(layer, movingMean, mean)),
        layer.withName("update_moving_variance")
            .assign(movingVariance, BatchNorm.average(layer, movingVariance, variance)));
    return new Output(outputs, updates);
  }

  private static float[][] identity(int n) {
    float[][] m = new float[n][n];
    for (int i = 0; i < n; i++) {
      m[i][i] = 1f;
    }
    return m;
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
