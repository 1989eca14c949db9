package io.cnnlab.tf;

import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.proto.ConfigProto;

/**
 * Creates TensorFlow sessions with explicit thread pools.
 *
 * <p>TensorFlow's defaults size both pools to the core count, which oversubscribes a small machine: on two
 * cores, intra-op = cores and inter-op = 1 trained LeNet ~20% faster than the defaults
 * ({@code ../shared/notes/tensorflow-java.md}).
 */
public final class Sessions {
  private Sessions() {}

  /** Threads TensorFlow may use inside one op when the caller does not choose: every available core. */
  public static int defaultThreads() {
    return Runtime.getRuntime().availableProcessors();
  }

  /** Session config with {@code threads} intra-op threads and one inter-op thread. */
  public static ConfigProto config(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, got " + threads);
    }
    return ConfigProto.newBuilder()
        .setIntraOpParallelismThreads(threads)
        .setInterOpParallelismThreads(1)
        .build();
  }

  /** A session on {@code graph} using {@code threads} intra-op threads. */
  public static Session open(Graph graph, int threads) {
    return new Session(graph, config(threads));
  }

  /** A session on {@code graph} using every available core. */
  public static Session open(Graph graph) {
    return open(graph, defaultThreads());
  }
}
