package io.cnnlab.graph;

import java.util.Locale;

/**
 * The ops a convolution layer runs as. Every form computes the same function of the same variables (tested
 * against {@link #PLAIN}); they differ in speed, memory and rounding.
 */
public enum ConvForm {
  /** TensorFlow's {@code Conv2D} on NHWC tensors. */
  PLAIN,
  /**
   * With its [batch norm,] activation and 2x2 pooling, in space-to-depth blocks: one gather and one matrix product
   * per stage ({@code io.cnnlab.nn.BlockedConvStage}).
   */
  BLOCKED,
  /** One gather (im2col) and one matrix product in NHWC, in batch chunks ({@code io.cnnlab.nn.GatheredConv}). */
  GATHERED,
  /** {@code Conv2D} in NCHW, oneDNN's im2col and GEMM, in batch chunks ({@code io.cnnlab.nn.ChannelsFirst}). */
  CHANNELS_FIRST;

  /** {@code plain}, {@code blocked}, {@code gathered}, {@code channels-first}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** True for the forms that cut a batch into chunks. */
  public boolean chunked() {
    return this == GATHERED || this == CHANNELS_FIRST;
  }
}
