package io.cnnlab.experiments;

import io.cnnlab.training.EpochMetrics;
import io.cnnlab.training.TrainListener;
import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * A progress bar across the whole sweep, printed as a line after every epoch and every run: the share of the
 * estimated work done, runs done, elapsed time and the ETA. The ETA scales the estimate of what is left by how
 * the estimate has held so far (elapsed time over the estimated time of the work done).
 */
final class SweepProgress {
  private static final int WIDTH = 24;

  private final PrintStream out;
  private final double totalSeconds;
  private final int totalRuns;
  private final LongSupplier nanos;
  private final long start;
  private double doneSeconds;
  private int doneRuns;
  private SweepPlan.Step current;
  private double currentShare;

  SweepProgress(PrintStream out, SweepPlan plan, LongSupplier nanos) {
    this.out = out;
    this.totalSeconds = plan.seconds();
    this.totalRuns = plan.steps().size();
    this.nanos = nanos;
    this.start = nanos.getAsLong();
  }

  /** A run begins. */
  void startRun(SweepPlan.Step step) {
    current = step;
    currentShare = 0;
    out.printf(Locale.ROOT, "[%d/%d] %s: %s (estimate %s, %s)%n", doneRuns + 1, totalRuns, step.run().label(),
        step.action().label(), SweepPlan.clock(step.estimate().seconds()), step.estimate().basis());
    out.flush();
  }

  /** Listener moving the bar after each epoch of the current training run. */
  TrainListener epochs() {
    return new TrainListener() {
      private int first = 1;
      private int epochs = 1;

      @Override
      public void onStart(RunStart s) {
        first = s.firstEpoch();
        epochs = s.epochs();
      }

      @Override
      public void onEpochEnd(EpochMetrics m) {
        currentShare = (double) (m.epoch() - first + 1) / Math.max(1, epochs - first + 1);
        line(String.format(Locale.ROOT, "%s epoch %d/%d test acc %.4f", current.run().label(), m.epoch(), epochs,
            m.test().accuracy()));
      }
    };
  }

  /** The current run ended (finished, reused or failed). */
  void finishRun(String outcome) {
    doneSeconds += current.estimate().seconds();
    currentShare = 0;
    doneRuns++;
    line(current.run().label() + " " + outcome);
  }

  /** Elapsed seconds since the sweep started. */
  double elapsed() {
    return (nanos.getAsLong() - start) / 1e9;
  }

  private void line(String what) {
    double done = doneSeconds + currentShare * current.estimate().seconds();
    double fraction = totalSeconds > 0 ? Math.min(1, done / totalSeconds) : (double) doneRuns / totalRuns;
    double elapsed = elapsed();
    double left = Math.max(0, totalSeconds - done);
    double eta = done > 0 ? left * (elapsed / done) : left;
    int filled = (int) Math.round(fraction * WIDTH);
    out.printf(Locale.ROOT, "[%s%s] %3.0f%% | %d/%d runs | elapsed %s | ETA %s | %s%n", "#".repeat(filled),
        "-".repeat(WIDTH - filled), 100 * fraction, doneRuns, totalRuns, SweepPlan.clock(elapsed),
        SweepPlan.clock(eta), what);
    out.flush();
  }
}
