package io.cnnlab.nn;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.SplitV;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Batch normalization (Ioffe and Szegedy 2015) for convolution outputs {@code [N, H, W, C]} (statistics per
 * channel over N, H, W) and dense outputs {@code [N, C]} (per feature over N, computed as {@code [N, 1, 1, C]}).
 *
 * <p>Training steps normalize with the batch mean and (biased) variance; evaluation uses moving averages,
 * chosen by the fed {@code training} flag. The averages follow d2l 2.0 §7.5: {@code moving = momentum *
 * moving + (1 - momentum) * batch}, momentum 0.9, epsilon 1e-5.
 *
 * <p>Batch statistics come from {@code FusedBatchNormV3} in training mode ({@link FusedTrainingNorm}), which
 * oneDNN runs as one kernel forward and one backward (the primitive-op version spent most of the ReLU/max/BN
 * LeNet step in broadcasting element-wise ops and reductions; bench/PERFORMANCE.md). Its mode is a static
 * attribute, so the fed flag routes the batch instead: a {@code SplitV} along N sends all rows to the
 * training path when the flag is true and all rows to the evaluation path (a per-channel {@code x * scale +
 * shift} from the moving averages) when it is false, and a {@code Concat} joins the two results, one of them
 * empty. Splitting along N shares the input's buffer (when a row is a multiple of 64 bytes, as in the conv
 * layers), the empty path costs nothing, and x's gradient comes back through one concat rather than a sum of
 * two full-size gradients; the price is one full-size copy forward and one backward.
 *
 * <p>The moving averages enter the forward pass only through {@code StopGradient} (the fused op gets empty
 * mean and variance inputs, which training mode ignores). That keeps them off the gradient path, so {@code
 * Graph.addGradients} returns no gradient for them and the tensorflow-framework optimizers (which try every
 * {@code VariableV2} in the graph but skip variables without a gradient) never write to them: only the
 * update ops returned here do. Without it the optimizer adds an apply op with a zero gradient that races
 * with the update in the same step.
 */
public final class BatchNorm {
  /** Weight of the old value in the moving averages. */
  public static final float MOMENTUM = 0.9f;
  /** Added to the variance before the square root. */
  public static final float EPSILON = 1e-5f;
  /** Kinds of the batch-norm variables ({@code bn1_gamma}...). */
  public static final String GAMMA = "gamma";
  public static final String BETA = "beta";
  public static final String MOVING_MEAN = "moving_mean";
  public static final String MOVING_VARIANCE = "moving_variance";

  private BatchNorm() {}

  /**
   * Normalized output and the moving-average updates to run with every training step.
   *
   * @param output same shape as the input
   * @param updates two assignments (moving mean, moving variance) from the current batch's statistics
   * @param movingMean the moving mean variable ({@code name_moving_mean})
   * @param movingVariance the moving variance variable ({@code name_moving_variance})
   */
  public record Output(Operand<TFloat32> output, List<Op> updates, Variable<TFloat32> movingMean,
      Variable<TFloat32> movingVariance) {}

  /**
   * A batch-norm layer's variables, made (or found, for towers: {@link Initializers#variable}) at the root of
   * {@code tf}: {@code name_gamma} (ones), {@code name_beta} (zeros), {@code name_moving_mean} (zeros) and
   * {@code name_moving_variance} (ones), each of {@code [channels]}.
   */
  record Parameters(Variable<TFloat32> gamma, Variable<TFloat32> beta, Variable<TFloat32> movingMean,
      Variable<TFloat32> movingVariance) {
    static Parameters of(Ops tf, String name, long channels) {
      Shape vector = Shape.of(channels);
      return new Parameters(
          Initializers.variable(tf, name, GAMMA, Initializers.filled(tf, vector, 1f)),
          Initializers.variable(tf, name, BETA, Initializers.filled(tf, vector, 0f)),
          Initializers.variable(tf, name, MOVING_MEAN, Initializers.filled(tf, vector, 0f)),
          Initializers.variable(tf, name, MOVING_VARIANCE, Initializers.filled(tf, vector, 1f)));
    }
  }

