package io.cnnlab.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cnnlab.reports.input.MetricsTable;
import io.cnnlab.reports.input.PeerRuns;
import io.cnnlab.runs.PeerCurves;
import io.cnnlab.runs.RunFileException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Numbers for people, and the peer curves a report reads. */
class NumbersTest {
  @TempDir Path tmp;

  @Test
  void significantDigitsSecondsAndRates() {
    // The raw doubles, rounded by hand to 4 significant digits.
    assertEquals("0.1011", Numbers.sig(0.10106666666666667, 4));
    assertEquals("4.281e-04", Numbers.sig(4.2808E-4, 4), "7 decimals would be needed: scientific");
    assertEquals("0.000428", Numbers.sig(4.2808E-4, 3));
    assertEquals("4.28e-08", Numbers.sig(4.2808E-8, 3));
    assertEquals("16734", Numbers.sig(16734.2, 4));
    assertEquals("0", Numbers.sig(0, 4));
    assertEquals("n/a", Numbers.sig(Double.NaN, 4));
    assertEquals("12.3 s", Numbers.seconds(12.3456));
    assertEquals("0.412 s", Numbers.seconds(0.41234));
    assertEquals("12.5 min", Numbers.seconds(750));
    assertEquals("16.7k img/s", Numbers.rate(16734, "img"));
    assertEquals("523 img/s", Numbers.rate(523.4, "img"));
    assertEquals("1.20M img/s", Numbers.rate(1.2e6, "img"));
  }

  @Test
  void peerRunsAreReadBySeedAndABadCellNamesTheFile() throws IOException {
    Path exp = tmp.resolve("lenet");
    for (int seed : new int[] {2, 1}) {
      Path f = PeerCurves.file(exp, "djl-pytorch", seed);
      Files.createDirectories(f.getParent());
      Files.writeString(f, "epoch,train_loss,test_accuracy\n1,2.3," + (0.1 * seed) + "\n2,1.2,0.6\n");
    }
    Files.writeString(exp.resolve("peers/notes.txt"), "not a peer file");

    Map<String, List<MetricsTable>> peers = PeerRuns.read(exp);

    assertEquals(List.of("djl-pytorch"), List.copyOf(peers.keySet()));
    List<MetricsTable> runs = peers.get("djl-pytorch");
    assertEquals(0.1, runs.get(0).column("test_accuracy")[0], 1e-12, "seed 1 first");
    assertEquals(0.2, runs.get(1).column("test_accuracy")[0], 1e-12);
    assertTrue(Double.isNaN(runs.get(0).last("train_accuracy")), "peers print no training accuracy");
    assertThrows(IllegalArgumentException.class, () -> PeerCurves.file(exp, "../x", 1));

    Path bad = PeerCurves.file(exp, "djl-pytorch", 3);
    Files.writeString(bad, "epoch,train_loss,test_accuracy\n1,2.3,high\n");
    RunFileException e = assertThrows(RunFileException.class, () -> PeerRuns.read(exp));
    assertEquals(bad, e.file());
  }
}
