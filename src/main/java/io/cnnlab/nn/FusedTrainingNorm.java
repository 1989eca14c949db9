package io.cnnlab.nn;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.linalg.MatMul;
import org.tensorflow.op.nn.FusedBatchNorm;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The training-mode half of {@link BatchNorm}: {@code FusedBatchNormV3} with {@code is_training = true},
 * which TensorFlow rewrites to one oneDNN kernel forward and one backward, with the statistics converted to
 * what this project's moving averages track.
 *
 * <p>oneDNN runs JIT kernels for channel counts that are multiples of 4, 8 or 16 (SSE4.1, AVX2, AVX-512;
 * {@code ONEDNN_VERBOSE=1} showed 84, 120 and 16 channels on those); for LeNet's 6 it fell back to a plain
 * loop ({@code nspc_bnorm:any}) about as slow as the primitive ops. Such inputs are padded with zero channels
 * to a multiple of 8 and the result cut back, both as a product of the {@code [N*H*W, C]} rows with a
 * constant 0/1 matrix, which oneDNN's matmul does faster than TensorFlow's {@code Pad} and {@code Slice}
 * kernels with a last dimension of 6 (bench/PERFORMANCE.md compares the alternatives). 1x1 convolutions would
 * do as well, but oneDNN's convolution returned the input's channel count for the empty batch the training path
 * gets in evaluation steps.
 */
final class FusedTrainingNorm {
  private FusedTrainingNorm() {}

  /**
   * Normalized output and per-channel batch statistics.
   *
   * @param y same shape as the input, normalized with the batch statistics, scaled and shifted
   * @param mean the batch mean, {@code [C]}
   * @param variance the biased batch variance (divided by {@code n = N * H * W}), {@code [C]}
   */
  record Result(Operand<TFloat32> y, Operand<TFloat32> mean, Operand<TFloat32> variance) {}

  /**
   * Normalizes {@code x [N, H, W, C]} with its own statistics; gradients flow to {@code x}, {@code gamma} and
   * {@code beta} (the op's registered gradient, checked against finite differences in training mode).
   */
  static Result apply(Ops tf, Operand<TFloat32> x, Operand<TFloat32> gamma, Operand<TFloat32> beta, long channels) {
    int pad = channels % 4 == 0 ? 0 : (int) (8 - channels % 8);
    if (pad == 0) {
      FusedBatchNorm<TFloat32, TFloat32> fused = fused(tf, x, gamma, beta);
      return new Result(fused.y(), fused.batchMean(), biased(tf, fused.batchVariance(), x, channels));
    }
    int wide = (int) channels + pad;
    Operand<TFloat32> embedding = tf.constant(embedding((int) channels, wide));
    // The product runs on [N*H*W, C] rows, the fused op on [N, H, W, C + pad]: on [N*H*W, 1, 1, C + pad]
    // oneDNN's kernels took twice as long.
    Operand<TInt32> shape = tf.shape(x);
    Operand<TInt32> wideShape = tf.concat(List.of(
        tf.slice(shape, tf.constant(new int[] {0}), tf.constant(new int[] {3})), tf.constant(new int[] {wide})),
        tf.constant(0));
    Operand<TFloat32> rows = tf.reshape(x, tf.constant(new long[] {-1, channels}));
    Operand<TFloat32> padded = tf.reshape(tf.linalg.matMul(rows, embedding), wideShape);
    FusedBatchNorm<TFloat32, TFloat32> fused =
        fused(tf, padded, padVector(tf, gamma, pad, 1f), padVector(tf, beta, pad, 0f));
    Operand<TFloat32> cut = tf.linalg.matMul(tf.reshape(fused.y(), tf.constant(new long[] {-1, wide})), embedding,
        MatMul.transposeB(true));
    Operand<TFloat32> y = tf.reshape(cut, shape);
    Operand<TFloat32> mean = firstChannels(tf, fused.batchMean(), channels);
    Operand<TFloat32> variance = firstChannels(tf, fused.batchVariance(), channels);
    return new Result(y, mean, biased(tf, variance, x, channels));
  }

  private static FusedBatchNorm<TFloat32, TFloat32> fused(
      Ops tf, Operand<TFloat32> x, Operand<TFloat32> gamma, Operand<TFloat32> beta) {
    // Training mode ignores the mean and variance inputs (with exponential_avg_factor 1): empty, so the
    // moving averages have no edge into this op at all.
    Operand<TFloat32> empty = tf.constant(new float[0]);
    return tf.nn.fusedBatchNorm(x, gamma, beta, empty, empty, FusedBatchNorm.epsilon(BatchNorm.EPSILON),
        FusedBatchNorm.isTraining(true), FusedBatchNorm.dataFormat("NHWC"));
  }

  /**
   * The biased batch variance from the op's Bessel-corrected one: times {@code (n - 1) / n}, {@code n = N * H *
   * W} from the batch's dynamic shape.
   */
  private static Operand<TFloat32> biased(Ops tf, Operand<TFloat32> corrected, Operand<TFloat32> x, long channels) {
    Operand<TFloat32> n = tf.math.div(tf.dtypes.cast(tf.size(x), TFloat32.class), tf.constant((float) channels));
    return tf.math.mul(corrected, tf.math.div(tf.math.sub(n, tf.constant(1f)), n));
  }

  /** {@code E [channels, wide]}, ones on its diagonal: {@code rows E} adds zero columns, {@code y E^T} drops them. */
  private static float[][] embedding(int channels, int wide) {
    float[][] e = new float[channels][wide];
    for (int c = 0; c < channels; c++) {
      e[c][c] = 1f;
    }
    return e;
  }

  private static Operand<TFloat32> padVector(Ops tf, Operand<TFloat32> v, int pad, float value) {
    return tf.pad(v, tf.constant(new int[][] {{0, pad}}), tf.constant(value));
  }

  /** int32 begin and size: Slice's gradient subtracts them from the int32 shape of its input. */
  private static Operand<TFloat32> firstChannels(Ops tf, Operand<TFloat32> v, long channels) {
    return tf.slice(v, tf.constant(new int[] {0}), tf.constant(new int[] {(int) channels}));
  }
}
