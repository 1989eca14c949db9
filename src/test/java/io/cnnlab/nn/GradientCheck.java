package io.cnnlab.nn;

import io.cnnlab.tf.Tensors;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Compares TensorFlow's symbolic gradient with central finite differences.
 *
 * <p>The scalar checked is {@code sum(output * r)} with fixed random {@code r}, so every output element
 * contributes with a different weight. Values are fed for every checked input (placeholders or variables).
 */
final class GradientCheck {
  /** A fed float input: the operand, its values and shape. */
  record Input(Operand<TFloat32> operand, float[] values, long... shape) {}

  private final Operand<TFloat32> loss;
  private final List<Input> inputs;
  private final Output<?>[] gradients;

  /** Adds {@code sum(output * r)} and its gradients with respect to every input to the graph. */
  GradientCheck(Graph graph, Ops tf, Operand<TFloat32> output, long[] outputShape, long seed, List<Input> inputs) {
    this.inputs = List.copyOf(inputs);
    int n = 1;
    for (long d : outputShape) {
      n *= (int) d;
    }
    float[] r = uniform(n, seed, -1, 1);
    this.loss = tf.sum(tf.math.mul(output, tf.constant(org.tensorflow.ndarray.Shape.of(outputShape),
        org.tensorflow.ndarray.buffer.DataBuffers.of(r))), tf.constant(rangeOf(outputShape.length)));
    Output<?>[] wrt = new Output<?>[inputs.size()];
    for (int i = 0; i < wrt.length; i++) {
      wrt[i] = inputs.get(i).operand().asOutput();
    }
    this.gradients = graph.addGradients(loss.asOutput(), wrt);
  }

  /**
   * Largest difference between symbolic and numeric gradient over the elements of input {@code which},
   * relative to the largest numeric gradient magnitude.
   *
   * @param extraFeeds adds any other feeds (e.g. the training flag) to a runner
   */
  double relativeError(Session session, int which, float h, UnaryOperator<Session.Runner> extraFeeds) {
    float[] base = inputs.get(which).values();
    float[] symbolic = fetch(session, which, base, extraFeeds, gradients[which]);
    double maxDiff = 0;
    double maxNumeric = 0;
    for (int i = 0; i < base.length; i++) {
      float[] plus = base.clone();
      float[] minus = base.clone();
      plus[i] += h;
      minus[i] -= h;
      double numeric = ((double) fetch(session, which, plus, extraFeeds, loss)[0]
          - fetch(session, which, minus, extraFeeds, loss)[0]) / (2.0 * h);
      maxDiff = Math.max(maxDiff, Math.abs(numeric - symbolic[i]));
      maxNumeric = Math.max(maxNumeric, Math.abs(numeric));
    }
    if (maxNumeric == 0) {
      throw new AssertionError("numeric gradient is zero everywhere: the check would not test anything");
    }
    return maxDiff / maxNumeric;
  }

  /** Runs {@code target} with input {@code which} set to {@code values} and the others at their values. */
  private float[] fetch(Session session, int which, float[] values, UnaryOperator<Session.Runner> extraFeeds,
      Operand<?> target) {
    List<TFloat32> owned = new ArrayList<>();
    try {
      Session.Runner runner = extraFeeds.apply(session.runner());
      for (int i = 0; i < inputs.size(); i++) {
        Input in = inputs.get(i);
        TFloat32 t = Tensors.floats(i == which ? values : in.values(), in.shape());
        owned.add(t);
        runner.feed(in.operand(), t);
      }
      try (Result r = runner.fetch(target).run()) {
        return Tensors.toFloats(r.get(0));
      }
    } finally {
      owned.forEach(TFloat32::close);
    }
  }

  /** {@code n} values uniform in {@code [lo, hi)} from {@code seed}. */
  static float[] uniform(int n, long seed, float lo, float hi) {
    Random random = new Random(seed);
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = lo + (hi - lo) * random.nextFloat();
    }
    return v;
  }

  private static int[] rangeOf(int n) {
    int[] axes = new int[n];
    for (int i = 0; i < n; i++) {
      axes[i] = i;
    }
    return axes;
  }
}
