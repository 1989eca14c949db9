package io.cnnlab.experiments;

import io.cnnlab.graph.Execution;
import io.cnnlab.runs.RunEnvironment;
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

  /**
   * The manifest of {@code run} about to start ({@code status running}).
   *
   * @param execution how the run computes (training kinds), else null
   */
  static RunManifest starting(PlannedRun run, RunEnvironment env, Execution execution, String startedAt) {
    Declaration d = run.declaration();
    return RunManifest.builder().experiment(d.id()).run(run.name()).variant(run.variant().name()).seed(run.seed())
        .kind(d.kind().token()).dataset(d.dataset()).model(RunJson.toObject(run.settings().model()))
        .smoke(run.configuration().get("smoke").equals("true")).configuration(run.configuration())
        .configHash(run.configHash()).settings(run.settings().given()).environment(env)
        .execution(execution == null ? null : execution.record()).startedAt(startedAt).build();
  }

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

  /**
   * The training run finished with {@code history}; the manifest's metrics are the last epoch's, keyed by their
   * {@code metrics.csv} column names as verdicts read them.
   */
  Map<String, Double> finished(List<EpochMetrics> history) throws IOException {
    EpochMetrics m = history.get(history.size() - 1);
    Map<String, Double> v = new LinkedHashMap<>();
    v.put("epoch", (double) m.epoch());
    v.put("train_loss", m.train().loss());
    v.put("train_accuracy", m.train().accuracy());
    v.put("test_loss", m.test().loss());
    v.put("test_accuracy", m.test().accuracy());
    EpochMetrics.Timing t = m.timing();
    v.put("examples_per_second", t.examplesPerSecond());
    v.put("wall_seconds", t.wallSeconds());
    v.put("data_wait_seconds", t.dataWaitSeconds());
    v.put("feed_seconds", t.feedSeconds());
    v.put("step_seconds", t.stepSeconds());
    v.put("eval_seconds", t.evalSeconds());
    v.put("checkpoint_seconds", t.checkpointSeconds());
    v.put("learning_rate", m.learningRate());
    return finished(history.size(), v, List.of());
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
