package io.cnnlab.experiments;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What a sweep will do, before it does it: every experiment with its runs (variants x seeds), what happens to
 * each (run, resume, reuse) and how long it should take, or why the experiment cannot run.
 *
 * @param options how the sweep runs
 * @param experiments in the order they will run
 */
public record SweepPlan(SweepOptions options, List<ExperimentPlan> experiments) {
  public SweepPlan {
    experiments = List.copyOf(experiments);
  }

  /**
   * One experiment's part of the sweep.
   *
   * @param declaration the experiment
   * @param dir its folder, {@code <root>/<id>}
   * @param steps its runs in order (empty when it cannot run)
   * @param notRun why it cannot run (missing data, with the install command), or null
   */
  public record ExperimentPlan(Declaration declaration, Path dir, List<Step> steps, String notRun) {
    public ExperimentPlan {
      steps = List.copyOf(steps);
    }

    /** Estimated seconds of its runs. */
    public double seconds() {
      return steps.stream().mapToDouble(s -> s.estimate().seconds()).sum();
    }
  }

  /** A planned run, what will be done with it, and its estimated duration. */
  public record Step(PlannedRun run, RunReuse.Action action, Estimator.Estimate estimate) {}

  /**
   * Plans {@code declarations}: checks their data, lays out their runs and estimates them (which may probe
   * training speed through {@code estimator}).
   */
  public static SweepPlan create(List<Declaration> declarations, SweepOptions options, Estimator estimator) {
    List<ExperimentPlan> plans = new ArrayList<>();
    for (Declaration d : declarations) {
      Path dir = options.root().resolve(d.id());
      Optional<String> missing = DataCheck.missing(d, options.dataRoot());
      if (missing.isPresent()) {
        plans.add(new ExperimentPlan(d, dir, List.of(), missing.get()));
        continue;
      }
      List<Step> steps = new ArrayList<>();
      for (Declaration.Variant v : d.variants()) {
        for (long seed : options.seedsOf(d.seeds())) {
          PlannedRun run = PlannedRun.of(d, v, seed, dir, options.dataRoot(), options.smoke(), options.device());
          RunReuse.Action action = RunReuse.decide(run, options.force());
          steps.add(new Step(run, action, estimator.estimate(run, action)));
        }
      }
      plans.add(new ExperimentPlan(d, dir, steps, null));
    }
    return new SweepPlan(options, plans);
  }

  /** Estimated seconds of the whole sweep. */
  public double seconds() {
    return experiments.stream().mapToDouble(ExperimentPlan::seconds).sum();
  }

  /** Every step, in order. */
  public List<Step> steps() {
    return experiments.stream().flatMap(e -> e.steps().stream()).toList();
  }

  /** Prints the plan as a table with the estimated total. */
  public void print(PrintStream out) {
    List<Step> all = steps();
    long reused = all.stream().filter(s -> s.action() == RunReuse.Action.REUSE).count();
    long resumed = all.stream().filter(s -> s.action() == RunReuse.Action.RESUME).count();
    out.printf(Locale.ROOT, "Plan: %d experiment(s), %d run(s) (%d reused, %d resumed) into %s%s, device %s%n",
        experiments.size(), all.size(), reused, resumed, options.root(), options.smoke() ? " (smoke)" : "",
        options.device());
    out.printf(Locale.ROOT, "  %-28s %-18s %-7s %9s  %s%n", "experiment", "run", "action", "estimate", "basis");
    for (ExperimentPlan e : experiments) {
      if (e.notRun() != null) {
        out.printf(Locale.ROOT, "  %-28s %-18s %-7s %9s  %s%n", e.declaration().id(), "-", "not run", "-", e.notRun());
        continue;
      }
      for (Step s : e.steps()) {
        out.printf(Locale.ROOT, "  %-28s %-18s %-7s %9s  %s%n", e.declaration().id(), s.run().name(),
            s.action().label(), clock(s.estimate().seconds()), s.estimate().basis());
      }
    }
    out.printf(Locale.ROOT, "Estimated total: %s%n", clock(seconds()));
    out.flush();
  }

  /** {@code h:mm:ss} or {@code m:ss}. */
  public static String clock(double seconds) {
    long s = Math.round(seconds);
    return s >= 3600
        ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
        : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
  }
}
