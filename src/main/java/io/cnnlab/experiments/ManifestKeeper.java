package io.cnnlab.experiments;

import io.cnnlab.runs.RunJson;
import io.cnnlab.runs.RunManifest;
import io.cnnlab.training.EpochMetrics;
import io.cnnlab.training.TrainListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Keeps a run's {@code manifest.json} current while it runs: written when it starts, after every training epoch
 * (as a {@link TrainListener}), and when it finishes or fails. The harness and {@code cnnlab train} both write
 * their run folders through it.
 */
public final class ManifestKeeper implements TrainListener {
  private final Path file;
  private final LongSupplier nanos;
  private final long startNanos;
  private RunManifest manifest;

  /** Writes {@code starting} to {@code file} now. */
  ManifestKeeper(Path file, RunManifest starting, LongSupplier nanos) throws IOException {
    this.file = file;
    this.nanos = nanos;
    this.startNanos = nanos.getAsLong();
    this.manifest = starting;
    RunJson.write(file, manifest);
  }

  @Override
  public void onEpochEnd(EpochMetrics m) {
    manifest = manifest.withProgress(m.epoch());
    try {
      RunJson.write(file, manifest);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The run finished after {@code epochs} epochs with {@code metrics} (values that are not finite left out: JSON
   * has no NaN) and extra {@code outputs}.
   *
   * @return the metrics as written
   */
  Map<String, Double> finished(int epochs, Map<String, Double> metrics, List<String> outputs) throws IOException {
    Map<String, Double> finite = finite(metrics);
    manifest = manifest.finished(epochs, finite, outputs, Instant.now().toString(), seconds());
    RunJson.write(file, manifest);
    return finite;
  }

  /** The run failed with {@code error}. */
  void failed(Exception error) throws IOException {
    manifest = manifest.failed(String.valueOf(error.getMessage()), Instant.now().toString(), seconds());
    RunJson.write(file, manifest);
  }

  private double seconds() {
    return (nanos.getAsLong() - startNanos) / 1e9;
  }

  private static Map<String, Double> finite(Map<String, Double> metrics) {
    Map<String, Double> out = new LinkedHashMap<>();
    metrics.forEach((k, v) -> {
      if (v != null && Double.isFinite(v)) {
        out.put(k, v);
      }
    });
    return out;
  }
}
