package io.cnnlab.ops.conv;

import java.util.Random;

/** Seeded test and benchmark data. */
final class Randoms {
  private Randoms() {}

  /** Fills {@code values} with uniform floats in [-1, 1). */
  static void fill(Random random, float[] values) {
    for (int i = 0; i < values.length; i++) {
      values[i] = random.nextFloat() * 2f - 1f;
    }
  }
}
