package io.cnnlab.ops.conv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/** Element-wise comparison with absolute and relative tolerance, reporting the worst element. */
final class Close {
  private Close() {}

  /** Fails unless {@code |actual - expected| <= atol + rtol * |expected|} everywhere. */
  static void assertClose(float[] expected, float[] actual, double atol, double rtol, String what) {
    assertEquals(expected.length, actual.length, what + ": length");
    int worst = -1;
    double worstExcess = 0;
    for (int i = 0; i < expected.length; i++) {
      double diff = Math.abs((double) actual[i] - expected[i]);
      double excess = diff - (atol + rtol * Math.abs(expected[i]));
      if (excess > worstExcess || Double.isNaN(diff)) {
        worst = i;
        worstExcess = Double.isNaN(diff) ? Double.POSITIVE_INFINITY : excess;
      }
    }
    if (worst >= 0) {
      fail(what + ": element " + worst + " is " + actual[worst] + ", expected " + expected[worst] + " (atol " + atol
          + ", rtol " + rtol + ")");
    }
  }
}
