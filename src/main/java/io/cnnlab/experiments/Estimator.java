package io.cnnlab.experiments;

import io.cnnlab.data.Split;
import io.cnnlab.runs.RunManifest;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Estimates how long planned runs take. Training: the model's measured speed on random data (one short probe
 * per distinct model, batch, optimizer and thread count), times the samples of the remaining epochs, with
 * evaluation counted at a third of a training step per sample and a few seconds per run for reading the data
 * and building the graph. A forced rerun of a finished run takes what it took last time. Measurement kinds
 * without a previous run get a rough fixed guess.
 */
public final class Estimator {
  /** Reading the data set and building the graph, per run. */
  static final double RUN_OVERHEAD_SECONDS = 1;
  /** Checkpoint and bookkeeping, per epoch. */
  static final double EPOCH_OVERHEAD_SECONDS = 0.3;
  /** Cost of evaluating one sample relative to training on it (forward pass only). */
  static final double EVAL_COST = 1.0 / 3;

  private final RunExecutor executor;
  private final Map<String, Double> speeds = new HashMap<>();

  public Estimator(RunExecutor executor) {
    this.executor = executor;
  }

  /** An estimate and what it rests on. */
  public record Estimate(double seconds, String basis) {}

  /** The time {@code run} will take given {@code action}. */
  public Estimate estimate(PlannedRun run, RunReuse.Action action) {
    if (action == RunReuse.Action.REUSE) {
      return new Estimate(0, "reused");
    }
    Optional<RunManifest> previous = RunReuse.manifest(run.dir());
    if (action == RunReuse.Action.RUN && previous.isPresent() && previous.get().isFinished()
        && previous.get().configHash().equals(run.configHash())) {
      return new Estimate(previous.get().wallSeconds(), "its last run");
    }
    if (run.job() == null) {
      return guess(run);
    }
    TrainingJob job = run.job();
    int done = action == RunReuse.Action.RESUME ? previous.map(RunManifest::epochsCompleted).orElse(0) : 0;
    int epochs = Math.max(0, job.config().epochs() - done);
    String key = job.buildModel() + "|" + job.config().batchSize() + "|" + job.config().optimizer() + "|"
        + job.config().execution().canonical();
    double speed;
    try {
      speed = speeds.computeIfAbsent(key, k -> executor.trainingSpeed(job));
    } catch (RuntimeException e) {
      return new Estimate(RUN_OVERHEAD_SECONDS + epochs * 60.0, "guess (speed probe failed: " + e.getMessage() + ")");
    }
    double train = samples(job.trainLimit(), job.dataset().expectedCount(Split.TRAIN));
    double test = samples(job.testLimit(), job.dataset().expectedCount(Split.TEST));
    double perEpoch = (train + EVAL_COST * test) / speed + EPOCH_OVERHEAD_SECONDS;
    return new Estimate(RUN_OVERHEAD_SECONDS + epochs * perEpoch,
        String.format(Locale.ROOT, "%,.0f img/s measured%s", speed, done > 0 ? ", " + epochs + " epochs left" : ""));
  }

  private static double samples(int limit, int count) {
    return limit == 0 ? count : Math.min(limit, count);
  }

  private static Estimate guess(PlannedRun run) {
    RunSettings s = run.settings();
    double seconds = switch (run.declaration().kind()) {
      case EDGES -> 4.0 * (s.photos() == null || s.photos() == 0 ? 12 : s.photos());
      case CONV_1X1 -> s.conv() != null && s.conv().repeats() != null && s.conv().repeats() <= 1 ? 10 : 60;
      default -> 15;
    };
    return new Estimate(seconds, "guess");
  }
}
