package io.cnnlab.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Medians, /proc status parsing, RSS traces and the memory child's output. */
class StatsAndTracesTest {
  @Test
  void medianOfOddAndEvenCounts() {
    Stats odd = Stats.of(5, 1, 4, 2, 3);
    assertEquals(3, odd.median());
    assertEquals(1, odd.min());
    assertEquals(5, odd.max());
    assertEquals(5, odd.count());
    assertEquals(2.5, Stats.of(4, 1, 3, 2).median());
    assertThrows(IllegalArgumentException.class, Stats::of);
  }

  @Test
  void parsesProcStatus() {
    String text = "Name:\tjava\nVmPeak:\t 9000000 kB\nVmHWM:\t  812345 kB\nVmRSS:\t  700001 kB\nThreads:\t40\n";
    ProcStatus s = ProcStatus.parse(text);
    assertEquals(700_001, s.rssKb());
    assertEquals(812_345, s.peakKb());
    var e = assertThrows(IllegalArgumentException.class, () -> ProcStatus.parse("VmRSS:\t 12 kB\n"));
    assertTrue(e.getMessage().contains("VmHWM"), e.getMessage());
    var units = assertThrows(IllegalArgumentException.class, () -> ProcStatus.parse("VmRSS: 12 MB\nVmHWM: 13 kB\n"));
    assertTrue(units.getMessage().contains("VmRSS: 12 MB"), units.getMessage());
  }

  @Test
  void traceGrowthAndSecondHalfSlope() {
    // Start-up jump in the first half, then +3 KiB per step.
    List<RssTrace.Sample> samples = new ArrayList<>();
    long[] rss = {1000, 5000, 5030, 5060, 5090, 5120};
    for (int i = 0; i < rss.length; i++) {
      samples.add(new RssTrace.Sample(10L * i, rss[i], rss[i] + 7, 100, 200));
    }
    RssTrace t = new RssTrace(samples);
    assertEquals(4120, t.growthKb());
    assertEquals(3.0, t.slopeOfSecondHalf(), 1e-12, "second half (samples 3..5) rises 30 KiB per 10 steps");
    assertEquals(5127, t.peakKb());
    assertThrows(IllegalStateException.class, () -> new RssTrace(samples.subList(0, 3)).slopeOfSecondHalf());
  }

  @Test
  void readsTheMemoryChildsLines() {
    List<String> lines = List.of("some log line",
        "kind=rss at=1 rss_kb=1000 peak_kb=1100 heap_used_kb=300 heap_committed_kb=512 epoch_s=4.50 wait_s=0.010 img_per_s=14000 test_acc=0.7",
        "kind=rss at=2 rss_kb=1010 peak_kb=1100 heap_used_kb=300 heap_committed_kb=640 epoch_s=4.40 wait_s=0.020 img_per_s=14100 test_acc=0.75",
        "kind=done wall_s=9.50 test_acc=0.75");
    MemoryBench.Outcome o = MemoryBench.parse("lenet", lines, 11.0);
    assertEquals(9.5, o.runSeconds());
    assertEquals(11.0, o.processSeconds());
    assertEquals(2, o.trace().samples().size());
    assertEquals(new RssTrace.Sample(2, 1010, 1100, 300, 640), o.trace().samples().get(1));
    assertEquals("0.020", o.lastLines().get(1).get("wait_s"));
    assertThrows(IllegalStateException.class, () -> MemoryBench.parse("x", List.of("kind=done wall_s=1"), 1));
  }
}
