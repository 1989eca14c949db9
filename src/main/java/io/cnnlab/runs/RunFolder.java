package io.cnnlab.runs;

import java.nio.file.Path;

/**
 * The layout of one run's folder, defined once: {@code manifest.json} ({@link RunManifest}), for training runs
 * {@code metrics.csv} ({@link MetricsColumns}), {@code predictions.csv} ({@link PredictionsColumns}),
 * {@code checkpoint/} (the trainer's), {@code features/} ({@link FeatureFiles}) and, unless turned off,
 * {@code tensorboard/} (TensorBoard's event files); other kinds list their own files in the manifest's
 * {@code outputs}.
 *
 * @param dir the run's folder
 */
public record RunFolder(Path dir) {
  public static final String MANIFEST = "manifest.json";
  public static final String METRICS = "metrics.csv";
  public static final String PREDICTIONS = "predictions.csv";
  public static final String CHECKPOINT = "checkpoint";
  public static final String FEATURES = "features";
  public static final String TENSORBOARD = "tensorboard";

  public Path manifest() {
    return dir.resolve(MANIFEST);
  }

  public Path metrics() {
    return dir.resolve(METRICS);
  }

  public Path predictions() {
    return dir.resolve(PREDICTIONS);
  }

  public Path checkpoint() {
    return dir.resolve(CHECKPOINT);
  }

  public Path features() {
    return dir.resolve(FEATURES);
  }

  public Path tensorboard() {
    return dir.resolve(TENSORBOARD);
  }
}
