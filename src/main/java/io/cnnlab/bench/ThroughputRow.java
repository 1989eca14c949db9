package io.cnnlab.bench;

/**
 * Images per second of one model, mode, batch size and thread count.
 *
 * @param model bench model name
 * @param mode training or inference
 * @param batch images per step
 * @param threads TensorFlow threads
 * @param towers data-parallel towers the trainer's step split the batch into ({@code io.cnnlab.training.Towers})
 * @param imagesPerSecond over the timed rounds (median, min, max)
 * @param stepsPerRound timed steps in each round
 * @param flopsPerImage floating-point operations per image of one step of this mode ({@link FlopCount})
 */
public record ThroughputRow(
    String model, Mode mode, int batch, int threads, int towers, Stats imagesPerSecond, int stepsPerRound, double flopsPerImage) {
  /** Milliseconds per step at the median rate. */
  public double medianStepMillis() {
    return 1000.0 * batch / imagesPerSecond.median();
  }

  /** Achieved GFLOP/s at the median rate. */
  public double gflops() {
    return FlopCount.gflops(flopsPerImage, imagesPerSecond.median());
  }
}
