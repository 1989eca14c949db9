package io.cnnlab.experiments;

import io.cnnlab.graph.Execution;
import io.cnnlab.runs.RunAttempt;
import io.cnnlab.runs.RunEnvironment;
import io.cnnlab.runs.RunJson;
import io.cnnlab.runs.RunLock;
import io.cnnlab.runs.RunManifest;
import io.cnnlab.training.EpochMetrics;
import io.cnnlab.training.MetricsCsv;
import io.cnnlab.training.TrainListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Keeps a run's {@code manifest.json} current while it runs: written when it starts, after every training epoch
 * (as a {@link TrainListener}), and when it finishes, fails or is interrupted (SIGTERM, Ctrl-C: a shutdown hook
 * records it). Each process adds one {@link RunAttempt}; the attempts an earlier manifest in the folder records are
 * kept, and one still {@code running} there (its process was killed before it could say so: the caller holds the
 * run's lock) is marked {@code vanished}. The harness and {@code cnnlab train} both write their run folders through
 * it, holding the run's {@link RunLock}.
 */
public final class ManifestKeeper implements TrainListener {
  private final Path file;
  private final LongSupplier nanos;
  private final long startNanos;
  private final List<RunAttempt> earlier;
  private final Thread onShutdown;
  private RunAttempt attempt;
  private RunManifest manifest;
  private boolean ended;

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

  /**
   * Writes {@code starting} to {@code file} now, with the earlier attempts the manifest there records and this
   * process's, and records an interruption of this process until the run ends.
   *
   * @param me this process
   */
  ManifestKeeper(Path file, RunManifest starting, RunLock.Holder me, LongSupplier nanos) throws IOException {
    this.file = file;
    this.nanos = nanos;
    this.startNanos = nanos.getAsLong();
    this.manifest = starting;
    this.earlier = earlierAttempts(file, starting.startedAt());
    this.attempt = RunAttempt.started(me, starting.startedAt());
    write();
    onShutdown = new Thread(this::interrupted, "manifest-on-shutdown");
    Runtime.getRuntime().addShutdownHook(onShutdown);
  }

  /** The attempts the manifest in {@code file} records, one still running there marked vanished. */
  private static List<RunAttempt> earlierAttempts(Path file, String now) {
    if (!Files.isRegularFile(file)) {
      return new ArrayList<>();
    }
    List<RunAttempt> found = new ArrayList<>();
    try {
      for (RunAttempt a : RunManifest.read(file).attempts()) {
        found.add(a.hasEnded() ? a : a.ended(RunAttempt.VANISHED, null, "ended without recording how (killed,"
            + " or its machine lost); found still running by the next attempt at " + now));
      }
    } catch (IOException e) {
      // unreadable (cut short): what it said is lost; this attempt is recorded all the same
    }
    return found;
  }

  @Override
  public synchronized void onStart(RunStart start) {
    int after = start.firstEpoch() - 1;
    attempt = attempt.after(after);
    // Epochs the checkpoint holds that no attempt claims were trained by the last one, stopped after it saved
    // them but before it wrote the manifest.
    if (!earlier.isEmpty()) {
      int claimed = earlier.stream().flatMap(a -> a.epochs().stream()).mapToInt(Integer::intValue).max()
          .orElse(earlier.get(0).startedAfterEpoch());
      RunAttempt last = earlier.get(earlier.size() - 1);
      for (int e = claimed + 1; e <= after; e++) {
        last = last.withEpoch(e);
      }
      earlier.set(earlier.size() - 1, last);
    }
    writeOrThrow();
  }

  @Override
  public synchronized void onEpochEnd(EpochMetrics m) {
    attempt = attempt.withEpoch(m.epoch());
    manifest = manifest.withProgress(m.epoch());
    writeOrThrow();
  }

  /**
   * The run finished after {@code epochs} epochs with {@code metrics} (values that are not finite left out: JSON
   * has no NaN) and extra {@code outputs}.
   *
   * @return the metrics as written
   */
  synchronized Map<String, Double> finished(int epochs, Map<String, Double> metrics, List<String> outputs)
      throws IOException {
    Map<String, Double> finite = finite(metrics);
    String at = Instant.now().toString();
    attempt = attempt.ended(RunAttempt.COMPLETED, at, null);
    manifest = manifest.finished(epochs, finite, outputs, at, seconds());
    end();
    return finite;
  }

  /**
   * The training run finished with {@code history}; the manifest's metrics are the last epoch's, keyed by their
   * {@code metrics.csv} column names as verdicts read them.
   */
  Map<String, Double> finished(List<EpochMetrics> history) throws IOException {
    return finished(history.size(), MetricsCsv.values(history.get(history.size() - 1)), List.of());
  }

  /** The run failed with {@code error}. */
  synchronized void failed(Throwable error) throws IOException {
    String at = Instant.now().toString();
    String message = String.valueOf(error.getMessage());
    attempt = attempt.ended(RunAttempt.FAILED, at, error.getClass().getSimpleName() + ": " + message);
    manifest = manifest.failed(message, at, seconds());
    end();
  }

  /**
   * The JVM shuts down while the run is under way (SIGTERM, SIGINT, SIGHUP): records it, and nothing after it,
   * since the training thread may still end an epoch before the JVM halts.
   */
  private synchronized void interrupted() {
    if (ended) {
      return;
    }
    String at = Instant.now().toString();
    String why = "the JVM shut down while it ran (SIGTERM, Ctrl-C or SIGHUP)";
    attempt = attempt.ended(RunAttempt.INTERRUPTED, at, why);
    manifest = manifest.interrupted("interrupted: " + why, at, seconds());
    ended = true;
    try {
      write();
    } catch (IOException | RuntimeException e) {
      System.err.println("cannot record the interruption in " + file + ": " + e.getMessage());
    }
  }

  /** Writes the final state and stops watching for a shutdown. */
  private void end() throws IOException {
    if (ended) {
      return; // the shutdown hook recorded the interruption already
    }
    ended = true;
    try {
      Runtime.getRuntime().removeShutdownHook(onShutdown);
    } catch (IllegalStateException shuttingDown) {
      // the hook runs or ran, and found this run ended
    }
    write();
  }

  private void writeOrThrow() {
    if (ended) {
      return;
    }
    try {
      write();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void write() throws IOException {
    List<RunAttempt> all = new ArrayList<>(earlier);
    all.add(attempt);
    RunJson.write(file, manifest.withAttempts(all));
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
