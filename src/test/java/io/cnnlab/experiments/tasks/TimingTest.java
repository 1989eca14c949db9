package io.cnnlab.experiments.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@link Timing}: the median and minimum of measured times, and how often the task runs. */
class TimingTest {
  @Test
  void medianAndFastestOfOddAndEvenCountsByHand() {
    Timing odd = Timing.of(new double[] {3.0, 1.0, 2.0});
    assertEquals(2.0, odd.medianMs());
    assertEquals(1.0, odd.minMs());
    assertEquals(3, odd.repeats());
    Timing even = Timing.of(new double[] {4.0, 1.5, 3.0, 2.0});
    assertEquals(2.5, even.medianMs(), "mean of the two middle values 2.0 and 3.0");
    assertEquals(1.5, even.minMs());
    // 2 * 1e6 MACs in 2.5 ms = 0.8 GFLOP/s
    assertEquals(0.8, even.gflops(1_000_000), 1e-12);
    assertThrows(IllegalArgumentException.class, () -> Timing.of(new double[0]));
  }

  @Test
  void runsTheWarmUpsUntimedThenTheRepeatsAndMeasuresEach() {
    int[] calls = {0};
    // Each run waits until the clock has moved 50 microseconds on: every measured time is at least 0.05 ms.
    Runnable task = () -> {
      calls[0]++;
      long start = System.nanoTime();
      while (System.nanoTime() - start < 50_000) {
        Thread.onSpinWait();
      }
    };
    Timing t = Timing.of(task, 2, 3);
    assertEquals(5, calls[0], "2 warm-up and 3 timed runs");
    assertEquals(3, t.repeats());
    assertTrue(t.minMs() >= 0.05 && t.medianMs() >= t.minMs(), t.toString());
    assertThrows(IllegalArgumentException.class, () -> Timing.of(task, -1, 1));
    assertThrows(IllegalArgumentException.class, () -> Timing.of(task, 0, 0));
  }
}
