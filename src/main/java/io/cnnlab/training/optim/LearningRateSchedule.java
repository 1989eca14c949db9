package io.cnnlab.training.optim;

/**
 * How the learning rate changes during a run, as a factor of the configured base rate (the design of
 * PyTorch's {@code LambdaLR}): the rate at a step is {@code baseRate * factor(epoch, step, stepsPerEpoch)}.
 *
 * <p>Factors are computed in Java and the resulting rate is fed to the graph at every step, so a schedule
 * never changes the graph. Epochs and steps are 0-based here; {@code stepsPerEpoch} lets cosine and warm-up
 * move smoothly inside an epoch.
 */
public interface LearningRateSchedule {
  /**
   * Factor of the base rate at step {@code step} (0-based, within the epoch) of epoch {@code epoch}
   * (0-based), when an epoch has {@code stepsPerEpoch} steps.
   */
  double factor(int epoch, int step, int stepsPerEpoch);

  /** Stable text naming the schedule and every parameter; part of the run's identity hash. */
  String canonical();

  /** The base rate throughout. */
  static LearningRateSchedule constant() {
    return new Constant();
  }

  /** Multiplies the rate by {@code gamma} every {@code everyEpochs} epochs (PyTorch's {@code StepLR}). */
  static LearningRateSchedule stepDecay(int everyEpochs, double gamma) {
    return new StepDecay(everyEpochs, gamma);
  }

  /**
   * Half a cosine from the base rate down to {@code finalFraction * base} over {@code totalEpochs} epochs,
   * evaluated at the fractional epoch {@code epoch + step / stepsPerEpoch}; flat at the final rate after.
   */
  static LearningRateSchedule cosine(int totalEpochs, double finalFraction) {
    return new Cosine(totalEpochs, finalFraction);
  }

  /**
   * Linear warm-up: over the first {@code warmupEpochs} epochs the factor of {@code inner} is scaled by
   * {@code (globalStep + 1) / (warmupEpochs * stepsPerEpoch)}, so the first step already trains and the last
   * warm-up step reaches {@code inner}'s full rate.
   */
  static LearningRateSchedule warmUp(int warmupEpochs, LearningRateSchedule inner) {
    return new WarmUp(warmupEpochs, inner);
  }

  private static void checkPosition(int epoch, int step, int stepsPerEpoch) {
    if (epoch < 0 || step < 0 || stepsPerEpoch < 1 || step >= stepsPerEpoch) {
      throw new IllegalArgumentException(
          "schedule position must satisfy epoch >= 0 and 0 <= step < stepsPerEpoch, got epoch " + epoch
              + ", step " + step + ", stepsPerEpoch " + stepsPerEpoch);
    }
  }

  /** See {@link LearningRateSchedule#constant()}. */
  record Constant() implements LearningRateSchedule {
    @Override
    public double factor(int epoch, int step, int stepsPerEpoch) {
      checkPosition(epoch, step, stepsPerEpoch);
      return 1.0;
    }

    @Override
    public String canonical() {
      return "constant";
    }
  }

  /** See {@link LearningRateSchedule#stepDecay(int, double)}. */
  record StepDecay(int everyEpochs, double gamma) implements LearningRateSchedule {
    public StepDecay {
      if (everyEpochs < 1) {
        throw new IllegalArgumentException("step decay interval must be >= 1 epoch, got " + everyEpochs);
      }
      if (!(gamma > 0 && gamma <= 1)) {
        throw new IllegalArgumentException("step decay factor gamma must be in (0, 1], got " + gamma);
      }
    }

    @Override
    public double factor(int epoch, int step, int stepsPerEpoch) {
      checkPosition(epoch, step, stepsPerEpoch);
      return Math.pow(gamma, epoch / everyEpochs);
    }

    @Override
    public String canonical() {
      return "step(every=" + everyEpochs + ",gamma=" + gamma + ")";
    }
  }

  /** See {@link LearningRateSchedule#cosine(int, double)}. */
  record Cosine(int totalEpochs, double finalFraction) implements LearningRateSchedule {
    public Cosine {
      if (totalEpochs < 1) {
        throw new IllegalArgumentException("cosine schedule needs totalEpochs >= 1, got " + totalEpochs);
      }
      if (!(finalFraction >= 0 && finalFraction <= 1)) {
        throw new IllegalArgumentException(
            "cosine final fraction of the base rate must be in [0, 1], got " + finalFraction);
      }
    }

    @Override
    public double factor(int epoch, int step, int stepsPerEpoch) {
      checkPosition(epoch, step, stepsPerEpoch);
      double t = Math.min(epoch + (double) step / stepsPerEpoch, totalEpochs);
      return finalFraction + (1 - finalFraction) * (1 + Math.cos(Math.PI * t / totalEpochs)) / 2;
    }

    @Override
    public String canonical() {
      return "cosine(epochs=" + totalEpochs + ",final=" + finalFraction + ")";
    }
  }

  /** See {@link LearningRateSchedule#warmUp(int, LearningRateSchedule)}. */
  record WarmUp(int warmupEpochs, LearningRateSchedule inner) implements LearningRateSchedule {
    public WarmUp {
      if (warmupEpochs < 1) {
        throw new IllegalArgumentException("warm-up needs warmupEpochs >= 1, got " + warmupEpochs);
      }
      if (inner == null) {
        throw new IllegalArgumentException("warm-up needs the schedule it wraps, got null");
      }
    }

    @Override
    public double factor(int epoch, int step, int stepsPerEpoch) {
      double full = inner.factor(epoch, step, stepsPerEpoch);
      long globalStep = (long) epoch * stepsPerEpoch + step;
      long warmupSteps = (long) warmupEpochs * stepsPerEpoch;
      return globalStep < warmupSteps ? full * (globalStep + 1) / warmupSteps : full;
    }

    @Override
    public String canonical() {
      return "warmup(epochs=" + warmupEpochs + "," + inner.canonical() + ")";
    }
  }
}
