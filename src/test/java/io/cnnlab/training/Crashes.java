package io.cnnlab.training;

/** Listeners that stop a run the way a killed process would, for the tests of resuming. */
final class Crashes {
  private Crashes() {}

  /** Throws once epoch {@code epoch} has ended (its metrics reported, its checkpoint saved). */
  static TrainListener afterEpoch(int epoch) {
    return new TrainListener() {
      @Override
      public void onEpochEnd(EpochMetrics m) {
        if (m.epoch() == epoch) {
          throw new IllegalStateException("simulated crash after epoch " + epoch);
        }
      }
    };
  }

  /** Throws after step {@code step} of epoch {@code epoch}, in the middle of the epoch. */
  static TrainListener atStep(int epoch, int step) {
    return new TrainListener() {
      @Override
      public void onStep(StepProgress p) {
        if (p.epoch() == epoch && p.step() == step) {
          throw new IllegalStateException("simulated crash at step " + step + " of epoch " + epoch);
        }
      }
    };
  }
}
