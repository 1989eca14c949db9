package io.cnnlab.training;

/**
 * The training loss became NaN or infinite: the run stops at once. Metrics rows and checkpoints of the
 * epochs completed before stay on disk.
 */
public final class NonFiniteLossException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int epoch;
  private final int step;
  private final double learningRate;
  private final float loss;

  /**
   * @param epoch 1-based epoch
   * @param step 1-based step within the epoch
   * @param learningRate rate fed at that step
   * @param loss the non-finite loss
   */
  public NonFiniteLossException(int epoch, int step, double learningRate, float loss) {
    super("loss became " + (Float.isNaN(loss) ? "NaN" : "infinite") + " at epoch " + epoch + ", step " + step
        + " (learning rate " + learningRate + "); try a lower learning rate (--lr)");
    this.epoch = epoch;
    this.step = step;
    this.learningRate = learningRate;
    this.loss = loss;
  }

  public int epoch() {
    return epoch;
  }

  public int step() {
    return step;
  }

  public double learningRate() {
    return learningRate;
  }

  public float loss() {
    return loss;
  }
}
