package io.cnnlab.training;

import io.cnnlab.graph.Execution;
import java.nio.file.Path;
import java.util.List;

/**
 * The outcome of a finished run.
 *
 * @param history metrics of every epoch, restored ones included, oldest first
 * @param resumedAfterEpoch epochs restored from a checkpoint (0 for a fresh run)
 * @param outputDir the run's directory (metrics, checkpoint, predictions)
 * @param predictionsFile test-set predictions, one row per test sample: index, label, predicted
 * @param runHash the configuration-and-identity hash the checkpoint carries
 * @param execution how the run computed: its graph's forms, towers and threads
 */
public record TrainResult(List<EpochMetrics> history, int resumedAfterEpoch, Path outputDir, Path predictionsFile,
    String runHash, Execution execution) {
  public TrainResult {
    history = List.copyOf(history);
  }

  /** Metrics of the last epoch. */
  public EpochMetrics last() {
    if (history.isEmpty()) {
      throw new IllegalStateException("the run has no completed epoch");
    }
    return history.get(history.size() - 1);
  }
}
