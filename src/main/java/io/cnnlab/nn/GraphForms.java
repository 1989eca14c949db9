package io.cnnlab.nn;

import java.util.function.Supplier;

/**
 * The faster graph forms models use in place of TensorFlow's plain NHWC ops, and the switch back to the plain
 * ops: {@link BlockedConvStage} for LeNet's small convolution stages, {@link ChannelsFirst} for convolutions
 * over many channels. Each is the same function of the same variables as the plain ops.
 */
public final class GraphForms {
  private static final ThreadLocal<Boolean> PLAIN = ThreadLocal.withInitial(() -> false);
  /** What {@link #buildForBatch} was given: batch size (0: unknown) and threads per slice. */
  private record BatchHint(int batchSize, int threads) {}

  private static final ThreadLocal<BatchHint> BATCH = ThreadLocal.withInitial(() -> new BatchHint(0, 1));

  private GraphForms() {}

  /**
   * Builds with the plain NHWC convolution, batch-norm, activation and pooling ops when {@code plain} is true.
   * Deterministic training asks for it: two training runs of the blocked form in one JVM differed in the last
   * bits (DropoutResumeTest, 1 thread), as the plain ops do not; the cause, inside TensorFlow's oneDNN matrix
   * products, was not found.
   */
  public static <T> T buildPlainIf(boolean plain, Supplier<T> build) {
    return with(PLAIN, PLAIN.get() || plain, build);
  }

  /** True inside {@link #buildPlainIf} with {@code plain} true. */
  public static boolean plainRequested() {
    return PLAIN.get();
  }

  /**
   * Builds knowing the batch size the graph will mostly run with and the intra-op threads each of its
   * slices (towers) gets, for forms that cut large batches into chunks ({@link ChannelsFirst#chunks}). Any
   * batch size still runs.
   */
  public static <T> T buildForBatch(int batchSize, int threads, Supplier<T> build) {
    return with(BATCH, new BatchHint(batchSize, Math.max(1, threads)), build);
  }

  /** The batch size given to {@link #buildForBatch}, or 0 when none was. */
  public static int batchSizeHint() {
    return BATCH.get().batchSize();
  }

  /** The threads given to {@link #buildForBatch}, or 1 when none were. */
  public static int threadsHint() {
    return BATCH.get().threads();
  }

  /** What models are built with, for manifests and the bench's header. */
  public static String describe() {
    return (BlockedConvStage.ENABLED ? "blocked" : "plain (-Dcnnlab.blocked-conv=off)") + "; "
        + (ChannelsFirst.ENABLED ? (GatheredConv.ENABLED ? "stride-1 convolutions from "
            + ChannelsFirst.MIN_CHANNELS + " channels with oneDNN as a gather and a product, others " : "")
            + "NCHW convolutions from " + ChannelsFirst.MIN_CHANNELS
            + " channels with oneDNN (and where its NHWC input gradient is wrong), in chunks of "
            + ChannelsFirst.chunkSize(1) + " images (" + ChannelsFirst.chunkSize(2) + " with 2 threads or more)"
            : "NHWC convolutions (-Dcnnlab.channels-first=off)")
        + "; otherwise plain NHWC ops in deterministic mode";
  }

  /** {@code build} run with {@code local} set to {@code value}, and the value before restored after it. */
  private static <V, T> T with(ThreadLocal<V> local, V value, Supplier<T> build) {
    V before = local.get();
    local.set(value);
    try {
      return build.get();
    } finally {
      local.set(before);
    }
  }
}
