package io.cnnlab.ops.spec;

/**
 * The parameter and multiply-accumulate (MAC) arithmetic of the layers that carry weights, convolution and
 * dense, written once: {@link LayerSpec} applies it to shapes ({@code cnnlab shapes}),
 * {@code io.cnnlab.models.Summary} to the variables of a built graph ({@code cnnlab summary}, the bench's
 * FLOP counts) and {@code io.cnnlab.models.AlexNetConfig} to its layer widths (parameter budgets).
 *
 * <p>Convention: a layer's weights are its kernel, plus one bias per output channel or unit. Every weight
 * is multiplied once at every output position: the {@code H x W} positions of a convolution's output, the
 * single position of a dense layer's. Layers without weights (pooling, activations, normalization, dropout,
 * flatten) count no MACs: their comparisons and additions are not multiply-accumulates.
 */
public final class LayerCounts {
  private LayerCounts() {}

  /** Kernel weights of a {@code kernelHeight x kernelWidth} convolution from {@code inChannels} to {@code filters}. */
  public static long convWeights(long kernelHeight, long kernelWidth, long inChannels, long filters) {
    return kernelHeight * kernelWidth * inChannels * filters;
  }

  /** Kernel weights of a dense layer from {@code inputs} values to {@code units}. */
  public static long denseWeights(long inputs, long units) {
    return inputs * units;
  }

  /** Trainable parameters of a layer: its {@code weights} and one bias for each of its {@code outputs}. */
  public static long withBias(long weights, long outputs) {
    return weights + outputs;
  }

  /** MACs per example of a layer whose {@code weights} are each used at {@code outputPositions} positions. */
  public static long macs(long weights, long outputPositions) {
    return weights * outputPositions;
  }
}
