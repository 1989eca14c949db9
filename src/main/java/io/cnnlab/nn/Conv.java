package io.cnnlab.nn;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.nn.BiasAdd;
import org.tensorflow.op.nn.Conv2d;
import org.tensorflow.types.TFloat32;

/** 2-D convolution with bias on NHWC tensors, with PyTorch-style symmetric zero padding. */
public final class Conv {
  private Conv() {}

  /** A convolution's kernel {@code [k, k, in, out]} and bias {@code [out]}. */
  public record Weights(Variable<TFloat32> kernel, Variable<TFloat32> bias) {}

  /**
   * Adds {@code name_kernel} {@code [k, k, inChannels, outChannels]} (Xavier uniform) and {@code name_bias}
   * (zeros) and returns {@code conv(pad(x)) + bias}, its ops in name scope {@code name}.
   *
   * <p>{@code padding} zeros are added on every side, as {@code nn.Conv2d(padding=p)} does; the output side
   * is {@code floor((in + 2p - k) / stride) + 1} ({@link io.cnnlab.ops.shape.ShapeAlgebra#outputSize}).
   * Padding that equals TensorFlow's {@code SAME} (stride 1, {@code 2p = k - 1}) uses it; other padding goes
   * through an explicit {@code Pad} and {@code VALID}.
   *
   * @param x input {@code [N, H, W, C]}, or {@code [N, C, H, W]} when {@code channelsFirst} ({@link
   *     ChannelsFirst}; the output is then {@code [N, Cout, H', W']}), with a known channel count
   * @param seed model seed; the kernel's seed is derived from it and {@code name}
   * @param chunks consecutive batch chunks convolved one after the other ({@link BatchChunks}); 1 for none
   */
  public static WeightedOutput conv2d(Ops tf, String name, Operand<TFloat32> x, int outChannels, int kernel,
      int stride, int padding, long seed, boolean channelsFirst, int chunks) {
    return layer(tf, name, x, channelsFirst ? 1 : 3, outChannels, kernel, stride, padding, seed, chunks,
        (layer, part, w, b) -> convolve(layer, part, w, b, kernel, stride, padding, channelsFirst));
  }

  /**
   * As {@link #conv2d} with stride 1 on NHWC tensors, computed by {@link GatheredConv} (the variables are the
   * same).
   */
  public static WeightedOutput conv2dGathered(Ops tf, String name, Operand<TFloat32> x, int outChannels,
      int kernel, int padding, long seed, int chunks) {
    return layer(tf, name, x, 3, outChannels, kernel, 1, padding, seed, chunks,
        (layer, part, w, b) -> GatheredConv.convolve(layer, part, w, b, kernel, padding));
  }

  /** How one chunk of the batch is convolved, in the layer's name scope. */
  private interface ChunkConvolution {
    Operand<TFloat32> apply(Ops layer, Operand<TFloat32> part, Operand<TFloat32> kernel, Operand<TFloat32> bias);
  }

  /** The layer's variables (input channels on {@code channelAxis}) and {@code convolution} over {@code chunks}. */
  private static WeightedOutput layer(Ops tf, String name, Operand<TFloat32> x, int channelAxis, int outChannels,
      int kernel, int stride, int padding, long seed, int chunks, ChunkConvolution convolution) {
    if (outChannels < 1 || kernel < 1 || stride < 1 || padding < 0) {
      throw new IllegalArgumentException(String.format(
          "%s: need outChannels, kernel, stride >= 1 and padding >= 0, got %d, %d, %d, %d",
          name, outChannels, kernel, stride, padding));
    }
    Ops layer = tf.withSubScope(name);
    Weights weights = variables(tf, name, knownDim(x, channelAxis, name), outChannels, kernel, seed);
    Variable<TFloat32> w = weights.kernel();
    Variable<TFloat32> b = weights.bias();
    Operand<TFloat32> out = BatchChunks.map(layer, x, chunks, part -> convolution.apply(layer, part, w, b));
    return new WeightedOutput(out, w, b);
  }

  /** {@code conv(pad(x)) + bias}. */
  private static Operand<TFloat32> convolve(Ops layer, Operand<TFloat32> x, Operand<TFloat32> w,
      Operand<TFloat32> b, int kernel, int stride, int padding, boolean channelsFirst) {
    long s = stride;
    List<Long> strides = channelsFirst ? List.of(1L, 1L, s, s) : List.of(1L, s, s, 1L);
    String format = channelsFirst ? "NCHW" : "NHWC";
    Operand<TFloat32> conv;
    if (padding == 0) {
      conv = layer.nn.conv2d(x, w, strides, "VALID", Conv2d.dataFormat(format));
    } else if (stride == 1 && 2 * padding == kernel - 1) {
      conv = layer.nn.conv2d(x, w, strides, "SAME", Conv2d.dataFormat(format));
    } else {
      int[] none = {0, 0};
      int[] both = {padding, padding};
      int[][] pads = channelsFirst ? new int[][] {none, none, both, both} : new int[][] {none, both, both, none};
      conv = layer.nn.conv2d(layer.pad(x, layer.constant(pads), layer.constant(0f)), w, strides, "VALID",
          Conv2d.dataFormat(format));
    }
    return layer.nn.biasAdd(conv, b, BiasAdd.dataFormat(format));
  }

  /**
   * The layer's variables, {@code name_kernel} {@code [k, k, inChannels, outChannels]} (Xavier uniform) and
   * {@code name_bias} (zeros).
   */
  public static Weights variables(Ops tf, String name, long inChannels, int outChannels, int kernel,
      long seed) {
    Variable<TFloat32> w = Initializers.xavierVariable(tf, name, Initializers.KERNEL,
        Shape.of(kernel, kernel, inChannels, outChannels),
        (long) kernel * kernel * inChannels, (long) kernel * kernel * outChannels, seed);
    Variable<TFloat32> b =
        Initializers.variable(tf, name, Initializers.BIAS, Initializers.filled(tf, Shape.of(outChannels), 0f));
    return new Weights(w, b);
  }

  /** The static size of dimension {@code axis} of {@code x}; fails if unknown. */
  public static long knownDim(Operand<?> x, int axis, String layer) {
    Shape s = x.shape();
    if (s.isUnknown() || s.numDimensions() <= axis || s.size(axis) < 0) {
      throw new IllegalArgumentException(layer + ": dimension " + axis + " of the input must be known, got " + s);
    }
    return s.size(axis);
  }
}
