package io.cnnlab.training.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cnnlab.training.TrainConfig;
import org.junit.jupiter.api.Test;

/** Schedule factors against values worked out by hand. */
class LearningRateScheduleTest {
  private static final double EPS = 1e-12;

  @Test
  void constantIsOneEverywhere() {
    LearningRateSchedule s = LearningRateSchedule.constant();
    assertEquals(1.0, s.factor(0, 0, 10), EPS);
    assertEquals(1.0, s.factor(99, 9, 10), EPS);
  }

  @Test
  void stepDecayHalvesEveryTwoEpochs() {
    LearningRateSchedule s = LearningRateSchedule.stepDecay(2, 0.5);
    double[] expected = {1, 1, 0.5, 0.5, 0.25, 0.25};
    for (int epoch = 0; epoch < expected.length; epoch++) {
      assertEquals(expected[epoch], s.factor(epoch, 3, 4), EPS, "epoch " + epoch);
    }
  }

  @Test
  void cosineFollowsHalfACosineDownToTheFinalFraction() {
    LearningRateSchedule s = LearningRateSchedule.cosine(4, 0.1);
    assertEquals(1.0, s.factor(0, 0, 4), EPS);
    // Halfway (t = 2 of 4): 0.1 + 0.9 * (1 + cos(pi/2)) / 2 = 0.55.
    assertEquals(0.55, s.factor(2, 0, 4), EPS);
    // t = 1.5: cos(3 pi / 8) = 0.38268343236; 0.1 + 0.9 * 1.38268343236 / 2 = 0.72220754456.
    assertEquals(0.72220754456, s.factor(1, 2, 4), 1e-10);
    // At and after the horizon: the final fraction.
    assertEquals(0.1, s.factor(4, 0, 4), EPS);
    assertEquals(0.1, s.factor(7, 3, 4), EPS);
  }

  @Test
  void warmUpRampsLinearlyOverItsEpochsThenHandsOver() {
    LearningRateSchedule s = LearningRateSchedule.warmUp(1, LearningRateSchedule.stepDecay(2, 0.5));
    assertEquals(0.25, s.factor(0, 0, 4), EPS);
    assertEquals(0.50, s.factor(0, 1, 4), EPS);
    assertEquals(0.75, s.factor(0, 2, 4), EPS);
    assertEquals(1.00, s.factor(0, 3, 4), EPS);
    assertEquals(1.00, s.factor(1, 0, 4), EPS);
    assertEquals(0.50, s.factor(2, 0, 4), EPS);
    // Two warm-up epochs of 2 steps: 1/4, 2/4, 3/4, 4/4 of the inner factor.
    LearningRateSchedule two = LearningRateSchedule.warmUp(2, LearningRateSchedule.constant());
    assertEquals(0.75, two.factor(1, 0, 2), EPS);
  }

  @Test
  void theConfigScalesTheBaseRate() {
    TrainConfig c = TrainConfig.builder().learningRate(0.2).schedule(LearningRateSchedule.stepDecay(1, 0.1)).build();
    assertEquals(0.2, c.learningRateAt(0, 0, 5), EPS);
    assertEquals(0.02, c.learningRateAt(1, 4, 5), EPS);
  }

  @Test
  void canonicalTextNamesEveryParameter() {
    assertEquals("warmup(epochs=2,cosine(epochs=10,final=0.05))",
        LearningRateSchedule.warmUp(2, LearningRateSchedule.cosine(10, 0.05)).canonical());
    assertEquals("step(every=3,gamma=0.1)", LearningRateSchedule.stepDecay(3, 0.1).canonical());
    assertEquals("constant", LearningRateSchedule.constant().canonical());
  }

  @Test
  void badParametersAndPositionsAreRejected() {
    var e = assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.stepDecay(0, 0.5));
    assertEquals("step decay interval must be >= 1 epoch, got 0", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.cosine(5, 1.5));
    assertEquals("cosine final fraction of the base rate must be in [0, 1], got 1.5", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.constant().factor(0, 4, 4));
    assertEquals("schedule position must satisfy epoch >= 0 and 0 <= step < stepsPerEpoch, got epoch 0, "
        + "step 4, stepsPerEpoch 4", e.getMessage());
  }
}
