package io.cnnlab.experiments;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.cnnlab.models.ModelSettings;
import java.util.List;
import java.util.Map;

/**
 * {@code manifest.json} of a run folder: what ran, where, when, and what came out. Written when the run starts
 * ({@code status running}), after every epoch, and when it ends; the harness reuses a {@code finished} run whose
 * {@code configHash} equals the new one.
 *
 * @param experiment declaration id
 * @param run run folder name
 * @param variant variant name
 * @param seed seed
 * @param kind experiment kind
 * @param dataset data set name, or null
 * @param model the effective model settings (training kinds; null for others): reports rebuild the model from it
 * @param smoke true for smoke runs (tiny subset, one epoch)
 * @param configuration the effective configuration (see {@link PlannedRun#configuration()})
 * @param configHash SHA-256 of the configuration
 * @param settings the declaration's settings for this run, as given
 * @param environment versions, commit, CPU and device
 * @param status {@code running}, {@code finished} or {@code failed}
 * @param epochsCompleted training epochs done so far (0 for other kinds)
 * @param metrics the run's results: the last epoch's metrics.csv columns, or a measurement's values
 * @param outputs files written besides the standard ones, relative to the run folder
 * @param startedAt ISO-8601 time the (latest) attempt started
 * @param finishedAt ISO-8601 time it finished, or null
 * @param wallSeconds wall-clock seconds of the latest attempt
 * @param error the failure's message, or null
 */
public record RunManifest(
    String experiment,
    String run,
    String variant,
    long seed,
    String kind,
    String dataset,
    ModelSettings model,
    boolean smoke,
    Map<String, String> configuration,
    String configHash,
    Map<String, String> settings,
    RunEnvironment environment,
    String status,
    int epochsCompleted,
    Map<String, Double> metrics,
    List<String> outputs,
    String startedAt,
    String finishedAt,
    double wallSeconds,
    String error) {

  public static final String FILE = "manifest.json";
  public static final String RUNNING = "running";
  public static final String FINISHED = "finished";
  public static final String FAILED = "failed";

  /** The manifest of a run about to start. */
  static RunManifest starting(PlannedRun run, RunEnvironment env, String startedAt) {
    Declaration d = run.declaration();
    return new RunManifest(d.id(), run.name(), run.variant().name(), run.seed(), d.kind().token(), d.dataset(), run.settings().model(),
        run.configuration().get("smoke").equals("true"), run.configuration(), run.configHash(),
        run.settings().given(), env, RUNNING, 0, Map.of(), List.of(), startedAt, null, 0, null);
  }

  RunManifest withProgress(int epochs) {
    return new RunManifest(experiment, run, variant, seed, kind, dataset, model, smoke, configuration, configHash, settings,
        environment, status, epochs, metrics, outputs, startedAt, finishedAt, wallSeconds, error);
  }

  RunManifest finished(int epochs, Map<String, Double> results, List<String> files, String at, double seconds) {
    return new RunManifest(experiment, run, variant, seed, kind, dataset, model, smoke, configuration, configHash, settings,
        environment, FINISHED, epochs, results, files, startedAt, at, seconds, null);
  }

  RunManifest failed(String message, String at, double seconds) {
    return new RunManifest(experiment, run, variant, seed, kind, dataset, model, smoke, configuration, configHash, settings,
        environment, FAILED, epochsCompleted, metrics, outputs, startedAt, at, seconds, message);
  }

  /** Whether the run completed. */
  @JsonIgnore
  public boolean isFinished() {
    return FINISHED.equals(status);
  }
}
