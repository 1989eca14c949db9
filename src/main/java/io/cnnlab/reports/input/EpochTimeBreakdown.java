package io.cnnlab.reports.input;

import io.cnnlab.runs.MetricsColumns;
import java.util.List;

/**
 * Where an epoch's time goes, in seconds per epoch: waiting for data, feeding tensors, training steps,
 * evaluation, and the rest of the wall time (checkpoints, logging), from the timing columns of metrics.
 *
 * @param label the run or variant, e.g. "2 workers"
 */
public record EpochTimeBreakdown(String label, double dataWait, double feed, double step, double eval, double other) {
  /** Component names in stacking order, as shown in legends and CSV headers. */
  public static final List<String> COMPONENTS = List.of("data wait", "feeding", "step", "evaluation", "other");

  /** The components in {@link #COMPONENTS} order. */
  public double[] components() {
    return new double[] {dataWait, feed, step, eval, other};
  }

  /** Sum of the components: the mean wall time of an epoch. */
  public double total() {
    return dataWait + feed + step + eval + other;
  }

  /**
   * Mean per-epoch time of one or more runs (seeds pooled). With {@code skipFirstEpoch} the first epoch of
   * each run is left out when a run has more than one, because it carries one-time costs (graph
   * optimization, warm caches). Missing timing columns count as 0; "other" is wall time minus the measured
   * parts when {@code wall_seconds} is recorded (never negative), else checkpoint time.
   *
   * @throws IllegalArgumentException when no run has any timing column
   */
  public static EpochTimeBreakdown fromMetrics(String label, List<MetricsTable> runs, boolean skipFirstEpoch) {
    double[] sums = new double[5];
    int epochs = 0;
    boolean anyTiming = false;
    for (MetricsTable run : runs) {
      anyTiming |= hasTiming(run);
      int from = skipFirstEpoch && run.size() > 1 ? 1 : 0;
      double[] wait = orZeros(run, MetricsColumns.DATA_WAIT_SECONDS);
      double[] feed = orZeros(run, MetricsColumns.FEED_SECONDS);
      double[] step = orZeros(run, MetricsColumns.STEP_SECONDS);
      double[] eval = orZeros(run, MetricsColumns.EVAL_SECONDS);
      double[] checkpoint = orZeros(run, MetricsColumns.CHECKPOINT_SECONDS);
      double[] wall = run.hasColumn(MetricsColumns.WALL_SECONDS) ? run.column(MetricsColumns.WALL_SECONDS) : null;
      for (int i = from; i < run.size(); i++) {
        double measured = wait[i] + feed[i] + step[i] + eval[i];
        double other = wall != null && !Double.isNaN(wall[i]) ? Math.max(0, wall[i] - measured) : checkpoint[i];
        sums[0] += wait[i];
        sums[1] += feed[i];
        sums[2] += step[i];
        sums[3] += eval[i];
        sums[4] += other;
        epochs++;
      }
    }
    if (!anyTiming) {
      throw new IllegalArgumentException("no timing columns in the metrics of " + label);
    }
    for (int k = 0; k < sums.length; k++) {
      sums[k] /= Math.max(1, epochs);
    }
    return new EpochTimeBreakdown(label, sums[0], sums[1], sums[2], sums[3], sums[4]);
  }

  /** Whether the run recorded any of the per-epoch timing columns. */
  public static boolean hasTiming(MetricsTable run) {
    return run.hasColumn(MetricsColumns.DATA_WAIT_SECONDS)
        || run.hasColumn(MetricsColumns.FEED_SECONDS)
        || run.hasColumn(MetricsColumns.STEP_SECONDS)
        || run.hasColumn(MetricsColumns.EVAL_SECONDS)
        || run.hasColumn(MetricsColumns.WALL_SECONDS);
  }

  private static double[] orZeros(MetricsTable run, String column) {
    double[] values = run.hasColumn(column) ? run.column(column) : new double[run.size()];
    for (int i = 0; i < values.length; i++) {
      if (Double.isNaN(values[i])) {
        values[i] = 0;
      }
    }
    return values;
  }
}
