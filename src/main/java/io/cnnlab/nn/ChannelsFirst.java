package io.cnnlab.nn;

import java.util.function.BooleanSupplier;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Convolutions over many input channels computed in NCHW, TensorFlow's {@code channels_first} layout.
 *
 * <p>Why: oneDNN (TensorFlow 2.18) runs NHWC convolutions through its brgemm kernels, which on the AMD EPYC
 * Zen 5 measured reached 85-136 GFLOP/s forward and backward-data for AlexNet's conv2-conv5 at 2 threads; the
 * same convolutions in NCHW ran at 143-217 forward and 269-309 backward-data (bench/PERFORMANCE.md). Small
 * convolutions lose: over 1 channel NCHW was 1000x slower, and the 1/256-budget AlexNet (conv3-conv5 over 22
 * and 32 channels at 5x5 positions) trained at 3,602 img/s with them in NCHW against 4,863 in NHWC. So the
 * layout changes only from {@link #MIN_CHANNELS} input channels on.
 * TensorFlow's own CPU kernels have no NCHW convolution or pooling: the layout needs oneDNN. The variables
 * keep their layout ({@code [k, k, in, out]} kernels), so checkpoints do not depend on it. Of these wide
 * convolutions, those with stride 1 are faster still as a gather and a product ({@link GatheredConv}); the
 * others, and deterministic mode's, run here.
 */
public final class ChannelsFirst {
  /** On unless the JVM runs with {@code -Dcnnlab.channels-first=off} (for comparisons). */
  public static final boolean ENABLED =
      !"off".equalsIgnoreCase(System.getProperty("cnnlab.channels-first", "on"));
  /** The fewest input channels of a convolution computed in NCHW. */
  public static final long MIN_CHANNELS = 64;
  /**
   * The most images one NCHW convolution gets on one thread: oneDNN's forward pass slowed from ~200 to 77
   * GFLOP/s (2 threads) and from 119 to 43 (1 thread) for AlexNet's conv4 as the batch grew from 64 to 256,
   * while the backward passes kept their speed.
   */
  static final int CHUNK = 64;
  /**
   * The same with 2 intra-op threads or more: a textbook AlexNet training step at batch 256 took 6.1 s in
   * chunks of 32 against 6.5-6.9 s in chunks of 64 on 2 threads, and 13.1 s against 11.3 s on 1 thread
   * (bench/PERFORMANCE.md; more threads were not measured).
   */
  static final int CHUNK_THREADED = 32;

  private ChannelsFirst() {}

  /**
   * Whether a convolution over {@code inChannels} runs in NCHW, given how to tell whether oneDNN is on: from
   * {@link #MIN_CHANNELS} on for speed, and always, deterministic mode included, for the channel counts of
   * {@link #nhwcGradientSuspect}.
   */
  public static boolean wanted(long inChannels, BooleanSupplier onednnActive) {
    boolean candidate = nhwcGradientSuspect(inChannels)
        || (!GraphForms.plainRequested() && inChannels >= MIN_CHANNELS);
    // oneDNN's status is asked last: finding it out runs a probe session the first time
    return ENABLED && candidate && onednnActive.getAsBoolean();
  }

  /**
   * True for the input-channel counts whose NHWC input gradient TensorFlow 2.18's oneDNN kernel
   * ({@code brg_conv_bwd:avx512_core}) computed wrong on an AVX-512 CPU (AMD EPYC Zen 5): more than 32, with
   * 1-16 left over from a multiple of 32 (33, 40, 47, 48, 72, 80, 100, 112, 136, 144, 171 and 176 were wrong;
   * 49, 56, 64, 85, 96, 120, 128, 160 and 192 right; 3x3 to 9x9 positions, bench/PERFORMANCE.md). The NCHW
   * kernels computed those shapes right ({@code ChannelsFirstConvTest}).
   */
  static boolean nhwcGradientSuspect(long inChannels) {
    long tail = inChannels % 32;
    return inChannels > 32 && tail >= 1 && tail <= 16;
  }

  /** Images per chunk for a convolution on {@code threads} intra-op threads. */
  public static int chunkSize(int threads) {
    return threads >= 2 ? CHUNK_THREADED : CHUNK;
  }

  /** Chunks to cut a batch of {@code batchSize} into on {@code threads} threads (1 when it is unknown, 0). */
  public static int chunks(int batchSize, int threads) {
    int size = chunkSize(threads);
    return Math.max(1, (batchSize + size - 1) / size);
  }

  /** {@code [N, H, W, C]} to {@code [N, C, H, W]}. */
  public static Operand<TFloat32> fromLast(Ops tf, Operand<TFloat32> x) {
    return tf.linalg.transpose(x, tf.constant(new int[] {0, 3, 1, 2}));
  }

  /** {@code [N, C, H, W]} to {@code [N, H, W, C]}. */
  public static Operand<TFloat32> toLast(Ops tf, Operand<TFloat32> x) {
    return tf.linalg.transpose(x, tf.constant(new int[] {0, 2, 3, 1}));
  }
}
