package io.cnnlab.bench;

import java.util.List;

/**
 * Resident memory sampled along a run, to tell a flat footprint from a leak.
 *
 * @param samples in run order
 */
public record RssTrace(List<Sample> samples) {
  /**
   * @param at where in the run: epoch or step number
   * @param rssKb resident set then, KiB
   * @param peakKb highest resident set so far, KiB
   * @param heapUsedKb Java heap in use then (live objects and garbage not yet collected), KiB
   * @param heapCommittedKb Java heap committed then (what the heap can occupy of the resident set), KiB
   */
  public record Sample(long at, long rssKb, long peakKb, long heapUsedKb, long heapCommittedKb) {}

  public RssTrace {
    samples = List.copyOf(samples);
  }

  /** Highest resident set seen, KiB. */
  public long peakKb() {
    return samples.stream().mapToLong(s -> Math.max(s.peakKb(), s.rssKb())).max().orElse(0);
  }

  /** Resident set at the last sample minus the first, KiB. */
  public long growthKb() {
    requireSamples(1);
    return samples.get(samples.size() - 1).rssKb() - samples.get(0).rssKb();
  }

  /**
   * Least-squares slope of the resident set over the second half of the samples, KiB per unit of
   * {@link Sample#at} (the first half holds start-up growth: caches, allocator pools, JIT).
   */
  public double slopeOfSecondHalf() {
    requireSamples(4);
    List<Sample> half = samples.subList(samples.size() / 2, samples.size());
    double n = half.size();
    double mx = half.stream().mapToDouble(Sample::at).sum() / n;
    double my = half.stream().mapToDouble(Sample::rssKb).sum() / n;
    double sxy = 0;
    double sxx = 0;
    for (Sample s : half) {
      sxy += (s.at() - mx) * (s.rssKb() - my);
      sxx += (s.at() - mx) * (s.at() - mx);
    }
    if (sxx == 0) {
      throw new IllegalStateException("samples of the second half are all at the same point " + (long) mx);
    }
    return sxy / sxx;
  }

  private void requireSamples(int n) {
    if (samples.size() < n) {
      throw new IllegalStateException("need at least " + n + " samples, have " + samples.size());
    }
  }
}
