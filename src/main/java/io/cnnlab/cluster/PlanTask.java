package io.cnnlab.cluster;

import io.cnnlab.data.MissingDatasetException;
import io.cnnlab.experiments.DataCheck;
import io.cnnlab.experiments.Declaration;
import io.cnnlab.experiments.Harness;
import io.cnnlab.experiments.PlannedRun;
import io.cnnlab.experiments.RunReuse;
import io.cnnlab.experiments.SweepOptions;
import io.cnnlab.runs.RunLock;
import io.cnnlab.runs.RunManifest;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One task of a cluster sweep: runs the plan's run {@code i} and nothing else. Idempotent, so an engine may run
 * it again (Slurm's requeue, Kubernetes' replacement pod): a run already complete with the planned hash ends at
 * once; an interrupted one resumes from its last checkpoint. The run is written in {@code <experiment>/.partial/
 * <run>/} and renamed to its folder when complete, so a reader on a shared filesystem sees no run or a whole one;
 * a {@link RunLock} beside it keeps a second task out.
 */
public final class PlanTask {
  /** Exit status when a live task holds the run's lock. */
  public static final int LOCKED = 3;
  /** The folder of the runs being written, in each experiment folder. */
  public static final String PARTIAL = ".partial";

  private final Harness harness;
  private final PrintStream out;
  private final RunLock.Writer writer;

  /**
   * @param harness what runs the run
   * @param writer this task's host, job and process, and how it judges another holder of the run's lock
   */
  public PlanTask(Harness harness, PrintStream out, RunLock.Writer writer) {
    this.harness = harness;
    this.out = out;
    this.writer = writer;
  }

  /** Where a run folder is written before it is complete. */
  public static Path stagingOf(Path runDir) {
    return runDir.resolveSibling(PARTIAL).resolve(runDir.getFileName());
  }

  /**
   * Runs the plan's run {@code index} of {@code declared}.
   *
   * @return 0 when the run is complete (now or before) or its data is not installed (the render job says NOT_RUN),
   *     {@link #LOCKED} when a live task holds it
   * @throws IOException when the run fails (its staged manifest says why)
   * @throws IllegalArgumentException when the plan no longer matches the declarations
   */
  public int run(ClusterPlan plan, List<Declaration> declared, int index) throws IOException {
    ClusterPlan.Item item = plan.item(index);
    SweepOptions options = plan.sweep().options();
    PlannedRun run = replan(plan, declared, item, options);
    out.printf("task %d of %d: %s (%s, %s)%n", index, plan.runs().size(), item.label(), writer.me().who(), run.dir());
    if (complete(run)) {
      out.printf("task %d: %s is already complete with configuration %s: nothing to do%n", index, item.label(),
          shortHash(run.configHash()));
      return 0;
    }
    Optional<String> missing = DataCheck.missing(run.declaration(), options.dataRoot());
    if (missing.isPresent()) {
      out.printf("task %d: %s not run: %s%n", index, item.label(), missing.get());
      return 0;
    }
    RunLock.Outcome attempt = writer.acquire(RunLock.ofRun(run.dir()));
    if (!attempt.acquired()) {
      out.printf("task %d: %s is locked by %s; not run (the lock is taken over once that task is dead, or silent"
          + " for %d s)%n", index, item.label(), attempt.holder().describe(), writer.stale().toSeconds());
      return LOCKED;
    }
    try (RunLock lock = attempt.lock()) {
      if (lock.takenOverFrom() != null) {
        out.printf("task %d: took over the lock of %s from %s%n", index, item.label(), lock.takenOverFrom());
      }
      lock.startHeartbeat(Duration.ofSeconds(Math.max(1, writer.stale().toSeconds() / 4)),
          problem -> out.println("task " + index + ": " + problem));
      if (complete(run)) { // finished by the task whose lock was just released
        out.printf("task %d: %s is already complete: nothing to do%n", index, item.label());
        return 0;
      }
      runStaged(run, options, index);
      return 0;
    }
  }

  private void runStaged(PlannedRun run, SweepOptions options, int index) throws IOException {
    Path staging = stagingOf(run.dir());
    PlannedRun staged = new PlannedRun(run.declaration(), run.variant(), run.seed(), staging, run.settings(),
        run.job(), run.configuration(), run.configHash());
    RunReuse.Action action = RunReuse.decide(staged, false);
    if (action == RunReuse.Action.RESUME) {
      int done = RunReuse.manifest(staging).map(RunManifest::epochsCompleted).orElse(0);
      out.printf("task %d: resuming %s: an earlier attempt left %d completed epoch(s) in %s%n", index,
          run.label(), done, staging);
    }
    if (action != RunReuse.Action.REUSE) {
      try {
        harness.runOne(staged, action, options.dataRoot());
      } catch (MissingDatasetException e) {
        out.printf("task %d: %s not run: %s%n", index, run.label(), e.getMessage());
        return;
      }
    }
    publish(staging, run.dir());
    out.printf("task %d: %s complete in %s%n", index, run.label(), run.dir());
  }

  /** Replaces {@code dir} (an older configuration's run, or a failed attempt's record) with {@code staging}. */
  static void publish(Path staging, Path dir) throws IOException {
    if (Files.exists(dir)) {
      Path old = staging.resolveSibling(staging.getFileName() + ".replaced-" + ProcessHandle.current().pid());
      Files.move(dir, old, StandardCopyOption.ATOMIC_MOVE);
      RunReuse.clear(old);
    }
    Files.move(staging, dir, StandardCopyOption.ATOMIC_MOVE);
  }

  private static boolean complete(PlannedRun run) {
    return RunReuse.decide(run, false) == RunReuse.Action.REUSE;
  }

  /** The item's run planned again from the declarations; refuses one whose configuration changed. */
  static PlannedRun replan(ClusterPlan plan, List<Declaration> declared, ClusterPlan.Item item,
      SweepOptions options) {
    Declaration d = declared.stream().filter(x -> x.id().equals(item.experiment())).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("the plan's run " + item.index() + " is of experiment '"
            + item.experiment() + "', which is not declared in " + plan.sweep().declarations()));
    Declaration.Variant v = d.variant(item.variant());
    PlannedRun run = PlannedRun.of(d, v, item.seed(), options.root().resolve(d.id()), options.dataRoot(),
        options.smoke(), options.device());
    if (!run.configHash().equals(item.configHash()) || !run.dir().toString().equals(item.dir())) {
      throw new IllegalArgumentException("the plan's run " + item.index() + " (" + item.label() + ", configuration "
          + shortHash(item.configHash()) + ", folder " + item.dir() + ") is now configuration "
          + shortHash(run.configHash()) + " in " + run.dir() + ": the declarations or the code changed since the"
          + " plan was written at commit " + plan.commit() + "; write the plan again");
    }
    return run;
  }

  private static String shortHash(String hash) {
    return hash.substring(0, Math.min(12, hash.length()));
  }
}
