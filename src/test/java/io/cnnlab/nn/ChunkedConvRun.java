package io.cnnlab.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cnnlab.tf.Tensors;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Gradients;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * A convolution layer built in {@link #CHUNKS} batch chunks, run on {@code x} with the gradients of
 * {@code sum(output * g)}: what {@link ChannelsFirstConvTest} and {@link GatheredConvTest} compare
 * with loops written from the definition, each in its layout.
 */
final class ChunkedConvRun {
  /** The layer's initial kernel and bias, its output, and the gradients for input, kernel and bias. */
  record Values(float[] kernel, float[] bias, float[] output, float[] inputGradient, float[] kernelGradient,
      float[] biasGradient) {}

  /** The chunks the layers under test are cut into (as a 256-image batch on 1 thread is). */
  static final int CHUNKS = 4;

  private ChunkedConvRun() {}

  /**
   * Builds {@code layer} on an input placeholder of {@code xShape} (batch first, left open), checks the graph
   * with {@code graphCheck}, and runs it.
   */
  static Values run(long[] xShape, float[] x, long[] gShape, float[] g,
      BiFunction<Ops, Operand<TFloat32>, WeightedOutput> layer, Consumer<Graph> graphCheck) {
    long[] open = xShape.clone();
    open[0] = -1;
    try (Graph graph = new Graph(); Session session = new Session(graph)) {
      Ops tf = Ops.create(graph);
      Placeholder<TFloat32> input = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(open)));
      Placeholder<TFloat32> weights = tf.placeholder(TFloat32.class);
      WeightedOutput conv = layer.apply(tf, input);
      Operand<TFloat32> loss = tf.reduceSum(tf.math.mul(conv.output(), weights), tf.constant(new int[] {0, 1, 2, 3}));
      Gradients grads = tf.gradients(loss, List.of(input, conv.kernel(), conv.bias()));
      graphCheck.accept(graph);
      session.initialize();
      try (TFloat32 xt = Tensors.floats(x, xShape);
          TFloat32 gt = Tensors.floats(g, gShape);
          Result r = session.runner().feed(input, xt).feed(weights, gt).fetch(conv.kernel()).fetch(conv.bias())
              .fetch(conv.output()).fetch(grads.dy(0)).fetch(grads.dy(1)).fetch(grads.dy(2)).run()) {
        return new Values(Tensors.toFloats(r.get(0)), Tensors.toFloats(r.get(1)), Tensors.toFloats(r.get(2)),
            Tensors.toFloats(r.get(3)), Tensors.toFloats(r.get(4)), Tensors.toFloats(r.get(5)));
      }
    }
  }

  /** Every element within 1e-5 of the largest expected magnitude (at least 1). */
  static void assertClose(double[] expected, float[] actual, String what) {
    assertEquals(expected.length, actual.length, what + ": size");
    double scale = Arrays.stream(expected).map(Math::abs).max().orElse(0);
    int wrong = 0;
    double worst = 0;
    for (int i = 0; i < expected.length; i++) {
      double d = Math.abs(expected[i] - actual[i]);
      worst = Math.max(worst, d);
      wrong += d > 1e-5 * Math.max(1, scale) ? 1 : 0;
    }
    assertEquals(0, wrong, what + ": elements off by more than 1e-5 of " + scale + " (worst " + worst + ")");
  }
}
