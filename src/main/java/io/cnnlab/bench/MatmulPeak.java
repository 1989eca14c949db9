package io.cnnlab.bench;

import io.cnnlab.tf.Graphs;
import io.cnnlab.tf.Sessions;
import io.cnnlab.tf.Tensors;
import java.util.SplittableRandom;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.linalg.MatMul;
import org.tensorflow.types.TFloat32;

/**
 * The machine's practical single-precision peak as TensorFlow reaches it: the floating-point rate of one large square
 * matrix product ({@code 2 n^3} FLOP), the kind of kernel that gets closest to the hardware's limit. The
 * operands are fed (not constants, which the graph optimizer would fold away).
 */
public final class MatmulPeak {
  /**
   * @param size side of the matrices
   * @param threads intra-op threads
   * @param gflops over the timed repetitions
   */
  public record Result(int size, int threads, Stats gflops) {}

  private MatmulPeak() {}

  /** Two warm-up products, then {@code repeats} timed ones, for each thread count in turn. */
  public static Result measure(int size, int threads, int repeats) {
    if (size < 1 || repeats < 1) {
      throw new IllegalArgumentException("matrix size and repeats must be >= 1, got " + size + ", " + repeats);
    }
    SplittableRandom random = new SplittableRandom(7);
    float[] values = new float[size * size];
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) random.nextDouble(-1, 1);
    }
    try (Graph graph = Graphs.create()) {
      Ops tf = Ops.create(graph);
      Placeholder<TFloat32> a = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(size, size)));
      Placeholder<TFloat32> b = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(size, size)));
      MatMul<TFloat32> product = tf.linalg.matMul(a, b);
      double[] gflops = new double[repeats];
      try (Session session = Sessions.open(graph, threads);
          TFloat32 x = Tensors.floats(values, size, size);
          TFloat32 y = Tensors.floats(values, size, size)) {
        for (int i = -2; i < repeats; i++) {
          long start = System.nanoTime();
          session.runner().feed(a, x).feed(b, y).addTarget(product).run().close();
          double seconds = (System.nanoTime() - start) / 1e9;
          if (i >= 0) {
            gflops[i] = FlopCount.matmul(size, size, size) / seconds / 1e9;
          }
        }
      }
      return new Result(size, threads, Stats.of(gflops));
    }
  }
}
