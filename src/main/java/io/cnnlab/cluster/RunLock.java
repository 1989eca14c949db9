package io.cnnlab.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import java.util.function.LongPredicate;

/**
 * The lock that keeps two tasks out of one run folder on a shared filesystem: a file created only if absent
 * ({@code O_CREAT|O_EXCL}, atomic on local filesystems and NFSv3+), naming the host, job and process that hold it
 * and when it last proved alive. The holder refreshes it ({@link #heartbeat}); another task takes it over only
 * when the holder is shown dead (same host, process gone; or the same engine task, requeued) or stale (no heartbeat
 * for {@code stale}).
 */
public final class RunLock {
  /**
   * Who holds a lock.
   *
   * @param host host name
   * @param job the engine's job id ({@code 1234_5} for Slurm, the pod for Kubernetes, {@code local} else)
   * @param pid process id on {@code host}
   * @param heartbeat when it last proved alive
   */
  public record Holder(String host, String job, long pid, Instant heartbeat) {
    /** For messages: {@code host vm, job 1234_5, pid 42, alive at ...}. */
    public String describe() {
      return "host " + host + ", job " + job + ", pid " + pid + ", last alive " + heartbeat;
    }

    String text() {
      return "host=" + host + "\njob=" + job + "\npid=" + pid + "\nheartbeat=" + heartbeat + "\n";
    }

    static Holder parse(Path file, String text) throws IOException {
      Properties p = new Properties();
      p.load(new java.io.StringReader(text));
      try {
        return new Holder(p.getProperty("host"), p.getProperty("job"), Long.parseLong(p.getProperty("pid")),
            Instant.parse(p.getProperty("heartbeat")));
      } catch (RuntimeException e) {
        throw new IOException(file + ": not a run lock (host=, job=, pid=, heartbeat= lines expected): " + text, e);
      }
    }
  }

  /**
   * What an attempt to lock found.
   *
   * @param lock the lock, or null when a live holder refused it
   * @param holder the live holder that refused it, or null
   * @param takenOverFrom the dead or stale holder it was taken from and why, or null
   */
  public record Attempt(RunLock lock, Holder holder, String takenOverFrom) {
    public boolean acquired() {
      return lock != null;
    }
  }

  /** The job name of a task started by hand, outside any engine. */
  public static final String LOCAL = "local";

  private final Path file;
  private final Holder me;

  private RunLock(Path file, Holder me) {
    this.file = file;
    this.me = me;
  }

  /**
   * Tries to lock {@code file} for {@code me}.
   *
   * @param stale how long without a heartbeat a holder on another host counts as dead
   * @param alive whether a process id is alive on this host
   */
  public static Attempt acquire(Path file, Holder me, Duration stale, LongPredicate alive) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    for (int tries = 0; tries < 3; tries++) {
      try {
        Files.writeString(file, me.text(), StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW,
            StandardOpenOption.WRITE);
        return new Attempt(new RunLock(file, me), null, null);
      } catch (FileAlreadyExistsException e) {
        Holder other;
        try {
          other = Holder.parse(file, Files.readString(file, StandardCharsets.UTF_8));
        } catch (NoSuchFileException gone) {
          continue; // released meanwhile: try again
        }
        String why = deadOrStale(other, me, stale, alive);
        if (why == null) {
          return new Attempt(null, other, null);
        }
        // Move the dead lock aside under a name of our own: of two tasks taking it over, one rename wins.
        Path aside = file.resolveSibling(file.getFileName() + ".dead-" + me.host() + "-" + me.pid());
        try {
          Files.move(file, aside, StandardCopyOption.ATOMIC_MOVE);
          Files.deleteIfExists(aside);
        } catch (NoSuchFileException lost) {
          continue;
        }
        try {
          Files.writeString(file, me.text(), StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW,
              StandardOpenOption.WRITE);
        } catch (FileAlreadyExistsException lost) {
          continue;
        }
        return new Attempt(new RunLock(file, me), null, other.describe() + " (" + why + ")");
      }
    }
    throw new IOException(file + ": could not take the lock after 3 tries (another task keeps taking it)");
  }

  /** Why {@code other} no longer holds the lock, or null when it may be alive. */
  static String deadOrStale(Holder other, Holder me, Duration stale, LongPredicate alive) {
    if (other.host().equals(me.host())) {
      if (other.pid() == me.pid()) {
        return "this process's own lock";
      }
      return alive.test(other.pid()) ? null : "dead: no process " + other.pid() + " on " + other.host();
    }
    if (!LOCAL.equals(me.job()) && other.job().equals(me.job())) {
      // The engine runs one instance of a task at a time: this is the same task's earlier, requeued attempt.
      return "an earlier attempt of this same task " + me.job();
    }
    Duration silent = Duration.between(other.heartbeat(), me.heartbeat());
    return silent.compareTo(stale) > 0
        ? "stale: no heartbeat for " + silent.toSeconds() + " s, more than " + stale.toSeconds() + " s" : null;
  }

  /** Whether process {@code pid} runs on this host. */
  public static boolean processAlive(long pid) {
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }

  /**
   * This process as a lock holder: the host, the engine's job ({@code <array job>_<task>} under Slurm, the pod's
   * name under Kubernetes, {@link #LOCAL} else) and the process id.
   */
  public static Holder thisProcess(java.util.Map<String, String> env, Instant now) {
    String host = env.getOrDefault("HOSTNAME", "");
    if (host.isBlank()) {
      try {
        host = java.net.InetAddress.getLocalHost().getHostName();
      } catch (java.net.UnknownHostException e) {
        host = "unknown-host";
      }
    }
    String job = LOCAL;
    if (env.containsKey("SLURM_ARRAY_JOB_ID") && env.containsKey(TaskIndex.SLURM)) {
      job = "slurm-" + env.get("SLURM_ARRAY_JOB_ID") + "_" + env.get(TaskIndex.SLURM);
    } else if (env.containsKey("SLURM_JOB_ID")) {
      job = "slurm-" + env.get("SLURM_JOB_ID");
    } else if (env.containsKey(TaskIndex.KUBERNETES)) {
      job = "k8s-" + env.getOrDefault("JOB_NAME", "job") + "-" + env.get(TaskIndex.KUBERNETES);
    }
    return new Holder(host, job, ProcessHandle.current().pid(), now);
  }

  /** Refreshes the heartbeat (atomically, so a reader never sees half a lock). */
  public void heartbeat(Instant now) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".beat-" + me.pid());
    Files.writeString(tmp, new Holder(me.host(), me.job(), me.pid(), now).text(), StandardCharsets.UTF_8);
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  /** Removes the lock. */
  public void release() throws IOException {
    Files.deleteIfExists(file);
  }

  public Path file() {
    return file;
  }
}
