package io.cnnlab.bench;

import io.cnnlab.tf.Graphs;
import io.cnnlab.tf.Sessions;
import io.cnnlab.tf.Tensors;
import java.util.SplittableRandom;
import org.tensorflow.EagerSession;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * The same LeNet forward pass ({@link LeNetForward}) executed eagerly, op by op as the Java code calls
 * them, and as a graph run by a session: the analogue of d2l's "hybridize"/"function" speed-up. Both
 * start from a Java array and end with the logits copied back into one; eager and graph runs alternate
 * round by round.
 */
public final class EagerVsGraph {
  /**
   * @param batch images per forward pass
   * @param threads intra-op threads of both
   * @param eager images per second executed eagerly
   * @param graph images per second as a graph
   * @param maxDifference largest absolute difference between the two's logits (should be ~0)
   */
  public record Comparison(int batch, int threads, Stats eager, Stats graph, double maxDifference) {
    public double speedup() {
      return graph.median() / eager.median();
    }
  }

  private EagerVsGraph() {}

  public static Comparison measure(int batch, int threads, int passesPerRound, int rounds) {
    if (batch < 1 || threads < 1 || passesPerRound < 1 || rounds < 1) {
      throw new IllegalArgumentException("batch, threads, passes and rounds must be >= 1");
    }
    LeNetForward.Weights w = LeNetForward.Weights.random(3);
    float[] images = new float[batch * 28 * 28];
    SplittableRandom random = new SplittableRandom(4);
    for (int i = 0; i < images.length; i++) {
      images[i] = (float) random.nextDouble();
    }
    Shape shape = Shape.of(batch, 28, 28, 1);
    double[] eagerRates = new double[rounds];
    double[] graphRates = new double[rounds];
    try (Graph graph = Graphs.create();
        EagerSession eager = EagerSession.options().config(Sessions.config(threads)).build()) {
      Ops g = Ops.create(graph);
      Placeholder<TFloat32> x = g.placeholder(TFloat32.class, Placeholder.shape(shape));
      Operand<TFloat32> logits = LeNetForward.logits(g, x, w);
      Ops e = Ops.create(eager);
      try (Session session = Sessions.open(graph, threads)) {
        float[] fromGraph = graphPass(session, x, logits, images, shape);
        float[] fromEager = eagerPass(e, w, images, shape);
        double diff = 0;
        for (int i = 0; i < fromGraph.length; i++) {
          diff = Math.max(diff, Math.abs(fromGraph[i] - fromEager[i]));
        }
        for (int r = -1; r < rounds; r++) { // round -1 warms both up
          long t0 = System.nanoTime();
          for (int i = 0; i < passesPerRound; i++) {
            eagerPass(e, w, images, shape);
          }
          long t1 = System.nanoTime();
          for (int i = 0; i < passesPerRound; i++) {
            graphPass(session, x, logits, images, shape);
          }
          long t2 = System.nanoTime();
          if (r >= 0) {
            eagerRates[r] = (double) batch * passesPerRound / ((t1 - t0) / 1e9);
            graphRates[r] = (double) batch * passesPerRound / ((t2 - t1) / 1e9);
          }
        }
        return new Comparison(batch, threads, Stats.of(eagerRates), Stats.of(graphRates), diff);
      }
    }
  }

  private static float[] graphPass(
      Session s, Placeholder<TFloat32> x, Operand<TFloat32> logits, float[] images, Shape shape) {
    try (TFloat32 input = Tensors.floats(images, shape.asArray());
        Result r = s.runner().feed(x, input).fetch(logits).run()) {
      return Tensors.toFloats(r.get(0));
    }
  }

  /** Every op runs as it is created; the weights become eager constants each pass, as a Java caller's would. */
  private static float[] eagerPass(Ops tf, LeNetForward.Weights w, float[] images, Shape shape) {
    Operand<TFloat32> input = tf.constant(shape, DataBuffers.of(images, true, false));
    return Tensors.toFloats(LeNetForward.logits(tf, input, w).asTensor());
  }
}
