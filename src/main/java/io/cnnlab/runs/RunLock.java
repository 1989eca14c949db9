package io.cnnlab.runs;

import java.io.IOException;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongPredicate;

/**
 * The lock that keeps a second writer out of a run folder ({@link #ofRun}: {@code cnnlab train}, a sweep's run,
 * a cluster task) or out of a sweep's reports folder ({@link #ofSweep}: the verdicts, the index, the plan). A file
 * created only if absent ({@code O_CREAT|O_EXCL}, atomic on local filesystems and NFSv3+), naming the host, job and
 * process that hold it, since when, and when it last proved alive. The holder refreshes it ({@link #startHeartbeat});
 * another writer takes it over only when the holder is shown dead (same host, process gone; or the same engine
 * task, requeued) or stale (no heartbeat for {@code stale}).
 */
public final class RunLock implements AutoCloseable {
  /** The job name of a process started by hand, outside any engine. */
  public static final String LOCAL = "local";

  /** How long a holder on another host may stay silent before it counts as dead, unless told otherwise. */
  public static final Duration DEFAULT_STALE = Duration.ofMinutes(10);

  /** The sweep lock's file name in a reports folder. */
  public static final String SWEEP_LOCK = ".sweep.lock";

  /**
   * Who holds a lock (and who trained an attempt of a run: {@link RunAttempt}).
   *
   * @param host host name
   * @param job the engine's job and task ({@code slurm-1234_5}, {@code k8s-<job>-<index>}), {@link #LOCAL} else
   * @param pid process id on {@code host}
   * @param since when it took the lock
   * @param heartbeat when it last proved alive
   */
  public record Holder(String host, String job, long pid, Instant since, Instant heartbeat) {
    /** A holder that takes a lock at {@code now}. */
    public Holder(String host, String job, long pid, Instant now) {
      this(host, job, pid, now, now);
    }

    /** This holder taking a lock at {@code now}. */
    public Holder at(Instant now) {
      return new Holder(host, job, pid, now, now);
    }

    /** For messages: {@code host vm, job slurm-1234_5, pid 42}. */
    public String who() {
      return "host " + host + ", job " + job + ", pid " + pid;
    }

    /** For messages: {@link #who} and {@code , since ..., last alive ...}. */
    public String describe() {
      return who() + ", since " + since + ", last alive " + heartbeat;
    }

    String text() {
      return "host=" + host + "\njob=" + job + "\npid=" + pid + "\nsince=" + since + "\nheartbeat=" + heartbeat + "\n";
    }

    static Holder parse(Path file, String text) throws IOException {
      Properties p = new Properties();
      p.load(new StringReader(text));
      try {
        Instant heartbeat = Instant.parse(p.getProperty("heartbeat"));
        // Locks written before "since" was recorded: the heartbeat is the earliest time known.
        Instant since = p.getProperty("since") == null ? heartbeat : Instant.parse(p.getProperty("since"));
        return new Holder(p.getProperty("host"), p.getProperty("job"), Long.parseLong(p.getProperty("pid")), since,
            heartbeat);
      } catch (RuntimeException e) {
        throw new IOException(file + ": not a run lock (host=, job=, pid=, since=, heartbeat= lines expected): "
            + text, e);
      }
    }
  }

  /**
   * What an attempt to lock found.
   *
   * @param lock the lock, or null when a live holder refused it
   * @param holder the live holder that refused it, or null
   */
  public record Outcome(RunLock lock, Holder holder) {
    public boolean acquired() {
      return lock != null;
    }
  }

  /** A lock held by a live writer: the file, the holder and why this writer waits for it no longer. */
  public static final class Refused extends IOException {
    private final transient Holder holder;

    Refused(Path file, Holder holder, Duration stale) {
      super(file + " is held by " + holder.describe() + ": another process writes there; it is taken over once"
          + " that process is gone (or, on another host, silent for " + stale.toSeconds() + " s)");
      this.holder = holder;
    }

    public Holder holder() {
      return holder;
    }
  }

  /**
   * This process as a writer of run folders: who it is and how it judges another holder of a lock.
   *
   * @param me this process (its {@code since} and {@code heartbeat} are set when it takes a lock)
   * @param stale how long without a heartbeat a holder on another host counts as dead
   * @param alive whether a process id is alive on this host
   */
  public record Writer(Holder me, Duration stale, LongPredicate alive) {
    /** This process, judging other holders by {@link #processAlive} and {@code stale}. */
    public static Writer thisProcess(Map<String, String> env, Duration stale) {
      return new Writer(RunLock.thisProcess(env, Instant.now()), stale, RunLock::processAlive);
    }

    /** Tries to take {@code file} now. */
    public Outcome acquire(Path file) throws IOException {
      return RunLock.acquire(file, me.at(Instant.now()), stale, alive);
    }

    /**
     * Takes {@code file} now and keeps it alive (a heartbeat every quarter of {@code stale}) until closed.
     *
     * @param log told when a dead or stale holder's lock was taken over, and when a heartbeat fails
     * @throws Refused when a live holder has it
     */
    public RunLock hold(Path file, Consumer<String> log) throws IOException {
      Outcome o = acquire(file);
      if (!o.acquired()) {
        throw new Refused(file, o.holder(), stale);
      }
      if (o.lock().takenOverFrom() != null) {
        log.accept("took over " + file + " from " + o.lock().takenOverFrom());
      }
      o.lock().startHeartbeat(Duration.ofSeconds(Math.max(1, stale.toSeconds() / 4)), log);
      return o.lock();
    }
  }

