package io.cnnlab.nn;

import java.nio.charset.StandardCharsets;

/**
 * Derives the seed of each random op from one model seed and the op's name.
 *
 * <p>Deriving by name (not by creation order) keeps a variable's initial value stable when layers are added
 * or removed elsewhere in the network, and makes two builds with the same seed identical.
 */
public final class Seeds {
  private Seeds() {}

  /** A well-mixed 64-bit value for {@code (seed, name)}. */
  public static long derive(long seed, String name) {
    return mix(seed ^ mix(fnv1a(name)));
  }

  /**
   * The two-element seed of TensorFlow's stateless random ops for {@code (seed, name)}.
   *
   * @return {@code {derive(seed, name), a second independent value}}
   */
  public static long[] statelessPair(long seed, String name) {
    long first = derive(seed, name);
    return new long[] {first, mix(first + 0x9E3779B97F4A7C15L)};
  }

  // SplitMix64 finalizer: spreads nearby inputs (seed 1, 2, 3...) over the whole 64-bit range.
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  // FNV-1a over UTF-8 bytes: a stable 64-bit string hash (String.hashCode has only 32 bits).
  private static long fnv1a(String s) {
    long h = 0xCBF29CE484222325L;
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      h ^= b & 0xFF;
      h *= 0x100000001B3L;
    }
    return h;
  }
}
