package io.cnnlab.runs;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.nio.file.Path;
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
 * @param model the effective model settings as a JSON object (training kinds; null for others), written from the
 *     model code's settings by the harness
 * @param smoke true for smoke runs (tiny subset, one epoch)
 * @param configuration the effective configuration ({@code experiments/PlannedRun.configuration()})
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
    Map<String, Object> model,
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

  public static final String RUNNING = "running";
  public static final String FINISHED = "finished";
  public static final String FAILED = "failed";

  /** This manifest after {@code epochs} epochs. */
  public RunManifest withProgress(int epochs) {
    return new RunManifest(experiment, run, variant, seed, kind, dataset, model, smoke, configuration, configHash, settings,
        environment, status, epochs, metrics, outputs, startedAt, finishedAt, wallSeconds, error);
  }

  /** This manifest of a run that finished at {@code at} with {@code results} and extra {@code files}. */
  public RunManifest finished(int epochs, Map<String, Double> results, List<String> files, String at, double seconds) {
    return new RunManifest(experiment, run, variant, seed, kind, dataset, model, smoke, configuration, configHash, settings,
        environment, FINISHED, epochs, results, files, startedAt, at, seconds, null);
  }

  /** This manifest of a run that failed at {@code at} with {@code message}. */
  public RunManifest failed(String message, String at, double seconds) {
    return new RunManifest(experiment, run, variant, seed, kind, dataset, model, smoke, configuration, configHash, settings,
        environment, FAILED, epochsCompleted, metrics, outputs, startedAt, at, seconds, message);
  }

  /** The manifest in {@code file}, keys it does not know ignored (written by a newer version). */
  public static RunManifest read(Path file) throws RunFileException {
    return RunJson.readLenient(file, RunManifest.class, "run manifest");
  }

  /** Whether the run completed. */
  @JsonIgnore
  public boolean isFinished() {
    return FINISHED.equals(status);
  }
}
