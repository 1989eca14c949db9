package io.cnnlab.experiments.tasks;

import java.util.Arrays;

/**
 * Wall-clock timing of a repeated computation: median and fastest of several runs after warm-up. Shared by the
 * measurement tasks and, through them, by the commands that run the same measurements.
 */
public record Timing(double medianMs, double minMs, int repeats) {

  /** Runs {@code task} {@code warmup} times untimed (JIT, caches, allocator), then {@code repeats} times timed. */
  public static Timing of(Runnable task, int warmup, int repeats) {
    if (repeats < 1 || warmup < 0) {
      throw new IllegalArgumentException("need repeats >= 1 and warmup >= 0, got " + repeats + " and " + warmup);
    }
    for (int i = 0; i < warmup; i++) {
      task.run();
    }
    double[] ms = new double[repeats];
    for (int i = 0; i < repeats; i++) {
      long start = System.nanoTime();
      task.run();
      ms[i] = (System.nanoTime() - start) / 1e6;
    }
    return of(ms);
  }

  /** The median and fastest of measured times {@code ms} (milliseconds, at least one). */
  public static Timing of(double[] ms) {
    if (ms.length < 1) {
      throw new IllegalArgumentException("need at least one measured time");
    }
    double[] sorted = ms.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    return new Timing(median, sorted[0], n);
  }

  /** Billions of floating-point operations per second at the median, counting a MAC as two. */
  public double gflops(long macs) {
    return 2.0 * macs / (medianMs * 1e6);
  }
}
