package io.cnnlab.training;

/**
 * What one epoch measured.
 *
 * <p>Losses are mean softmax cross-entropy per sample (without the weight-decay term); the training loss
 * and accuracy are accumulated over the epoch's steps as they run, before each step's update, as the
 * textbook does. {@code examplesPerSecond} is the textbook's rate: training samples divided by the summed
 * time of its timed region, which is moving a batch in ({@code feedSeconds}) plus the training step
 * ({@code stepSeconds}); waiting for data, evaluation and checkpointing are outside it.
 *
 * @param epoch 1-based epoch number
 * @param train mean training loss and accuracy over the epoch's samples, accumulated as the steps ran
 * @param test mean test loss and accuracy (evaluation mode) after the epoch
 * @param timing where the epoch's time went, and the textbook's rate
 * @param learningRate rate fed at the epoch's last step
 */
public record EpochMetrics(int epoch, Pass train, Pass test, Timing timing, double learningRate) {
  /**
   * A pass over a data source.
   *
   * @param loss mean loss per sample
   * @param accuracy fraction of samples classified correctly
   */
  public record Pass(double loss, double accuracy) {}

  /**
   * Where an epoch's time went, in seconds.
   *
   * @param examplesPerSecond training samples / (feedSeconds + stepSeconds)
   * @param wallSeconds wall-clock time of the whole epoch, evaluation and checkpoint included
   * @param dataWaitSeconds time blocked waiting for the training source's next batch
   * @param feedSeconds time turning training batches into tensors
   * @param stepSeconds time in the session runs of the training step
   * @param evalSeconds time evaluating on the test source
   * @param checkpointSeconds time writing the checkpoint (0 when none was due)
   */
  public record Timing(double examplesPerSecond, double wallSeconds, double dataWaitSeconds, double feedSeconds,
      double stepSeconds, double evalSeconds, double checkpointSeconds) {
    /** The same times with the checkpoint's filled in, and added to the wall time. */
    public Timing withCheckpoint(double seconds) {
      return new Timing(examplesPerSecond, wallSeconds + seconds, dataWaitSeconds, feedSeconds, stepSeconds,
          evalSeconds, seconds);
    }
  }

  /** The same metrics with the checkpoint time (and the wall time it adds to) filled in. */
  public EpochMetrics withCheckpoint(double seconds) {
    return new EpochMetrics(epoch, train, test, timing.withCheckpoint(seconds), learningRate);
  }

  /** True when the quantities a deterministic run must reproduce (all but the timings) are identical. */
  public boolean sameResults(EpochMetrics other) {
    return epoch == other.epoch && train.equals(other.train) && test.equals(other.test)
        && Double.compare(learningRate, other.learningRate) == 0;
  }
}
