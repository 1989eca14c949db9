package io.cnnlab.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The FLOP convention against hand counts. */
class FlopCountTest {
  /**
   * Textbook LeNet's forward MACs per image (LayerStackTest counts them by hand and SummaryTest checks the
   * built graph gives the same; the bench takes them from the graph).
   */
  private static final long LENET_MACS = 416_520;

  @Test
  void lenetTrainingStepIsThreeForwardPassesOfTwoFlopPerMac() {
    assertEquals(3 * 2 * 416_520.0, FlopCount.perImage(Mode.TRAIN, LENET_MACS));
    assertEquals(2 * 416_520.0, FlopCount.perImage(Mode.INFER, LENET_MACS));
    assertThrows(IllegalArgumentException.class, () -> FlopCount.perImage(Mode.INFER, -1));
  }

  @Test
  void gflopsAndMatmulFlops() {
    // 2,499,120 FLOP per image at 20,000 images/s = 49.98 GFLOP/s
    assertEquals(49.9824, FlopCount.gflops(2_499_120, 20_000), 1e-9);
    assertEquals(2.0 * 2 * 3 * 4, FlopCount.matmul(2, 3, 4));
    assertEquals(2.0 * 2048 * 2048 * 2048, FlopCount.matmul(2048, 2048, 2048));
  }
}
