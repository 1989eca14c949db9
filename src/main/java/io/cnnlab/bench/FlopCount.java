package io.cnnlab.bench;

/**
 * Floating-point work of a step, from the forward multiply-accumulates of {@link io.cnnlab.models.Summary}
 * (convolution and dense layers, counted as {@link io.cnnlab.ops.spec.LayerCounts} says; activations,
 * pooling, normalization and the optimizer's update are not counted).
 *
 * <p>Convention: one MAC is 2 FLOP; a training step costs 3 forward passes — the forward, the gradient with
 * respect to the activations and the gradient with respect to the weights, each as many MACs as the forward.
 * (The first layer's input gradient is not computed, so training work is slightly overstated for it.)
 * An inference step is one forward pass.
 */
public final class FlopCount {
  /** FLOP per multiply-accumulate. */
  public static final int FLOP_PER_MAC = 2;
  /** Forward-pass equivalents in one training step. */
  public static final int PASSES_PER_TRAINING_STEP = 3;

  private FlopCount() {}

  /** FLOP per image of a step in {@code mode} for a model of {@code forwardMacs} MACs per image. */
  public static double perImage(Mode mode, long forwardMacs) {
    if (forwardMacs < 0) {
      throw new IllegalArgumentException("MACs must be >= 0, got " + forwardMacs);
    }
    int passes = mode == Mode.TRAIN ? PASSES_PER_TRAINING_STEP : 1;
    return (double) passes * FLOP_PER_MAC * forwardMacs;
  }

  /** GFLOP/s achieved at {@code imagesPerSecond}. */
  public static double gflops(double flopsPerImage, double imagesPerSecond) {
    return flopsPerImage * imagesPerSecond / 1e9;
  }

  /** FLOP of multiplying an {@code m x k} matrix by a {@code k x n} one: {@code 2 m k n}. */
  public static double matmul(long m, long k, long n) {
    return (double) FLOP_PER_MAC * m * k * n;
  }
}