  private final Path file;
  private final Holder me;
  private final String takenOverFrom;
  private ScheduledExecutorService beat;

  private RunLock(Path file, Holder me, String takenOverFrom) {
    this.file = file;
    this.me = me;
    this.takenOverFrom = takenOverFrom;
  }

  /**
   * The lock of a run folder: beside it ({@code .<name>.lock}), since the folder itself is cleared, staged and
   * renamed while locked.
   */
  public static Path ofRun(Path runDir) {
    Path dir = runDir.toAbsolutePath().normalize();
    if (dir.getFileName() == null) {
      throw new IllegalArgumentException("a run folder cannot be the file system's root: " + runDir);
    }
    return dir.resolveSibling("." + dir.getFileName() + ".lock");
  }

  /** The sweep lock of a reports folder (a sweep root). */
  public static Path ofSweep(Path root) {
    return root.resolve(SWEEP_LOCK);
  }

  /**
   * Tries to lock {@code file} for {@code me}.
   *
   * @param stale how long without a heartbeat a holder on another host counts as dead
   * @param alive whether a process id is alive on this host
   */
  public static Outcome acquire(Path file, Holder me, Duration stale, LongPredicate alive) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    for (int tries = 0; tries < 3; tries++) {
      try {
        Files.writeString(file, me.text(), StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW,
            StandardOpenOption.WRITE);
        return new Outcome(new RunLock(file, me, null), null);
      } catch (FileAlreadyExistsException e) {
        Holder other;
        try {
          other = Holder.parse(file, Files.readString(file, StandardCharsets.UTF_8));
        } catch (NoSuchFileException gone) {
          continue; // released meanwhile: try again
        }
        String why = deadOrStale(other, me, stale, alive);
        if (why == null) {
          return new Outcome(null, other);
        }
        // Move the dead lock aside under a name of our own: of two writers taking it over, one rename wins.
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
        return new Outcome(new RunLock(file, me, other.describe() + " (" + why + ")"), null);
      }
    }
    throw new IOException(file + ": could not take the lock after 3 tries (another writer keeps taking it)");
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
   * This process as a lock holder: the host, the engine's job ({@code slurm-<array job>_<task>} under Slurm, the
   * pod's job and index under Kubernetes, {@link #LOCAL} else) and the process id.
   */
  public static Holder thisProcess(Map<String, String> env, Instant now) {
    String host = env.getOrDefault("HOSTNAME", "");
    if (host.isBlank()) {
      try {
        host = InetAddress.getLocalHost().getHostName();
      } catch (UnknownHostException e) {
        host = "unknown-host";
      }
    }
    String job = LOCAL;
    if (env.containsKey("SLURM_ARRAY_JOB_ID") && env.containsKey("SLURM_ARRAY_TASK_ID")) {
      job = "slurm-" + env.get("SLURM_ARRAY_JOB_ID") + "_" + env.get("SLURM_ARRAY_TASK_ID");
    } else if (env.containsKey("SLURM_JOB_ID")) {
      job = "slurm-" + env.get("SLURM_JOB_ID");
    } else if (env.containsKey("JOB_COMPLETION_INDEX")) {
      job = "k8s-" + env.getOrDefault("JOB_NAME", "job") + "-" + env.get("JOB_COMPLETION_INDEX");
    }
    return new Holder(host, job, ProcessHandle.current().pid(), now);
  }

  /** Refreshes the heartbeat (atomically, so a reader never sees half a lock). */
  public void heartbeat(Instant now) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".beat-" + me.pid());
    Files.writeString(tmp, new Holder(me.host(), me.job(), me.pid(), me.since(), now).text(), StandardCharsets.UTF_8);
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  /** Refreshes the heartbeat every {@code period} on a daemon thread until {@link #close}; failures go to {@code log}. */
  public synchronized void startHeartbeat(Duration period, Consumer<String> log) {
    if (beat != null) {
      return;
    }
    beat = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "run-lock-heartbeat");
      t.setDaemon(true);
      return t;
    });
    beat.scheduleAtFixedRate(() -> {
      try {
        heartbeat(Instant.now());
      } catch (IOException e) {
        log.accept("heartbeat of " + file + " failed: " + e.getMessage());
      }
    }, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Removes the lock. */
  public void release() throws IOException {
    Files.deleteIfExists(file);
  }

  /** Stops the heartbeat and removes the lock. */
  @Override
  public synchronized void close() throws IOException {
    if (beat != null) {
      beat.shutdownNow();
      try { // a heartbeat under way would otherwise write the lock again after it is removed
        beat.awaitTermination(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      beat = null;
    }
    release();
  }

  public Path file() {
    return file;
  }

  /** This process as the holder. */
  public Holder holder() {
    return me;
  }

  /** The dead or stale holder this lock was taken from and why, or null when it was free. */
  public String takenOverFrom() {
    return takenOverFrom;
  }
}
