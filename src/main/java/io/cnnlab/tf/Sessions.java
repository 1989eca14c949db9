package io.cnnlab.tf;

import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.proto.ConfigProto;

/**
 * Creates TensorFlow sessions with explicit thread pools.
 *
 * <p>TensorFlow's defaults size both pools to the core count, which oversubscribes a small machine: on two
 * cores, intra-op = cores and inter-op = 1 trained LeNet faster than the defaults (bench/PERFORMANCE.md).
 *
 * <p>By default TensorFlow keeps one intra-op and one inter-op pool per <em>process</em>, sized by the first
 * session: every later session silently runs on those, whatever its configuration says. Sessions made here
 * ask for their own inter-op pool ({@code use_per_session_threads}); their own intra-op pool needs the
 * environment variable {@value #PER_SESSION_POOLS_ENV}{@code =1} before the first session, which {@code bin/cnnlab},
 * the Makefile and the tests set, and the CLI itself where it can ({@link ProcessEnvironment#launcherDefaults}).
 * Without it, only the first session's thread counts take effect.
 */
public final class Sessions {
  /** Environment variable that gives each session its own intra-op pool (read once, at the first session). */
  public static final String PER_SESSION_POOLS_ENV = "TF_OVERRIDE_GLOBAL_THREADPOOL";

  private Sessions() {}

  /** True when this process gives every session its own intra-op pool ({@value #PER_SESSION_POOLS_ENV}). */
  public static boolean perSessionPools() {
    String v = ProcessEnvironment.get(PER_SESSION_POOLS_ENV);
    return v != null && (v.equals("1") || v.equalsIgnoreCase("true"));
  }

  /**
   * Fails when {@code what} is about to run sessions with more than one of {@code threadSettings} in this
   * process while sessions do not get their own pools: all of them would run on the first session's.
   *
   * @param threadSettings the thread settings of the sessions to come (thread counts, or intra/inter pairs)
   */
  public static void requirePerSessionPools(String what, java.util.Collection<?> threadSettings) {
    requirePerSessionPools(what, threadSettings, perSessionPools());
  }

  /** As {@link #requirePerSessionPools(String, java.util.Collection)}, given whether sessions get own pools. */
  static void requirePerSessionPools(String what, java.util.Collection<?> threadSettings, boolean perSession) {
    if (threadSettings.stream().distinct().count() > 1 && !perSession) {
      throw new IllegalStateException(what + " compares thread counts in one process, which needs "
          + PER_SESSION_POOLS_ENV + "=1 in the environment (bin/cnnlab sets it): without it TensorFlow runs "
          + "every session on the thread pools of the first one");
    }
  }

  /** Threads TensorFlow may use inside one op when the caller does not choose: every available core. */
  public static int defaultThreads() {
    return Runtime.getRuntime().availableProcessors();
  }

  /** Session config with {@code threads} intra-op threads and one inter-op thread, pools of its own. */
  public static ConfigProto config(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, got " + threads);
    }
    return ConfigProto.newBuilder()
        .setIntraOpParallelismThreads(threads)
        .setInterOpParallelismThreads(1)
        .setUsePerSessionThreads(true)
        .build();
  }

  /** A session on {@code graph} using {@code threads} intra-op threads. */
  public static Session open(Graph graph, int threads) {
    return open(graph, config(threads));
  }

  /**
   * A session on {@code graph} with {@code config}. oneDNN's state is not probed here: a process that trains or
   * measures probes it once ({@code io.cnnlab.graph.Machine#detect}).
   */
  public static Session open(Graph graph, ConfigProto config) {
    return new Session(graph, config);
  }

  /** A session on {@code graph} using every available core. */
  public static Session open(Graph graph) {
    return open(graph, defaultThreads());
  }
}
