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
  void dividesMatchingRowsAndAppliesTheTargetsAtBatch256() {
    List<ThroughputRow> cnnlab = List.of(
        mine("lenet-textbook", Mode.TRAIN, 256, 2, 24_000),
        mine("lenet-textbook", Mode.TRAIN, 64, 2, 12_000),
        mine("lenet-textbook", Mode.INFER, 256, 2, 60_000),
        mine("lenet-textbook", Mode.TRAIN, 256, 1, 15_000),
        mine("lenet-relu-max-bn", Mode.TRAIN, 256, 2, 18_000),
        mine("lenet-relu-max", Mode.INFER, 256, 2, 70_000));
    List<PeerResult> peers = List.of(
        peer("djl-pytorch-2.7.1", "lenet-textbook", Mode.TRAIN, 256, 2, 20_000),
        peer("djl-mxnet-1.9.0", "lenet-textbook", Mode.TRAIN, 256, 2, 16_000),
        peer("python-pytorch-1.13.0a0", "lenet-textbook", Mode.TRAIN, 256, 2, 12_500),
        peer("djl-pytorch-2.7.1", "lenet-textbook", Mode.TRAIN, 64, 2, 8_000),
        peer("djl-pytorch-2.7.1", "lenet-textbook", Mode.INFER, 256, 2, 40_000),
        peer("djl-pytorch-2.7.1", "lenet-relu-max", Mode.TRAIN, 256, 2, 30_000), // no cnnlab row: left out
        peer("djl-pytorch-2.7.1", "lenet-textbook", Mode.TRAIN, 256, 1, 10_000),
        peer("djl-pytorch-2.7.1", "lenet-relu-max-bn", Mode.TRAIN, 256, 2, 16_000),
        peer("djl-pytorch-2.7.1", "lenet-relu-max", Mode.INFER, 256, 2, 35_000),
        new PeerResult("djl-mxnet", null, null, 0, 0, Double.NaN, null, "java-not-found"));

    List<PeerRatios.Ratio> ratios = PeerRatios.compute(cnnlab, peers);
    assertEquals(8, ratios.size());

    PeerRatios.Ratio torch = ratios.get(0);
    assertEquals(1.2, torch.ratio(), 1e-12); // 24,000 / 20,000
    assertEquals(1.5, torch.target());
    assertFalse(torch.meetsTarget());

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
    assertEquals(1.5, infer.ratio(), 1e-12); // 60,000 / 40,000
    assertEquals(1.5, infer.target(), "the textbook LeNet's inference has a target");
    assertTrue(infer.meetsTarget(), "exactly at the target counts as met");

    PeerRatios.Ratio oneThread = ratios.get(5);
    assertEquals(1, oneThread.threads());
    assertEquals(1.5, oneThread.target(), "the targets hold at 1 thread too");
    assertTrue(oneThread.meetsTarget()); // 15,000 / 10,000

    PeerRatios.Ratio norm = ratios.get(6);
    assertEquals(1.125, norm.ratio(), 1e-12); // 18,000 / 16,000
    assertEquals(1.2, norm.target());
    assertFalse(norm.meetsTarget());

    assertFalse(ratios.get(7).hasTarget(), "ReLU + max inference has no target");
  }
}