  /**
   * Adds {@code name_gamma} (ones), {@code name_beta} (zeros), {@code name_moving_mean} (zeros) and
   * {@code name_moving_variance} (ones) and returns {@code gamma (x - mean) / sqrt(var + eps) + beta}, its
   * ops in name scope {@code name}.
   *
   * @param x {@code [N, H, W, C]} or {@code [N, C]} with a known {@code C}
   * @param training scalar: true selects batch statistics, false the moving averages
   */
  public static Output apply(Ops tf, String name, Operand<TFloat32> x, Operand<TBool> training) {
    int rank = x.shape().numDimensions();
    if (rank != 4 && rank != 2) {
      throw new IllegalArgumentException(name + ": batch norm takes [N, H, W, C] or [N, C], got " + x.shape());
    }
    long channels = Conv.knownDim(x, rank - 1, name);
    Ops layer = tf.withSubScope(name);
    Parameters p = Parameters.of(tf, name, channels);
    Variable<TFloat32> gamma = p.gamma();
    Variable<TFloat32> beta = p.beta();
    Variable<TFloat32> movingMean = p.movingMean();
    Variable<TFloat32> movingVariance = p.movingVariance();
    Operand<TFloat32> images = rank == 4 ? x : layer.reshape(x, layer.constant(new long[] {-1, 1, 1, channels}));
    SplitV<TFloat32> paths = routeRows(layer, images, training);
    Operand<TFloat32> trainRows = paths.output().get(0);
    Operand<TFloat32> evalRows = paths.output().get(1);

    FusedTrainingNorm.Result batch = FusedTrainingNorm.apply(layer, trainRows, gamma, beta, channels);
    Operand<TFloat32> evaluated = inference(layer, evalRows, gamma, beta, movingMean, movingVariance);
    Operand<TFloat32> joined = layer.concat(List.of(batch.y(), evaluated), layer.constant(0));
    Operand<TFloat32> output = rank == 4 ? joined : layer.reshape(joined, layer.constant(new long[] {-1, channels}));

    List<Op> updates = List.of(
        layer.withName("update_moving_mean").assign(movingMean, average(layer, movingMean, batch.mean())),
        layer.withName("update_moving_variance")
            .assign(movingVariance, average(layer, movingVariance, batch.variance())));
    return new Output(output, updates, movingMean, movingVariance);
  }

  /** True if {@code variableName} (e.g. {@code bn1_moving_mean}) is batch-norm state rather than a parameter. */
  public static boolean isMovingAverage(String variableName) {
    return variableName.endsWith("_" + MOVING_MEAN) || variableName.endsWith("_" + MOVING_VARIANCE);
  }

  /** Splits {@code x} along N into (training rows, evaluation rows): all rows go to one side, none to the other. */
  private static SplitV<TFloat32> routeRows(Ops tf, Operand<TFloat32> x, Operand<TBool> training) {
    Operand<TInt32> rows = tf.slice(tf.shape(x), tf.constant(new int[] {0}), tf.constant(new int[] {1}));
    Operand<TInt32> none = tf.constant(new int[] {0});
    Operand<TInt32> sizes = tf.concat(
        List.of(tf.select(training, rows, none), tf.select(training, none, rows)), tf.constant(0));
    return tf.splitV(x, sizes, tf.constant(0), 2L);
  }

  /**
   * {@code x * scale + shift} with {@code scale = gamma / sqrt(moving variance + eps)} and {@code shift = beta -
   * moving mean * scale}: what the fused op computes in inference mode, with gradients for x, gamma and beta.
   */
  private static Operand<TFloat32> inference(Ops tf, Operand<TFloat32> x, Operand<TFloat32> gamma,
      Operand<TFloat32> beta, Operand<TFloat32> movingMean, Operand<TFloat32> movingVariance) {
    Operand<TFloat32> scale = tf.math.mul(gamma,
        tf.math.rsqrt(tf.math.add(tf.stopGradient(movingVariance), tf.constant(EPSILON))));
    Operand<TFloat32> shift = tf.math.sub(beta, tf.math.mul(tf.stopGradient(movingMean), scale));
    return tf.math.add(tf.math.mul(x, scale), shift);
  }

  /** {@code momentum * moving + (1 - momentum) * batch}. */
  static Operand<TFloat32> average(Ops tf, Operand<TFloat32> moving, Operand<TFloat32> batch) {
    return tf.math.add(tf.math.mul(moving, tf.constant(MOMENTUM)), tf.math.mul(batch, tf.constant(1f - MOMENTUM)));
  }
}
