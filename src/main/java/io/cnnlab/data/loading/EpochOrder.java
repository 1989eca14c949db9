package io.cnnlab.data.loading;

import java.util.SplittableRandom;

/**
 * The sample order of an epoch, a pure function of (seed, epoch): no generator state is carried from one
 * epoch to the next, so epoch 7 of a resumed run is epoch 7 of an uninterrupted one.
 */
public final class EpochOrder {
  private EpochOrder() {}

  /** A uniformly random permutation of {@code 0..n-1} (Fisher-Yates) drawn from (seed, epoch) alone. */
  public static int[] shuffled(int n, long seed, int epoch) {
    int[] order = identity(n);
    SplittableRandom random = new SplittableRandom(epochSeed(seed, epoch));
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    return order;
  }

  /** {@code 0..n-1} in order. */
  public static int[] identity(int n) {
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    return order;
  }

  /**
   * Seed of epoch {@code epoch}'s generator: the run seed and epoch number mixed (SplitMix64's finalizer over a
   * Weyl step), so neighbouring seeds and epochs give unrelated streams.
   */
  static long epochSeed(long seed, int epoch) {
    long z = seed + 0x9E3779B97F4A7C15L * (epoch + 1L);
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
