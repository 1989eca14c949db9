package io.cnnlab.bench;

import java.util.Arrays;

/**
 * Median, fastest and slowest of repeated measurements. Benchmarks here report the median round: on a shared
 * machine single rounds swing by tens of percent, the median much less.
 *
 * @param median middle value (mean of the two middle ones for an even count)
 * @param min smallest value
 * @param max largest value
 * @param count number of values
 */
public record Stats(double median, double min, double max, int count) {
  /** Statistics of {@code values}; at least one value. */
  public static Stats of(double... values) {
    if (values.length == 0) {
      throw new IllegalArgumentException("statistics need at least one value, got none");
    }
    double[] v = values.clone();
    Arrays.sort(v);
    int n = v.length;
    double median = n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    return new Stats(median, v[0], v[n - 1], n);
  }
}
