package io.cnnlab.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cnnlab.tf.Tensors;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;

/**
 * {@link BatchNorm} against {@link BatchNormReference}: outputs, gradients (w.r.t. x, gamma, beta) and
 * moving averages, in training and evaluation mode. The shapes cover 4-D and 2-D inputs, odd batch sizes
 * and channel counts the fused op takes as they are (4, 8, 12) or padded to a multiple of 8 (1, 3, 6).
 */
class BatchNormAgainstReferenceTest {
  static Stream<long[]> shapes() {
    return Stream.of(new long[] {5, 3, 3, 6}, new long[] {3, 2, 5, 8}, new long[] {5, 3, 1, 4},
        new long[] {7, 3}, new long[] {7, 12}, new long[] {9, 1});
  }

  /** One batch-norm layer with {@code sum(output * dy)} and its gradients w.r.t. x, gamma and beta. */
  private static final class Layer implements AutoCloseable {
    final Graph graph = new Graph();
    final Session session = new Session(graph);
    final Ops tf = Ops.create(graph);
    final long[] shape;
    final int channels;
    final float[] dy;
    final Placeholder<TFloat32> x;
    final Placeholder<TBool> training;
    final BatchNorm.Output bn;
    final Output<TFloat32> gamma;
    final Output<TFloat32> beta;
    final Output<?>[] gradients;

