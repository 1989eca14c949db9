package io.cnnlab.runs;

import java.util.ArrayList;
import java.util.List;

/**
 * One process that trained (or measured) a run, as {@code manifest.json}'s {@code attempts} records it: a run
 * stopped and resumed has one per process, oldest first.
 *
 * @param host host name
 * @param job the engine's job and task ({@code slurm-1234_5}, {@code k8s-<job>-<index>}), {@code local} else
 * @param pid process id on {@code host}
 * @param startedAt ISO-8601 time it started
 * @param endedAt ISO-8601 time it ended, or null while it runs and when it vanished
 * @param startedAfterEpoch the epochs already done when it started (restored from the checkpoint); 0 for a fresh run
 * @param epochs the epochs it completed, in order (none for other kinds, and for a run resumed with none left)
 * @param status {@link #RUNNING}, {@link #COMPLETED}, {@link #INTERRUPTED}, {@link #FAILED} or {@link #VANISHED}
 * @param error what stopped it (failed, interrupted, vanished), else null
 */
public record RunAttempt(String host, String job, long pid, String startedAt, String endedAt, int startedAfterEpoch,
    List<Integer> epochs, String status, String error) {
  public static final String RUNNING = "running";
  public static final String COMPLETED = "completed";
  /** Stopped by SIGTERM or Ctrl-C, which it recorded on its way out. */
  public static final String INTERRUPTED = "interrupted";
  public static final String FAILED = "failed";
  /** Found still running by the next attempt: killed before it could record how (SIGKILL, lost machine). */
  public static final String VANISHED = "vanished";

  public RunAttempt {
    epochs = epochs == null ? List.of() : List.copyOf(epochs);
  }

  /** An attempt by {@code holder} starting at {@code at}, before it knows what it resumes. */
  public static RunAttempt started(RunLock.Holder holder, String at) {
    return new RunAttempt(holder.host(), holder.job(), holder.pid(), at, null, 0, List.of(), RUNNING, null);
  }

  /** This attempt, resuming after {@code epochs} epochs done before it. */
  public RunAttempt after(int epochs) {
    return new RunAttempt(host, job, pid, startedAt, endedAt, epochs, this.epochs, status, error);
  }

  /** This attempt once it completed {@code epoch}. */
  public RunAttempt withEpoch(int epoch) {
    List<Integer> done = new ArrayList<>(epochs);
    done.add(epoch);
    return new RunAttempt(host, job, pid, startedAt, endedAt, startedAfterEpoch, done, status, error);
  }

  /** This attempt ended at {@code at} with {@code how} ({@link #COMPLETED}, ...) and {@code why} (or null). */
  public RunAttempt ended(String how, String at, String why) {
    return new RunAttempt(host, job, pid, startedAt, at, startedAfterEpoch, epochs, how, why);
  }

  /** Whether it ended recording how (not {@link #RUNNING}). */
  public boolean hasEnded() {
    return !RUNNING.equals(status);
  }

  /** For reports: {@code epochs 3-4 on host h (job local, pid 42), completed}. */
  public String describe() {
    String trained = epochs.isEmpty() ? (startedAfterEpoch > 0 ? "no epoch left after " + startedAfterEpoch : "no epoch")
        : epochs.size() == 1 ? "epoch " + epochs.get(0) : "epochs " + epochs.get(0) + "-" + epochs.get(epochs.size() - 1);
    return trained + " on host " + host + " (job " + job + ", pid " + pid + "), " + status
        + (error == null ? "" : ": " + error);
  }
}
