package io.cnnlab.runs;

import java.util.List;

/**
 * Column names of a run's {@code metrics.csv}: one row per epoch, a header row, columns read by name.
 *
 * <p>This is the one place the names and their order are defined; the trainer's CSV writer
 * ({@code training/MetricsCsv}) writes {@link #HEADER}, so a renamed column breaks the build instead of a report. Times are seconds spent in that epoch.
 */
public final class MetricsColumns {
  private MetricsColumns() {}

  /** Epoch number (integer, strictly increasing; 1-based by convention). */
  public static final String EPOCH = "epoch";
  /** Mean training loss over the epoch's minibatches. */
  public static final String TRAIN_LOSS = "train_loss";
  /** Fraction of training examples classified correctly during the epoch, 0..1. */
  public static final String TRAIN_ACCURACY = "train_accuracy";
  /** Fraction of test examples classified correctly after the epoch, 0..1. */
  public static final String TEST_ACCURACY = "test_accuracy";

  /** Mean loss on the test set after the epoch. */
  public static final String TEST_LOSS = "test_loss";
  /** Training examples per second of training time (wait, feeding and step). */
  public static final String EXAMPLES_PER_SECOND = "examples_per_second";
  /** Wall-clock duration of the whole epoch, evaluation and checkpoint included. */
  public static final String WALL_SECONDS = "wall_seconds";
  /** Time the training loop waited for the data loader to hand over a batch. */
  public static final String DATA_WAIT_SECONDS = "data_wait_seconds";
  /** Time spent copying batches into tensors (feeding). */
  public static final String FEED_SECONDS = "feed_seconds";
  /** Time spent in session runs of the training step. */
  public static final String STEP_SECONDS = "step_seconds";
  /** Time spent evaluating on the test set. */
  public static final String EVAL_SECONDS = "eval_seconds";
  /** Time spent writing checkpoints. */
  public static final String CHECKPOINT_SECONDS = "checkpoint_seconds";
  /** Learning rate in force during the epoch. */
  public static final String LEARNING_RATE = "learning_rate";

  /** Every column, in the order the trainer writes them. */
  public static final List<String> HEADER = List.of(
      EPOCH, TRAIN_LOSS, TRAIN_ACCURACY, TEST_LOSS, TEST_ACCURACY, EXAMPLES_PER_SECOND, WALL_SECONDS,
      DATA_WAIT_SECONDS, FEED_SECONDS, STEP_SECONDS, EVAL_SECONDS, CHECKPOINT_SECONDS, LEARNING_RATE);

  /** Columns every metrics.csv must have. */
  public static final List<String> REQUIRED = List.of(EPOCH, TRAIN_LOSS, TRAIN_ACCURACY, TEST_ACCURACY);

  /** Columns read when present; an empty cell in one of them reads as NaN (not measured that epoch). */
  public static final List<String> OPTIONAL =
      List.of(
          TEST_LOSS,
          EXAMPLES_PER_SECOND,
          WALL_SECONDS,
          DATA_WAIT_SECONDS,
          FEED_SECONDS,
          STEP_SECONDS,
          EVAL_SECONDS,
          CHECKPOINT_SECONDS,
          LEARNING_RATE);
}
