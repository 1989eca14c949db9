package io.cnnlab.runs;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {@code manifest.json} of a run folder: what ran, where, how, when, and what came out. Written when the run
 * starts ({@code status running}), after every epoch, and when it ends; the harness reuses a {@code finished} run
 * whose {@code configHash} equals the new one. Made with {@link #builder()}; its later states with
 * {@link #withProgress}, {@link #finished}, {@link #failed} and {@link #interrupted}. Every process that trained
 * the run adds one of its {@code attempts}.
 *
 * @param experiment declaration id ({@code train} for a run of {@code cnnlab train})
 * @param run run folder name
 * @param variant variant name
 * @param seed seed
 * @param kind experiment kind
 * @param dataset data set name, or null
 * @param model the effective model settings as a JSON object (training kinds; null for others)
 * @param smoke true for smoke runs (tiny subset, one epoch)
 * @param configuration the effective configuration ({@code experiments/PlannedRun.configuration()})
 * @param configHash SHA-256 of the configuration
 * @param settings the settings for this run, as given
 * @param environment versions, commit, CPU and device
 * @param execution how a training run computed: what it asked for and what that resolved to (null for other
 *     kinds, and in manifests written before it was recorded)
 * @param status {@code running}, {@code finished}, {@code failed} or {@code interrupted}
 * @param epochsCompleted training epochs done so far (0 for other kinds)
 * @param metrics the run's results: the last epoch's metrics.csv columns, or a measurement's values
 * @param outputs files written besides the standard ones, relative to the run folder
 * @param startedAt ISO-8601 time the (latest) attempt started
 * @param finishedAt ISO-8601 time it finished, or null
 * @param wallSeconds wall-clock seconds of the latest attempt
 * @param error the failure's message, or null
 * @param attempts every process that trained (or measured) the run, oldest first; the last is this one
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
    ExecutionRecord execution,
    String status,
    int epochsCompleted,
    Map<String, Double> metrics,
    List<String> outputs,
    String startedAt,
    String finishedAt,
    double wallSeconds,
    String error,
    List<RunAttempt> attempts) {

  public static final String RUNNING = "running";
  public static final String FINISHED = "finished";
  public static final String FAILED = "failed";
  /** Stopped by SIGTERM or Ctrl-C; resumed like any run that did not finish. */
  public static final String INTERRUPTED = "interrupted";

  public RunManifest {
    attempts = attempts == null ? List.of() : List.copyOf(attempts); // none in manifests written before them
  }

  /** A manifest of a run about to start: status running, nothing done yet. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from this manifest. */
  public Builder toBuilder() {
    return new Builder().experiment(experiment).run(run).variant(variant).seed(seed).kind(kind).dataset(dataset)
        .model(model).smoke(smoke).configuration(configuration).configHash(configHash).settings(settings)
        .environment(environment).execution(execution).status(status).epochsCompleted(epochsCompleted)
        .metrics(metrics).outputs(outputs).startedAt(startedAt).finishedAt(finishedAt).wallSeconds(wallSeconds)
        .error(error).attempts(attempts);
  }

  /** This manifest after {@code epochs} epochs. */
  public RunManifest withProgress(int epochs) {
    return toBuilder().epochsCompleted(epochs).build();
  }

  /** This manifest of a run that finished at {@code at} with {@code results} and extra {@code files}. */
  public RunManifest finished(int epochs, Map<String, Double> results, List<String> files, String at, double seconds) {
    return toBuilder().status(FINISHED).epochsCompleted(epochs).metrics(results).outputs(files).finishedAt(at)
        .wallSeconds(seconds).error(null).build();
  }

  /** This manifest of a run that failed at {@code at} with {@code message}. */
  public RunManifest failed(String message, String at, double seconds) {
    return toBuilder().status(FAILED).finishedAt(at).wallSeconds(seconds).error(message).build();
  }

  /** This manifest of a run stopped by a signal at {@code at}, as {@code message} says. */
  public RunManifest interrupted(String message, String at, double seconds) {
    return toBuilder().status(INTERRUPTED).finishedAt(at).wallSeconds(seconds).error(message).build();
  }

  /** This manifest with {@code all} as its attempts. */
  public RunManifest withAttempts(List<RunAttempt> all) {
    return toBuilder().attempts(all).build();
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

  /** Sets the field of the same name; starts as a run about to start (status running, no results). */
  public static final class Builder {
    private String experiment;
    private String run;
    private String variant;
    private long seed;
    private String kind;
    private String dataset;
    private Map<String, Object> model;
    private boolean smoke;
    private Map<String, String> configuration = Map.of();
    private String configHash;
    private Map<String, String> settings = Map.of();
    private RunEnvironment environment;
    private ExecutionRecord execution;
    private String status = RUNNING;
    private int epochsCompleted;
    private Map<String, Double> metrics = Map.of();
    private List<String> outputs = List.of();
    private String startedAt;
    private String finishedAt;
    private double wallSeconds;
    private String error;
    private List<RunAttempt> attempts = List.of();

    private Builder() {}

    public Builder experiment(String v) {
      experiment = v;
      return this;
    }

    public Builder run(String v) {
      run = v;
      return this;
    }

    public Builder variant(String v) {
      variant = v;
      return this;
    }

    public Builder seed(long v) {
      seed = v;
      return this;
    }

    public Builder kind(String v) {
      kind = v;
      return this;
    }

    public Builder dataset(String v) {
      dataset = v;
      return this;
    }

    public Builder model(Map<String, Object> v) {
      model = v;
      return this;
    }

    public Builder smoke(boolean v) {
      smoke = v;
      return this;
    }

    public Builder configuration(Map<String, String> v) {
      configuration = v;
      return this;
    }

    public Builder configHash(String v) {
      configHash = v;
      return this;
    }

    public Builder settings(Map<String, String> v) {
      settings = v;
      return this;
    }

    public Builder environment(RunEnvironment v) {
      environment = v;
      return this;
    }

    public Builder execution(ExecutionRecord v) {
      execution = v;
      return this;
    }

    public Builder status(String v) {
      status = v;
      return this;
    }

    public Builder epochsCompleted(int v) {
      epochsCompleted = v;
      return this;
    }

    public Builder metrics(Map<String, Double> v) {
      metrics = v;
      return this;
    }

    public Builder outputs(List<String> v) {
      outputs = v;
      return this;
    }

    public Builder startedAt(String v) {
      startedAt = v;
      return this;
    }

    public Builder finishedAt(String v) {
      finishedAt = v;
      return this;
    }

    public Builder wallSeconds(double v) {
      wallSeconds = v;
      return this;
    }

    public Builder error(String v) {
      error = v;
      return this;
    }

    public Builder attempts(List<RunAttempt> v) {
      attempts = v;
      return this;
    }

    public RunManifest build() {
      return new RunManifest(experiment, run, variant, seed, kind, dataset, model, smoke, configuration, configHash,
          settings, environment, execution, status, epochsCompleted, metrics, outputs, startedAt, finishedAt,
          wallSeconds, error, attempts);
    }
  }
}
