package io.cnnlab.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** cnnlab/peer ratios: matching rows and the targets. */
class PeerRatiosTest {
  private static ThroughputRow mine(String model, Mode mode, int batch, int threads, double rate) {
    return new ThroughputRow(model, mode, batch, threads, 1, new Stats(rate, rate, rate, 1), 10, 1);
  }

  private static PeerResult peer(String name, String model, Mode mode, int batch, int threads, double rate) {
    return new PeerResult(name, model, mode, batch, threads, rate, "tuned", null);
  }

  @Test
  void dividesMatchingRowsAndAppliesTargetsOnlyToTextbookTrainingAtBatch256() {
    List<ThroughputRow> cnnlab = List.of(
        mine("lenet-textbook", Mode.TRAIN, 256, 2, 24_000),
        mine("lenet-textbook", Mode.TRAIN, 64, 2, 12_000),
        mine("lenet-textbook", Mode.INFER, 256, 2, 60_000),
        mine("lenet-textbook", Mode.TRAIN, 256, 1, 15_000));
    List<PeerResult> peers = List.of(
        peer("djl-pytorch-2.7.1", "lenet-textbook", Mode.TRAIN, 256, 2, 20_000),
        peer("djl-mxnet-1.9.0", "lenet-textbook", Mode.TRAIN, 256, 2, 16_000),
        peer("python-pytorch-1.13.0a0", "lenet-textbook", Mode.TRAIN, 256, 2, 12_500),
        peer("djl-pytorch-2.7.1", "lenet-textbook", Mode.TRAIN, 64, 2, 8_000),
        peer("djl-pytorch-2.7.1", "lenet-textbook", Mode.INFER, 256, 2, 40_000),
        peer("djl-pytorch-2.7.1", "lenet-relu-max", Mode.TRAIN, 256, 2, 30_000), // no cnnlab row: left out
        new PeerResult("djl-mxnet", null, null, 0, 0, Double.NaN, null, "java-not-found"));

    List<PeerRatios.Ratio> ratios = PeerRatios.compute(cnnlab, peers);
    assertEquals(5, ratios.size());

    PeerRatios.Ratio torch = ratios.get(0);
    assertEquals(1.2, torch.ratio(), 1e-12); // 24,000 / 20,000
    assertEquals(1.2, torch.target());
    assertTrue(torch.meetsTarget(), "exactly at the target counts as met");

    PeerRatios.Ratio mxnet = ratios.get(1);
    assertEquals(1.5, mxnet.ratio(), 1e-12);
    assertEquals(1.5, mxnet.target());
    assertTrue(mxnet.meetsTarget());

    PeerRatios.Ratio python = ratios.get(2);
    assertEquals(1.92, python.ratio(), 1e-12); // 24,000 / 12,500
    assertEquals(2.0, python.target());
    assertFalse(python.meetsTarget());

    PeerRatios.Ratio small = ratios.get(3);
    assertEquals(1.5, small.ratio(), 1e-12);
    assertFalse(small.hasTarget(), "batch 64 has no target");

    PeerRatios.Ratio infer = ratios.get(4);
    assertEquals(60_000.0 / 40_000, infer.ratio(), 1e-12);
    assertFalse(infer.hasTarget(), "inference has no target");
  }
}
