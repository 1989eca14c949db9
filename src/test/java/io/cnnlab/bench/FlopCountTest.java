package io.cnnlab.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cnnlab.models.Summary;
import org.junit.jupiter.api.Test;

/** The FLOP convention against hand counts. */
class FlopCountTest {
  /**
   * Textbook LeNet's forward MACs per image, by hand: conv1 5*5*1*6 weights at 28*28 positions, conv2 5*5*6*16
   * at 10*10, dense 400*120, 120*84, 84*10.
   */
  private static final long LENET_MACS = 5 * 5 * 6 * 28 * 28 + 5 * 5 * 6 * 16 * 10 * 10 + 400 * 120 + 120 * 84 + 84 * 10;

  @Test
  void lenetTrainingStepIsThreeForwardPassesOfTwoFlopPerMac() {
    assertEquals(416_520, LENET_MACS);
    long macs = Summary.of(BenchModel.LENET_TEXTBOOK.build()).macs();
    assertEquals(LENET_MACS, macs, "the summary's MACs are the hand count");
    assertEquals(3 * 2 * 416_520.0, FlopCount.perImage(Mode.TRAIN, macs));
    assertEquals(2 * 416_520.0, FlopCount.perImage(Mode.INFER, macs));
  }

  @Test
  void gflopsAndMatmulFlops() {
    // 2,499,120 FLOP per image at 20,000 images/s = 49.98 GFLOP/s
    assertEquals(49.9824, FlopCount.gflops(2_499_120, 20_000), 1e-9);
    assertEquals(2.0 * 2 * 3 * 4, FlopCount.matmul(2, 3, 4));
    assertEquals(2.0 * 2048 * 2048 * 2048, FlopCount.matmul(2048, 2048, 2048));
  }
}
