package io.cnnlab.ops.conv;

/**
 * A 1x1 convolution is a matrix multiplication: in NHWC layout every position's channel vector is a row of
 * an {@code (N*H*W) x inChannels} matrix, and the kernel is an {@code inChannels x outChannels} matrix
 * (d2l §7.4). No copy or patch matrix is needed.
 */
public final class Conv1x1 {
  private Conv1x1() {}

  /**
   * {@code nhwc (positions x in) times inOut (in x out) plus bias}, as a new NHWC array of
   * {@code positions x out}.
   *
   * @param positions N*H*W
   * @param inOut the kernel as an {@code in x out} matrix ({@link ConvWeights#toHwio()} of a 1x1 kernel)
   */
  public static float[] matMulNhwc(float[] nhwc, int positions, float[] inOut, int in, int out, float[] bias) {
    if (nhwc.length != (long) positions * in) {
      throw new IllegalArgumentException(
          positions + " positions of " + in + " channels need " + (long) positions * in + " values, got " + nhwc.length);
    }
    if (inOut.length != (long) in * out || bias.length != out) {
      throw new IllegalArgumentException(
          "a " + in + "x" + out + " kernel and " + out + " biases expected, got " + inOut.length + " and " + bias.length);
    }
    float[] result = new float[Math.multiplyExact(positions, out)];
    for (int p = 0; p < positions; p++) {
      System.arraycopy(bias, 0, result, p * out, out);
    }
    MatMul.multiplyAdd(nhwc, 0, inOut, 0, result, 0, positions, in, out);
    return result;
  }

  /** {@link #matMulNhwc} on an NCHW batch and OIHW 1x1 weights, answering in NCHW (layout changes included). */
  public static Nchw apply(Nchw input, ConvWeights kernel) {
    if (kernel.kernelHeight() != 1 || kernel.kernelWidth() != 1) {
      throw new IllegalArgumentException(
          "a 1x1 convolution needs a 1x1 kernel, got " + kernel.kernelHeight() + "x" + kernel.kernelWidth());
    }
    if (input.channels() != kernel.inChannels()) {
      throw new IllegalArgumentException(
          "input has " + input.channels() + " channels, the kernel expects " + kernel.inChannels());
    }
    int positions = input.batch() * input.height() * input.width();
    float[] y = matMulNhwc(
        input.toNhwc(), positions, kernel.toHwio(), kernel.inChannels(), kernel.outChannels(), kernel.bias());
    return Nchw.fromNhwc(y, input.batch(), input.height(), input.width(), kernel.outChannels());
  }
}