    Layer(long[] shape, long seed) {
      this.shape = shape;
      this.channels = (int) shape[shape.length - 1];
      this.dy = GradientCheck.uniform(size(shape), seed, -1f, 1f);
      long[] batchFree = shape.clone();
      batchFree[0] = -1;
      x = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(batchFree)));
      training = tf.placeholder(TBool.class, Placeholder.shape(Shape.scalar()));
      bn = BatchNorm.apply(tf, "bn", x, training);
      gamma = graph.operation("bn_gamma").output(0);
      beta = graph.operation("bn_beta").output(0);
      Operand<TFloat32> loss = tf.sum(tf.math.mul(bn.output(), tf.constant(Shape.of(shape), DataBuffers.of(dy))),
          tf.constant(axes(shape.length)));
      gradients = graph.addGradients(loss.asOutput(), new Output<?>[] {x.asOutput(), gamma, beta});
      session.initialize();
    }

    /** {output, dx, dgamma, dbeta} for input {@code xs}, with gamma, beta (and the averages, if given) fed. */
    float[][] run(boolean train, float[] xs, float[] g, float[] b, float[] movingMean, float[] movingVariance) {
      List<TFloat32> owned = new ArrayList<>();
      try (TBool flag = TBool.scalarOf(train)) {
        Session.Runner runner = session.runner().feed(training, flag)
            .feed(x, own(owned, Tensors.floats(xs, shape)))
            .feed(gamma, own(owned, Tensors.floats(g, channels)))
            .feed(beta, own(owned, Tensors.floats(b, channels)));
        if (movingMean != null) {
          runner.feed(bn.movingMean(), own(owned, Tensors.floats(movingMean, channels)))
              .feed(bn.movingVariance(), own(owned, Tensors.floats(movingVariance, channels)));
        }
        runner.fetch(bn.output());
        for (Output<?> gradient : gradients) {
          runner.fetch(gradient);
        }
        try (Result r = runner.run()) {
          float[][] out = new float[4][];
          for (int i = 0; i < 4; i++) {
            out[i] = Tensors.toFloats(r.get(i));
          }
          return out;
        }
      } finally {
        owned.forEach(TFloat32::close);
      }
    }

    @Override
    public void close() {
      session.close();
      graph.close();
    }
  }

  @ParameterizedTest
  @MethodSource("shapes")
  void trainingModeMatchesTheReferenceForwardAndBackward(long[] shape) {
    int n = size(shape);
    int c = (int) shape[shape.length - 1];
    float[] xs = GradientCheck.uniform(n, 41, -2f, 4f);
    float[] gamma = GradientCheck.uniform(c, 42, 0.5f, 2f);
    float[] beta = GradientCheck.uniform(c, 43, -1f, 1f);
    try (Layer layer = new Layer(shape, 44)) {
      float[][] got = layer.run(true, xs, gamma, beta, null, null);
      double[][] stats = BatchNormReference.statistics(xs, c);
      double[][] expected = BatchNormReference.trainingGradients(xs, gamma, layer.dy);
      String where = Arrays.toString(shape) + " training ";
      assertClose(BatchNormReference.normalize(xs, gamma, beta, stats[0], stats[1]), got[0], 1e-4, where + "output");
      assertClose(expected[0], got[1], 1e-4, where + "dx");
      assertClose(expected[1], got[2], 1e-4, where + "dgamma");
      assertClose(expected[2], got[3], 1e-4, where + "dbeta");
      assertEquals(1, count(layer.graph, "FusedBatchNormV3"), "one fused op per layer");
    }
  }

  @ParameterizedTest
  @MethodSource("shapes")
  void evaluationModeMatchesTheReferenceForwardAndBackward(long[] shape) {
    int n = size(shape);
    int c = (int) shape[shape.length - 1];
    float[] xs = GradientCheck.uniform(n, 51, -2f, 4f);
    float[] gamma = GradientCheck.uniform(c, 52, 0.5f, 2f);
    float[] beta = GradientCheck.uniform(c, 53, -1f, 1f);
    float[] mean = GradientCheck.uniform(c, 54, -1f, 2f);
    float[] variance = GradientCheck.uniform(c, 55, 0.2f, 3f);
    try (Layer layer = new Layer(shape, 56)) {
      float[][] got = layer.run(false, xs, gamma, beta, mean, variance);
      double[] m = toDoubles(mean);
      double[] v = toDoubles(variance);
      double[][] expected = BatchNormReference.evaluationGradients(xs, gamma, m, v, layer.dy);
      String where = Arrays.toString(shape) + " evaluation ";
      assertClose(BatchNormReference.normalize(xs, gamma, beta, m, v), got[0], 1e-5, where + "output");
      assertClose(expected[0], got[1], 1e-5, where + "dx");
      assertClose(expected[1], got[2], 1e-5, where + "dgamma");
      assertClose(expected[2], got[3], 1e-5, where + "dbeta");
    }
  }

  @ParameterizedTest
  @MethodSource("shapes")
  void trainingStepsMoveTheAveragesTowardTheBiasedBatchStatisticsAndEvaluationUsesThem(long[] shape) {
    int n = size(shape);
    int c = (int) shape[shape.length - 1];
    float[][] batches = {GradientCheck.uniform(n, 61, -1f, 3f), GradientCheck.uniform(n, 62, 0f, 6f)};
    double[] mean = new double[c];
    double[] variance = new double[c];
    Arrays.fill(variance, 1);
    for (float[] batch : batches) {
      double[][] s = BatchNormReference.statistics(batch, c);
      for (int k = 0; k < c; k++) {
        mean[k] = 0.9 * mean[k] + 0.1 * s[0][k];
        variance[k] = 0.9 * variance[k] + 0.1 * s[1][k];
      }
    }
    float[] eval = GradientCheck.uniform(n, 63, -2f, 2f);
    try (Layer layer = new Layer(shape, 64); TBool on = TBool.scalarOf(true); TBool off = TBool.scalarOf(false)) {
      for (float[] batch : batches) {
        try (TFloat32 xt = Tensors.floats(batch, shape)) {
          Session.Runner runner = layer.session.runner().feed(layer.x, xt).feed(layer.training, on);
          layer.bn.updates().forEach(runner::addTarget);
          runner.run();
        }
      }
      String where = Arrays.toString(shape) + " ";
      try (Result r = layer.session.runner().fetch(layer.bn.movingMean()).fetch(layer.bn.movingVariance()).run()) {
        assertClose(mean, Tensors.toFloats(r.get(0)), 1e-5, where + "moving mean");
        assertClose(variance, Tensors.toFloats(r.get(1)), 1e-5, where + "moving variance");
      }
      float[] ones = new float[c];
      Arrays.fill(ones, 1f);
      try (TFloat32 xt = Tensors.floats(eval, shape); Result r = layer.session.runner().feed(layer.x, xt)
          .feed(layer.training, off).fetch(layer.bn.output()).run()) {
        assertClose(BatchNormReference.normalize(eval, ones, new float[c], mean, variance),
            Tensors.toFloats(r.get(0)), 1e-4, where + "evaluation output after two steps");
      }
    }
  }

  @Test
  void movingAveragesAreOffTheGradientPath() {
    try (Layer layer = new Layer(new long[] {5, 3, 3, 6}, 71)) {
      // Everything the output depends on through data edges, stopping at StopGradient: what backprop can reach.
      List<String> reachable = new ArrayList<>();
      List<GraphOperation> todo = new ArrayList<>(List.of((GraphOperation) layer.bn.output().op()));
      while (!todo.isEmpty()) {
        GraphOperation op = todo.remove(todo.size() - 1);
        if (reachable.contains(op.name()) || op.type().equals("StopGradient")) {
          continue;
        }
        reachable.add(op.name());
        op.inputs().forEach(in -> todo.add((GraphOperation) in.op()));
      }
      assertTrue(reachable.contains("bn_gamma") && reachable.contains("bn_beta"), reachable.toString());
      assertTrue(!reachable.contains("bn_moving_mean") && !reachable.contains("bn_moving_variance"),
          "moving averages reachable by backprop: " + reachable);
      Operand<TFloat32> loss = layer.tf.sum(layer.bn.output(), layer.tf.constant(axes(4)));
      Output<?>[] gradients = layer.graph.addGradients(loss.asOutput(), new Output<?>[] {
          layer.gamma, layer.bn.movingMean().asOutput(), layer.bn.movingVariance().asOutput()});
      assertTrue(hasGradient(gradients[0]), "gamma has a gradient");
      assertTrue(!hasGradient(gradients[1]) && !hasGradient(gradients[2]), "moving averages have a gradient");
    }
  }

  private static void assertClose(double[] expected, float[] actual, double tolerance, String what) {
    assertEquals(expected.length, actual.length, what + ": length");
    double scale = 1;
    for (double e : expected) {
      scale = Math.max(scale, Math.abs(e));
    }
    for (int i = 0; i < expected.length; i++) {
      double error = Math.abs(expected[i] - actual[i]) / scale;
      assertTrue(error <= tolerance, what + "[" + i + "]: expected " + expected[i] + ", got " + actual[i]);
    }
  }

  private static long count(Graph graph, String type) {
    long n = 0;
    for (Iterator<GraphOperation> it = graph.operations(); it.hasNext(); ) {
      n += it.next().type().equals(type) ? 1 : 0;
    }
    return n;
  }

  private static TFloat32 own(List<TFloat32> owned, TFloat32 t) {
    owned.add(t);
    return t;
  }

  /** {@code Graph.addGradients} marks "no gradient" with an output whose operation handle is null. */
  private static boolean hasGradient(Output<?> gradient) {
    try {
      return gradient != null && !gradient.op().name().isEmpty();
    } catch (IllegalStateException noOperation) {
      return false;
    }
  }

  private static int size(long[] shape) {
    return (int) Arrays.stream(shape).reduce(1, (a, b) -> a * b);
  }

  private static int[] axes(int rank) {
    int[] a = new int[rank];
    for (int i = 0; i < rank; i++) {
      a[i] = i;
    }
    return a;
  }

  private static double[] toDoubles(float[] v) {
    double[] d = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      d[i] = v[i];
    }
    return d;
  }
}
