package io.cnnlab.nn;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * A stride-1 convolution over many channels as im2col + one matrix product, in NHWC: the padded input's pixels
 * are rows {@code [N * positions, C]}, one {@code GatherV2} picks every output pixel's {@code k x k} of them into
 * {@code [N*H'*W', k*k*C]}, and the product with the kernel {@code [k*k*C, Cout]} is the convolution. Its
 * gradients are TensorFlow's own: two products and the gather's {@code UnsortedSegmentSum}.
 *
 * <p>Why: for AlexNet's convolutions over many channels, oneDNN's convolution kernels (TensorFlow 2.18), NCHW or
 * NHWC, stayed well below the matrix product's speed, which this form reaches (bench/PERFORMANCE.md). It needs no
 * oneDNN convolution kernel, so also none of the NHWC backward-data kernel's wrong channel counts
 * ({@link ChannelsFirst#nhwcGradientSuspect}). Its cost is memory: the im2col matrices live until the backward
 * pass.
 */
public final class GatheredConv {
  private GatheredConv() {}

  /**
   * {@code conv(pad(x)) + bias} for {@code x [N, H, W, C]}, kernel {@code [k, k, C, Cout]}, stride 1 and
   * {@code padding} zeros on every side.
   */
  public static Operand<TFloat32> convolve(Ops tf, Operand<TFloat32> x, Operand<TFloat32> kernel,
      Operand<TFloat32> bias, int k, int padding) {
    long h = Conv.knownDim(x, 1, "gathered convolution") + 2L * padding;
    long w = Conv.knownDim(x, 2, "gathered convolution") + 2L * padding;
    long c = Conv.knownDim(x, 3, "gathered convolution");
    long out = kernel.shape().size(3);
    long outH = h - k + 1;
    long outW = w - k + 1;
    if (outH < 1 || outW < 1) {
      throw new IllegalArgumentException(String.format(
          "gathered convolution: %dx%d kernel larger than the padded %dx%d input", k, k, h, w));
    }
    Operand<TFloat32> padded = BlockedConvStage.pad(tf, x, padding);
    int[] window = ImageRows.windows(outH, outW, k, w);
    Operand<TFloat32> columns = tf.reshape(ImageRows.gather(tf, padded, h * w, c, window),
        tf.constant(new long[] {-1, (long) k * k * c}));
    Operand<TFloat32> product = tf.linalg.matMul(columns, tf.reshape(kernel, tf.constant(new long[] {(long) k * k * c,
        out})));
    return tf.reshape(tf.nn.biasAdd(product, bias), tf.constant(new long[] {-1, outH, outW, out}));
  }
}
