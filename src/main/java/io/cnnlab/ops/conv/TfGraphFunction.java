package io.cnnlab.ops.conv;

import io.cnnlab.tf.Graphs;
import io.cnnlab.tf.Sessions;
import io.cnnlab.tf.Tensors;
import java.util.function.BiFunction;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * A one-input, one-output float function built once as a TensorFlow graph and run many times: the graph
 * and session live as long as this object, so timing a run measures the computation, not graph building.
 */
public final class TfGraphFunction implements AutoCloseable {
  private final Graph graph;
  private final Session session;
  private final Placeholder<TFloat32> input;
  private final Operand<TFloat32> output;
  private final long[] inputShape;

  /**
   * Builds {@code body(tf, input)} for an input of fixed {@code inputShape}, run with {@code threads}
   * intra-op threads.
   */
  public TfGraphFunction(
      long[] inputShape, BiFunction<Ops, Operand<TFloat32>, Operand<TFloat32>> body, int threads) {
    this.inputShape = inputShape.clone();
    this.graph = Graphs.create();
    try {
      Ops tf = Ops.create(graph);
      this.input = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(inputShape)));
      this.output = body.apply(tf, input);
      this.session = Sessions.open(graph, threads);
    } catch (RuntimeException e) {
      graph.close();
      throw e;
    }
  }

  /** Output values and shape of one run. */
  public record Values(long[] shape, float[] values) {}

  /** Runs on {@code fed} (which the caller keeps and closes) and copies the output out. */
  public Values apply(TFloat32 fed) {
    try (Result result = session.runner().feed(input, fed).fetch(output).run()) {
      TFloat32 out = (TFloat32) result.get(0);
      return new Values(out.shape().asArray(), Tensors.toFloats(out));
    }
  }

  /** Runs on a copy of {@code values} laid out in the input shape. */
  public Values apply(float[] values) {
    try (TFloat32 fed = Tensors.floats(values, inputShape)) {
      return apply(fed);
    }
  }

  /** Runs on {@code fed} and drops the output (closing it): what a timing loop should call. */
  public void run(TFloat32 fed) {
    try (Result result = session.runner().feed(input, fed).fetch(output).run()) {
      if (result.size() != 1) {
        throw new IllegalStateException("expected one output, got " + result.size());
      }
    }
  }

  @Override
  public void close() {
    session.close();
    graph.close();
  }
}
