package io.cnnlab.training;

import io.cnnlab.runs.FeatureMaps;
import java.util.List;

/** Observes a training run. All methods run on the training thread; keep them quick. */
public interface TrainListener {
  /**
   * Called once before the first step.
   *
   * @param start what the run will do, including the epochs restored from a checkpoint
   */
  default void onStart(RunStart start) {}

  /** Called after every training step. */
  default void onStep(StepProgress progress) {}

  /** Called after each epoch's evaluation and checkpoint. */
  default void onEpochEnd(EpochMetrics metrics) {}

  /** Called once after the last epoch. */
  default void onFinish(TrainResult result) {}

  /** Called once if the run stops with an exception (a non-finite loss, an I/O error). */
  default void onFailure(Exception cause) {}

  /**
   * Called once after {@link #onFinish}, with the feature maps of the final weights, by what computes them (a
   * {@code TrainingJob}, which writes them into the run folder's {@code features/}); the trainer never calls it.
   */
  default void onFeatureMaps(FeatureMaps maps) {}

  /**
   * The start of a run.
   *
   * @param epochs total epochs of the run
   * @param firstEpoch 1-based epoch the run starts with (1, or one past the restored checkpoint)
   * @param stepsPerEpoch training batches per epoch
   * @param samplesPerEpoch training samples per epoch
   * @param history metrics of the epochs completed before (restored from the checkpoint), oldest first
   * @param model the model being trained, readable from the listener calls until the run ends; null where no
   *     model trains (a run a test simulates)
   */
  record RunStart(int epochs, int firstEpoch, int stepsPerEpoch, int samplesPerEpoch, List<EpochMetrics> history,
      LiveModel model) {
    public RunStart {
      history = List.copyOf(history);
    }

    /** A start without a model to read. */
    public RunStart(int epochs, int firstEpoch, int stepsPerEpoch, int samplesPerEpoch, List<EpochMetrics> history) {
      this(epochs, firstEpoch, stepsPerEpoch, samplesPerEpoch, history, null);
    }
  }

  /**
   * Progress after one training step.
   *
   * @param epoch 1-based epoch
   * @param epochs total epochs of the run
   * @param step 1-based step within the epoch
   * @param stepsPerEpoch steps in the epoch
   * @param samples training samples seen so far this epoch
   * @param epochNanos wall-clock nanoseconds since the epoch started
   * @param meanLoss mean training loss so far this epoch
   * @param accuracy training accuracy so far this epoch
   * @param learningRate the rate fed to this step
   */
  record StepProgress(
      int epoch, int epochs, int step, int stepsPerEpoch, long samples, long epochNanos, double meanLoss,
      double accuracy, double learningRate) {}
}
