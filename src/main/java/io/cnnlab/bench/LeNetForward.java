package io.cnnlab.bench;

import io.cnnlab.models.LeNetConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The textbook LeNet's forward pass (conv 6@5x5 same - sigmoid - avg pool 2 - conv 16@5x5 - sigmoid - avg
 * pool 2 - dense 120 - sigmoid - dense 84 - sigmoid - dense 10) with fixed weights, written once against
 * {@link Ops} so the same code builds a graph or runs op by op in an eager session. It measures the
 * execution model, not the trainer: the weights are constants, not variables.
 */
public final class LeNetForward {
  private LeNetForward() {}

  /** The network, d2l's textbook LeNet as {@link LeNetConfig#textbook()} reads it from its one description. */
  private static final LeNetConfig NET = LeNetConfig.textbook();

  /** Inputs of the first dense layer: the last feature map, flattened (16 x 5 x 5 = 400). */
  private static final long FLAT = (long) NET.conv2Channels() * NET.finalSide() * NET.finalSide();

  /** Kernel and bias shapes: conv1, conv2, dense1, dense2, dense3. */
  static final List<long[]> KERNELS = List.of(
      new long[] {LeNetConfig.KERNEL, LeNetConfig.KERNEL, NET.channels(), NET.conv1Channels()},
      new long[] {LeNetConfig.KERNEL, LeNetConfig.KERNEL, NET.conv1Channels(), NET.conv2Channels()},
      new long[] {FLAT, NET.dense1Units()}, new long[] {NET.dense1Units(), NET.dense2Units()},
      new long[] {NET.dense2Units(), NET.classes()});

  /** Random weights (uniform in +-sqrt(6 / (fan-in + fan-out))), zero biases. */
  public record Weights(List<float[]> kernels, List<float[]> biases) {
    public static Weights random(long seed) {
      SplittableRandom random = new SplittableRandom(seed);
      List<float[]> k = new ArrayList<>();
      List<float[]> b = new ArrayList<>();
      for (long[] shape : KERNELS) {
        long size = Shape.of(shape).size();
        long out = shape[shape.length - 1];
        long in = size / out;
        double limit = Math.sqrt(6.0 / (in + out));
        float[] w = new float[(int) size];
        for (int i = 0; i < w.length; i++) {
          w[i] = (float) random.nextDouble(-limit, limit);
        }
        k.add(w);
        b.add(new float[(int) out]);
      }
      return new Weights(List.copyOf(k), List.copyOf(b));
    }
  }

  /** Logits {@code [N, 10]} of {@code images [N, 28, 28, 1]} (sigmoid and average pooling, as the textbook's). */
  public static Operand<TFloat32> logits(Ops tf, Operand<TFloat32> images, Weights w) {
    // Padding 2 around a 5x5 kernel at stride 1 keeps the side: TensorFlow's SAME.
    Operand<TFloat32> x = convLayer(tf, images, w, 0, NET.firstConvPadding() == 0 ? "VALID" : "SAME");
    x = convLayer(tf, x, w, 1, "VALID");
    x = tf.reshape(x, tf.constant(new long[] {-1, FLAT}));
    x = tf.math.sigmoid(dense(tf, x, w, 2));
    x = tf.math.sigmoid(dense(tf, x, w, 3));
    return dense(tf, x, w, 4);
  }

  private static Operand<TFloat32> convLayer(Ops tf, Operand<TFloat32> x, Weights w, int i, String padding) {
    List<Long> ones = List.of(1L, 1L, 1L, 1L);
    Operand<TFloat32> conv = tf.nn.conv2d(x, constant(tf, w.kernels().get(i), KERNELS.get(i)), ones, padding);
    Operand<TFloat32> act = tf.math.sigmoid(tf.nn.biasAdd(conv, bias(tf, w, i)));
    List<Long> two = List.of(1L, (long) LeNetConfig.POOL, (long) LeNetConfig.POOL, 1L);
    return tf.nn.avgPool(act, two, two, "VALID");
  }

  private static Operand<TFloat32> dense(Ops tf, Operand<TFloat32> x, Weights w, int i) {
    return tf.nn.biasAdd(tf.linalg.matMul(x, constant(tf, w.kernels().get(i), KERNELS.get(i))), bias(tf, w, i));
  }

  private static Operand<TFloat32> bias(Ops tf, Weights w, int i) {
    float[] b = w.biases().get(i);
    return constant(tf, b, new long[] {b.length});
  }

  private static Operand<TFloat32> constant(Ops tf, float[] values, long[] shape) {
    return tf.constant(Shape.of(shape), DataBuffers.of(values, true, false));
  }
}
