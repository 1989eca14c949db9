package io.cnnlab.data.loading;

/**
 * Measures how many images per second a {@link DataLoader} supplies to a consumer that does nothing else: the
 * ceiling the loader puts on training speed. Untimed epochs for at least a second first (JIT warm-up, page
 * faults), then {@code epochs} timed ones.
 */
public final class LoaderThroughput {
  private LoaderThroughput() {}

  private static final long WARM_UP_NANOS = 1_000_000_000L;

  /**
   * @param images samples delivered in the timed epochs
   * @param seconds wall time of the timed epochs
   * @param waitSeconds time the consumer spent blocked waiting for batches (as the loader reports it)
   */
  public record Result(int workers, int epochs, long images, double seconds, double waitSeconds) {
    public double imagesPerSecond() {
      return images / seconds;
    }
  }

  /** Runs warm-up epochs (at least one second) and then {@code epochs} timed epochs of {@code loader}. */
  public static Result measure(DataLoader loader, int epochs) {
    if (epochs < 1) {
      throw new IllegalArgumentException("epochs " + epochs + ", expected >= 1");
    }
    // Warm up for at least a second: one epoch is too short for the JIT to finish compiling the assembler.
    double sink = 0;
    int epoch = 0;
    for (long until = System.nanoTime() + WARM_UP_NANOS; epoch == 0 || System.nanoTime() < until; epoch++) {
      sink += drain(loader.epoch(epoch))[0];
    }
    long images = 0;
    long waitNanos = 0;
    long start = System.nanoTime();
    for (int e = 0; e < epochs; e++) {
      double[] r = drain(loader.epoch(epoch + e));
      sink += r[0];
      images += (long) r[1];
      waitNanos += (long) r[2];
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    if (Double.isNaN(sink)) {
      System.out.print(""); // keeps the consumer's reads observable, so the JIT cannot drop them
    }
    return new Result(loader.options().workers(), epochs, images, seconds, waitNanos / 1e9);
  }

  /** Consumes one epoch: {checksum of what was read, images, wait nanoseconds}. */
  private static double[] drain(BatchStream stream) {
    double sum = 0;
    long images = 0;
    try (stream) {
      while (stream.hasNext()) {
        Batch b = stream.next();
        sum += b.images()[b.images().length - 1] + b.labels()[0];
        images += b.size();
      }
      return new double[] {sum, images, stream.waitNanos()};
    }
  }
}
