package io.cnnlab.training;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Progress on a console: on a terminal (or when forced) one line redrawn with carriage returns showing
 * the step, running loss and accuracy, images per second and the run's ETA; otherwise (a Slurm task's log, a
 * pipe) the same figures as a plain line every {@link #PLAIN_LINE_NANOS} during an epoch, so that a long epoch
 * shows it is alive without flooding the log. Both print a line per epoch.
 */
public final class ConsoleProgress implements TrainListener {
  private static final long REDRAW_NANOS = 200_000_000L;

  /**
   * Time between plain lines. A line is printed at the first step after it, so lines come at most this often and
   * at least every this plus one step's time: within the 10 to 30 s a log needs while steps take under 15 s.
   */
  static final long PLAIN_LINE_NANOS = 15_000_000_000L;

  private final PrintStream out;
  private final boolean redraw;
  private final LongSupplier nanos;
  private int epochs;
  private long lastDraw;
  private long lastLine;
  private boolean linePending;

  /**
   * @param out where to print
   * @param redraw true for a carriage-return progress line, false for plain lines
   */
  public ConsoleProgress(PrintStream out, boolean redraw) {
    this(out, redraw, System::nanoTime);
  }

  /** As {@link #ConsoleProgress(PrintStream, boolean)}, timing its lines by {@code nanos}. */
  public ConsoleProgress(PrintStream out, boolean redraw, LongSupplier nanos) {
    this.out = out;
    this.redraw = redraw;
    this.nanos = nanos;
  }

  /** Progress on standard output, redrawn when it is a terminal. */
  public static ConsoleProgress onStdout() {
    return new ConsoleProgress(System.out, System.console() != null);
  }

  @Override
  public void onStart(RunStart start) {
    epochs = start.epochs();
    lastLine = nanos.getAsLong();
    if (start.firstEpoch() > 1) {
      out.printf(Locale.ROOT, "resuming after epoch %d of %d%n", start.firstEpoch() - 1, epochs);
    }
    if (start.firstEpoch() > epochs) {
      out.println("all epochs already done");
    }
  }

  @Override
  public void onStep(StepProgress p) {
    long now = nanos.getAsLong();
    if (!redraw) {
      if (now - lastLine >= PLAIN_LINE_NANOS) {
        lastLine = now;
        out.println(plainLine(p));
        out.flush();
      }
      return;
    }
    if (now - lastDraw < REDRAW_NANOS && p.step() != p.stepsPerEpoch()) {
      return;
    }
    lastDraw = now;
    out.print("\r" + progressLine(p) + "\u001b[K");
    out.flush();
    linePending = true;
  }

  /** The redrawn line, e.g. {@code epoch 2/10 [=====>    ] 117/235 loss 0.5321 acc 81.2% 12,345 img/s ETA 0:42}. */
  static String progressLine(StepProgress p) {
    int width = 20;
    int filled = (int) ((long) width * p.step() / p.stepsPerEpoch());
    String bar = "=".repeat(filled) + (filled < width ? ">" + " ".repeat(width - filled - 1) : "");
    return String.format(Locale.ROOT, "epoch %d/%d [%s] %d/%d %s", p.epoch(), p.epochs(), bar, p.step(),
        p.stepsPerEpoch(), figures(p));
  }

  /** The plain line, e.g. {@code epoch 2/10 step 117/235 loss 0.5321 acc 81.2% 12,345 img/s ETA 0:42}. */
  static String plainLine(StepProgress p) {
    return String.format(Locale.ROOT, "epoch %d/%d step %d/%d %s", p.epoch(), p.epochs(), p.step(),
        p.stepsPerEpoch(), figures(p));
  }

  /** Running loss and accuracy, images per second this epoch and the run's ETA at this epoch's pace. */
  private static String figures(StepProgress p) {
    double seconds = p.epochNanos() / 1e9;
    double rate = seconds > 0 ? p.samples() / seconds : 0;
    long stepsLeft = (long) (p.stepsPerEpoch() - p.step()) + (long) (p.epochs() - p.epoch()) * p.stepsPerEpoch();
    double eta = p.step() > 0 ? stepsLeft * seconds / p.step() : 0;
    return String.format(Locale.ROOT, "loss %.4f acc %.1f%% %,.0f img/s ETA %s", p.meanLoss(), 100 * p.accuracy(),
        rate, clock(eta));
  }

  @Override
  public void onEpochEnd(EpochMetrics m) {
    clearLine();
    out.println(epochLine(m, epochs));
    out.flush();
    lastLine = nanos.getAsLong();
  }

  /** The per-epoch summary line. */
  static String epochLine(EpochMetrics m, int epochs) {
    EpochMetrics.Timing t = m.timing();
    return String.format(Locale.ROOT,
        "epoch %d/%d loss %.4f train acc %.3f test loss %.4f test acc %.3f | %,.0f img/s | %.1f s "
            + "(wait %.2f, feed %.2f, step %.2f, eval %.2f, checkpoint %.2f) | learning rate %.4g",
        m.epoch(), epochs, m.train().loss(), m.train().accuracy(), m.test().loss(), m.test().accuracy(),
        t.examplesPerSecond(), t.wallSeconds(), t.dataWaitSeconds(), t.feedSeconds(), t.stepSeconds(),
        t.evalSeconds(), t.checkpointSeconds(), m.learningRate());
  }

  @Override
  public void onFinish(TrainResult result) {
    clearLine();
  }

  @Override
  public void onFailure(Exception cause) {
    clearLine();
  }

  private void clearLine() {
    if (linePending) {
      out.print("\r\u001b[K");
      linePending = false;
    }
  }

  /** {@code h:mm:ss} or {@code m:ss}. */
  static String clock(double seconds) {
    long s = Math.round(seconds);
    return s >= 3600
        ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
        : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
  }
}
