package io.cnnlab.experiments;

import io.cnnlab.training.EpochMetrics;
import java.util.LinkedHashMap;
import java.util.Map;

/** An epoch's metrics keyed by their {@code metrics.csv} column names, as manifests and verdicts use them. */
final class EpochValues {
  private EpochValues() {}

  static Map<String, Double> of(EpochMetrics m) {
    Map<String, Double> v = new LinkedHashMap<>();
    v.put("epoch", (double) m.epoch());
    v.put("train_loss", m.trainLoss());
    v.put("train_accuracy", m.trainAccuracy());
    v.put("test_loss", m.testLoss());
    v.put("test_accuracy", m.testAccuracy());
    v.put("examples_per_second", m.examplesPerSecond());
    v.put("wall_seconds", m.wallSeconds());
    v.put("data_wait_seconds", m.dataWaitSeconds());
    v.put("feed_seconds", m.feedSeconds());
    v.put("step_seconds", m.stepSeconds());
    v.put("eval_seconds", m.evalSeconds());
    v.put("checkpoint_seconds", m.checkpointSeconds());
    v.put("learning_rate", m.learningRate());
    return v;
  }
}
