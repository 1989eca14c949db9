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
 * @param trainLoss mean training loss over the epoch's samples
 * @param trainAccuracy fraction of training samples classified correctly
 * @param testLoss mean test loss (evaluation mode) after the epoch
 * @param testAccuracy fraction of test samples classified correctly after the epoch
 * @param examplesPerSecond training samples / (feedSeconds + stepSeconds)
 * @param wallSeconds wall-clock time of the whole epoch, evaluation and checkpoint included
 * @param dataWaitSeconds time blocked waiting for the training source's next batch
 * @param feedSeconds time turning training batches into tensors
 * @param stepSeconds time in the session runs of the training step
 * @param evalSeconds time evaluating on the test source
 * @param checkpointSeconds time writing the checkpoint (0 when none was due)
 * @param learningRate rate fed at the epoch's last step
 */
public record EpochMetrics(
    int epoch,
    double trainLoss,
    double trainAccuracy,
    double testLoss,
    double testAccuracy,
    double examplesPerSecond,
    double wallSeconds,
    double dataWaitSeconds,
    double feedSeconds,
    double stepSeconds,
    double evalSeconds,
    double checkpointSeconds,
    double learningRate) {

  /** The same metrics with the checkpoint time (and the wall time it adds to) filled in. */
  public EpochMetrics withCheckpoint(double seconds) {
    return new EpochMetrics(epoch, trainLoss, trainAccuracy, testLoss, testAccuracy, examplesPerSecond,
        wallSeconds + seconds, dataWaitSeconds, feedSeconds, stepSeconds, evalSeconds, seconds, learningRate);
  }

  /** True when the quantities a deterministic run must reproduce (all but the timings) are identical. */
  public boolean sameResults(EpochMetrics other) {
    return epoch == other.epoch
        && Double.compare(trainLoss, other.trainLoss) == 0
        && Double.compare(trainAccuracy, other.trainAccuracy) == 0
        && Double.compare(testLoss, other.testLoss) == 0
        && Double.compare(testAccuracy, other.testAccuracy) == 0
        && Double.compare(learningRate, other.learningRate) == 0;
  }
}
