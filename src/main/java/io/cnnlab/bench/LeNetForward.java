package io.cnnlab.bench;

import io.cnnlab.models.Layer;
import io.cnnlab.models.LeNet;
import io.cnnlab.models.LeNetConfig;
import io.cnnlab.models.Network;
import io.cnnlab.ops.shape.ShapeAlgebra;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The textbook LeNet's forward pass with fixed weights, its layers read from the model's own description
 * ({@link LeNet#network()}) and written once against {@link Ops}, so the same code builds a graph or runs op by op
 * in an eager session. It measures the execution model, not the trainer: the weights are constants, not variables
 * (eager sessions have none), and the ops are TensorFlow's plain ones.
 */
public final class LeNetForward {
  private LeNetForward() {}

  /** d2l's textbook LeNet, as the model describes it. */
  private static final Network NET = new LeNet(LeNetConfig.textbook()).network();

  /** Kernel shapes of the weighted layers, in order: {@code [k, k, in, out]} convolutions, {@code [in, out]} dense. */
  static final List<long[]> KERNELS = kernelShapes(NET);

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

  /** Logits {@code [N, classes]} of {@code images [N, 28, 28, 1]}. */
  public static Operand<TFloat32> logits(Ops tf, Operand<TFloat32> images, Weights w) {
    Operand<TFloat32> x = images;
    int weighted = 0;
    for (Layer layer : NET.layers()) {
      if (layer instanceof Layer.Conv c) {
        x = tf.nn.biasAdd(conv(tf, x, c, constant(tf, w.kernels().get(weighted), KERNELS.get(weighted))),
            bias(tf, w, weighted));
        weighted++;
      } else if (layer instanceof Layer.Dense) {
        x = tf.nn.biasAdd(tf.linalg.matMul(x, constant(tf, w.kernels().get(weighted), KERNELS.get(weighted))),
            bias(tf, w, weighted));
        weighted++;
      } else if (layer instanceof Layer.Activate a) {
        x = a.function().apply(tf, x);
      } else if (layer instanceof Layer.Pool p) {
        x = p.kind().apply(tf, x, p.window(), p.stride());
      } else if (layer instanceof Layer.Flatten) {
        x = tf.reshape(x, tf.constant(new long[] {-1, KERNELS.get(weighted)[0]}));
      } else {
        throw new IllegalStateException("the textbook LeNet has no " + layer + " layer");
      }
    }
    return x;
  }

  /** Padding that keeps the size at stride 1 is TensorFlow's {@code SAME}; other padding an explicit {@code Pad}. */
  private static Operand<TFloat32> conv(Ops tf, Operand<TFloat32> x, Layer.Conv c, Operand<TFloat32> kernel) {
    List<Long> strides = List.of(1L, (long) c.stride(), (long) c.stride(), 1L);
    if (c.padding() == 0) {
      return tf.nn.conv2d(x, kernel, strides, "VALID");
    }
    if (c.stride() == 1 && 2 * c.padding() == c.kernel() - 1) {
      return tf.nn.conv2d(x, kernel, strides, "SAME");
    }
    int[] none = {0, 0};
    int[] both = {c.padding(), c.padding()};
    return tf.nn.conv2d(tf.pad(x, tf.constant(new int[][] {none, both, both, none}), tf.constant(0f)), kernel, strides,
        "VALID");
  }

  private static List<long[]> kernelShapes(Network net) {
    List<long[]> shapes = new ArrayList<>();
    int h = net.height();
    int w = net.width();
    long c = net.channels();
    long flat = 0;
    for (Layer layer : net.layers()) {
      if (layer instanceof Layer.Conv conv) {
        shapes.add(new long[] {conv.kernel(), conv.kernel(), c, conv.filters()});
        h = ShapeAlgebra.outputSize(h, conv.kernel(), conv.stride(), conv.padding());
        w = ShapeAlgebra.outputSize(w, conv.kernel(), conv.stride(), conv.padding());
        c = conv.filters();
      } else if (layer instanceof Layer.Pool p) {
        h = ShapeAlgebra.outputSize(h, p.window(), p.stride(), 0);
        w = ShapeAlgebra.outputSize(w, p.window(), p.stride(), 0);
      } else if (layer instanceof Layer.Flatten) {
        flat = (long) h * w * c;
      } else if (layer instanceof Layer.Dense d) {
        shapes.add(new long[] {flat, d.units()});
        flat = d.units();
      }
    }
    return List.copyOf(shapes);
  }

  private static Operand<TFloat32> bias(Ops tf, Weights w, int i) {
    float[] b = w.biases().get(i);
    return constant(tf, b, new long[] {b.length});
  }

  private static Operand<TFloat32> constant(Ops tf, float[] values, long[] shape) {
    return tf.constant(Shape.of(shape), DataBuffers.of(values, true, false));
  }
}
