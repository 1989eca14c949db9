package io.cnnlab.nn;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Batch normalization (Ioffe and Szegedy 2015) for convolution outputs {@code [N, H, W, C]} (statistics per
 * channel over N, H, W) and dense outputs {@code [N, C]} (per feature over N), built from primitive ops.
 *
 * <p>Training steps normalize with the batch mean and (biased) variance; evaluation uses moving averages,
 * chosen by the fed {@code training} flag. The averages follow d2l 2.0 §7.5: {@code moving = momentum *
 * moving + (1 - momentum) * batch}, momentum 0.9, epsilon 1e-5.
 *
 * <p>The moving averages enter the forward pass only through {@code StopGradient}. That keeps them off the
 * gradient path, so {@code Graph.addGradients} returns no gradient for them and the tensorflow-framework
 * optimizers (which try every {@code VariableV2} in the graph but skip variables without a gradient) never
 * write to them: only the update ops returned here do. Without it the optimizer adds an apply op with a zero
 * gradient that races with the update in the same step.
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
   * Adds {@code name_gamma} (ones), {@code name_beta} (zeros), {@code name_moving_mean} (zeros) and
   * {@code name_moving_variance} (ones) and returns {@code gamma (x - mean) / sqrt(var + eps) + beta}, its
   * ops in name scope {@code name}.
   *
   * @param x {@code [N, H, W, C]} or {@code [N, C]} with a known {@code C}
   * @param training scalar: true selects batch statistics, false the moving averages
   */
  public static Output apply(Ops tf, String name, Operand<TFloat32> x, Operand<TBool> training) {
    int rank = x.shape().numDimensions();
    int[] axes = switch (rank) {
      case 4 -> new int[] {0, 1, 2};
      case 2 -> new int[] {0};
      default -> throw new IllegalArgumentException(
          name + ": batch norm takes [N, H, W, C] or [N, C], got " + x.shape());
    };
    long channels = Conv.knownDim(x, rank - 1, name);
    Ops layer = tf.withSubScope(name);
    Shape vector = Shape.of(channels);
    Variable<TFloat32> gamma = Initializers.variable(tf, name, GAMMA, Initializers.filled(tf, vector, 1f));
    Variable<TFloat32> beta = Initializers.variable(tf, name, BETA, Initializers.filled(tf, vector, 0f));
    Variable<TFloat32> movingMean = Initializers.variable(tf, name, MOVING_MEAN, Initializers.filled(tf, vector, 0f));
    Variable<TFloat32> movingVariance =
        Initializers.variable(tf, name, MOVING_VARIANCE, Initializers.filled(tf, vector, 1f));

    Operand<TInt32> reduce = layer.constant(axes);
    Operand<TFloat32> batchMean = layer.math.mean(x, reduce);
    Operand<TFloat32> batchVariance = layer.math.mean(layer.math.square(layer.math.sub(x, batchMean)), reduce);
    Operand<TFloat32> mean = layer.select(training, batchMean, layer.stopGradient(movingMean));
    Operand<TFloat32> variance = layer.select(training, batchVariance, layer.stopGradient(movingVariance));

    Operand<TFloat32> scale =
        layer.math.mul(gamma, layer.math.rsqrt(layer.math.add(variance, layer.constant(EPSILON))));
    Operand<TFloat32> output = layer.math.add(layer.math.mul(layer.math.sub(x, mean), scale), beta);

    List<Op> updates = List.of(
        layer.withName("update_moving_mean").assign(movingMean, average(layer, movingMean, batchMean)),
        layer.withName("update_moving_variance").assign(movingVariance, average(layer, movingVariance, batchVariance)));
    return new Output(output, updates, movingMean, movingVariance);
  }

  /** True if {@code variableName} (e.g. {@code bn1_moving_mean}) is batch-norm state rather than a parameter. */
  public static boolean isMovingAverage(String variableName) {
    return variableName.endsWith("_" + MOVING_MEAN) || variableName.endsWith("_" + MOVING_VARIANCE);
  }

  private static Operand<TFloat32> average(Ops tf, Operand<TFloat32> moving, Operand<TFloat32> batch) {
    return tf.math.add(tf.math.mul(moving, tf.constant(MOMENTUM)), tf.math.mul(batch, tf.constant(1f - MOMENTUM)));
  }
}
