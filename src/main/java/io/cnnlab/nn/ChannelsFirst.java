package io.cnnlab.nn;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Convolutions computed in NCHW, TensorFlow's {@code channels_first} layout, and the facts that decide when.
 *
 * <p>Why: oneDNN (TensorFlow 2.18) runs NHWC convolutions over many channels through kernels that were slower
 * than its NCHW ones (im2col and GEMM), and whose input gradient is wrong for some channel counts
 * ({@link #nhwcGradientSuspect}); small convolutions lose in NCHW (bench/PERFORMANCE.md). TensorFlow's own CPU
 * kernels have no NCHW convolution: the layout needs oneDNN. The variables keep their layout ({@code [k, k, in,
 * out]} kernels), so checkpoints do not depend on it.
 */
public final class ChannelsFirst {
  /** The fewest input channels of a convolution worth a faster form than oneDNN's NHWC kernel. */
  public static final long MIN_CHANNELS = 64;

  private ChannelsFirst() {}

  /**
   * True for the input-channel counts whose NHWC input gradient TensorFlow 2.18's oneDNN kernel
   * ({@code brg_conv_bwd:avx512_core}) computed wrong on an AVX-512 CPU (AMD EPYC Zen 5): more than 32, with
   * 1-16 left over from a multiple of 32 (33, 40, 47, 48, 72, 80, 100, 112, 136, 144, 171 and 176 were wrong;
   * 49, 56, 64, 85, 96, 120, 128, 160 and 192 right; 3x3 to 9x9 positions, bench/PERFORMANCE.md). The NCHW
   * kernels computed those shapes right ({@code ChannelsFirstConvTest}).
   */
  public static boolean nhwcGradientSuspect(long inChannels) {
    long tail = inChannels % 32;
    return inChannels > 32 && tail >= 1 && tail <= 16;
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
