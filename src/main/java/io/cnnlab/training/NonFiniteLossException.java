package io.cnnlab.training;

import java.math.BigDecimal;
import java.math.MathContext;

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
        + " (learning rate " + brief(learningRate) + "); try a lower learning rate (--learning-rate)");
    this.epoch = epoch;
    this.step = step;
    this.learningRate = learningRate;
    this.loss = loss;
  }

  /** The rate to 6 significant digits without trailing zeros: 0.9, 0.05, 5E+28. */
  static String brief(double rate) {
    if (!Double.isFinite(rate)) {
      return Double.toString(rate);
    }
    return new BigDecimal(rate, new MathContext(6)).stripTrailingZeros().toString();
  }

  /** 1-based epoch of the failed step. */
  public int epoch() {
    return epoch;
  }

  /** 1-based step within the epoch. */
  public int step() {
    return step;
  }

  /** Rate fed at the failed step. */
  public double learningRate() {
    return learningRate;
  }

  /** The loss the step returned: NaN or infinite. */
  public float loss() {
    return loss;
  }
}
