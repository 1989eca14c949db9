package io.cnnlab.ops.conv;

import io.cnnlab.ops.shape.Padding;
import io.cnnlab.ops.shape.Window;
import java.util.Random;

/**
 * Convolution kernels in OIHW layout ({@code [outChannels, inChannels, kernelHeight, kernelWidth]}, as in
 * d2l and PyTorch) and one bias per output channel. Arrays are shared, not copied.
 */
public record ConvWeights(
    int outChannels, int inChannels, int kernelHeight, int kernelWidth, float[] weights, float[] bias) {

  /** A {@code null} bias means zeros. */
  public ConvWeights {
    if (outChannels < 1 || inChannels < 1 || kernelHeight < 1 || kernelWidth < 1) {
      throw new IllegalArgumentException(
          "kernel dimensions must be >= 1, got " + outChannels + "x" + inChannels + "x" + kernelHeight + "x"
              + kernelWidth);
    }
    long size = (long) outChannels * inChannels * kernelHeight * kernelWidth;
    if (weights == null || weights.length != size) {
      throw new IllegalArgumentException(
          "kernel " + outChannels + "x" + inChannels + "x" + kernelHeight + "x" + kernelWidth + " needs " + size
              + " weights, got " + (weights == null ? "none" : weights.length));
    }
    if (bias == null) {
      bias = new float[outChannels];
    } else if (bias.length != outChannels) {
      throw new IllegalArgumentException("bias needs " + outChannels + " values (one per output channel), got " + bias.length);
    }
  }

  /** Uniform weights and biases in [-1, 1) from {@code random}. */
  public static ConvWeights random(Random random, int outChannels, int inChannels, int kernelHeight, int kernelWidth) {
    float[] w = new float[outChannels * inChannels * kernelHeight * kernelWidth];
    float[] b = new float[outChannels];
    Randoms.fill(random, w);
    Randoms.fill(random, b);
    return new ConvWeights(outChannels, inChannels, kernelHeight, kernelWidth, w, b);
  }

  /** Flat index of weight (o, i, kh, kw). */
  public int index(int o, int i, int kh, int kw) {
    return ((o * inChannels + i) * kernelHeight + kh) * kernelWidth + kw;
  }

  /** A window of this kernel's size with one stride for both axes and no dilation. */
  public Window window(int stride, Padding padding) {
    return new Window(kernelHeight, kernelWidth, stride, stride, 1, 1, padding);
  }

  /** The weights in HWIO layout (a copy), TensorFlow's filter layout; for a 1x1 kernel, a {@code [in, out]} matrix. */
  public float[] toHwio() {
    return Layouts.oihwToHwio(weights, outChannels, inChannels, kernelHeight, kernelWidth);
  }

  /** Throws unless {@code window} has this kernel's size and {@code input} has this kernel's input channels. */
  void check(Nchw input, Window window) {
    if (window.kernelHeight() != kernelHeight || window.kernelWidth() != kernelWidth) {
      throw new IllegalArgumentException(
          "window kernel " + window.kernelHeight() + "x" + window.kernelWidth() + " does not match the weights' "
              + kernelHeight + "x" + kernelWidth);
    }
    if (input.channels() != inChannels) {
      throw new IllegalArgumentException(
          "input has " + input.channels() + " channels, the kernel expects " + inChannels);
    }
  }
}
