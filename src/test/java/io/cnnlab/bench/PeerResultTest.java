package io.cnnlab.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Parsing the peers' output lines (format: bench/peers/README.md). */
class PeerResultTest {
  private static final List<String> OUTPUT = List.of(
      "# run-peers 2026-11-28T13:01:10Z cores=2 cpu=\"AMD EPYC\" threads=2 malloc=tuned",
      "peer=djl-pytorch-2.7.1 djl=0.36.0 native=2.7.1-20250812 model=lenet-textbook mode=train bs=256 threads=2"
          + " img_per_s=16545.4 rounds=3 steps=50 warmup=10 min_img_per_s=14867.4 max_img_per_s=18257.2 malloc=tuned",
      "peer=python-pytorch-1.13.0a0 python=3.11.2 model=lenet-relu-max mode=infer bs=64 threads=1 img_per_s=7539.9"
          + " malloc=default",
      "peer=djl-mxnet status=unavailable reason=maven-build-failed:bench/peers/djl/target/build-mxnet.log",
      "peer=djl-pytorch-2.7.1 model=lenet-textbook bs=256 threads=2 epochs=10 lr=0.9 seed=42 train_loss=0.4"
          + " test_acc=0.81 train_s=30.1 malloc=tuned",
      "",
      "run-peers: some diagnostic that went to stdout");

  @Test
  void readsThroughputAndUnavailableLinesAndSkipsTheRest() {
    List<PeerResult> results = PeerResult.parse(OUTPUT);
    assertEquals(3, results.size(), "two throughput lines and one unavailable line; accuracy and context skipped");

    PeerResult torch = results.get(0);
    assertEquals("djl-pytorch-2.7.1", torch.peer());
    assertEquals("lenet-textbook", torch.model());
    assertEquals(Mode.TRAIN, torch.mode());
    assertEquals(256, torch.batch());
    assertEquals(2, torch.threads());
    assertEquals(16545.4, torch.imagesPerSecond(), 1e-9);
    assertEquals("tuned", torch.malloc());
    assertTrue(torch.available());

    PeerResult python = results.get(1);
    assertEquals(Mode.INFER, python.mode());
    assertEquals(64, python.batch());
    assertEquals("default", python.malloc());

    PeerResult mxnet = results.get(2);
    assertFalse(mxnet.available());
    assertEquals("maven-build-failed:bench/peers/djl/target/build-mxnet.log", mxnet.unavailableReason());
  }

  @Test
  void shortNameDropsTheVersion() {
    assertEquals("djl-pytorch", PeerResult.parse(OUTPUT).get(0).shortName());
    assertEquals("python-pytorch", PeerResult.parse(OUTPUT).get(1).shortName());
    assertEquals("djl-mxnet", PeerResult.parse(OUTPUT).get(2).shortName());
    assertEquals("djl-mxnet", new PeerResult("djl-mxnet-1.9.0", "m", Mode.TRAIN, 1, 1, 1, "tuned", null).shortName());
  }

  @Test
  void malformedResultLinesNameTheProblem() {
    var missing = assertThrows(IllegalArgumentException.class, () -> PeerResult.parse(
        List.of("peer=x-1.0 model=lenet-textbook mode=train threads=2 img_per_s=5")));
    assertTrue(missing.getMessage().contains("no bs="), missing.getMessage());
    var notNumber = assertThrows(IllegalArgumentException.class, () -> PeerResult.parse(
        List.of("peer=x-1.0 model=lenet-textbook mode=train bs=64 threads=2 img_per_s=fast")));
    assertTrue(notNumber.getMessage().contains("img_per_s=fast is not a number"), notNumber.getMessage());
    var noPair = assertThrows(IllegalArgumentException.class, () -> PeerResult.parse(
        List.of("peer=x-1.0 model=lenet-textbook garbage mode=train")));
    assertTrue(noPair.getMessage().contains("'garbage'"), noPair.getMessage());
    var badMode = assertThrows(IllegalArgumentException.class, () -> PeerResult.parse(
        List.of("peer=x-1.0 model=lenet-textbook mode=fly bs=64 threads=2 img_per_s=5")));
    assertTrue(badMode.getMessage().contains("'fly'"), badMode.getMessage());
  }
}
