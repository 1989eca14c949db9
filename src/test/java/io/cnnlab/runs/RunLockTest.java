package io.cnnlab.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run lock: taken when free, refused by a live holder, taken over from a dead, stale or requeued one. */
class RunLockTest {
  private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
  private static final Duration STALE = Duration.ofMinutes(10);

  @TempDir Path tmp;

  private Path lock() {
    return tmp.resolve(".avg-seed1.lock");
  }

  @Test
  void aFreeLockIsTakenAndNamesItsHolderUntilReleased() throws IOException {
    RunLock.Holder a = new RunLock.Holder("node1", "slurm-40_3", 111, T0);
    RunLock.Outcome got = RunLock.acquire(lock(), a, STALE, pid -> true);
    assertTrue(got.acquired());
    assertNull(got.lock().takenOverFrom());
    String text = Files.readString(lock());
    assertTrue(text.contains("host=node1") && text.contains("job=slurm-40_3") && text.contains("pid=111"), text);
    got.lock().release();
    assertFalse(Files.exists(lock()));
  }

  @Test
  void aLiveHolderOnThisHostRefusesTheLockAndIsNamed() throws IOException {
    RunLock.acquire(lock(), new RunLock.Holder("node1", "slurm-40_3", 111, T0), STALE, pid -> true);
    RunLock.Outcome second = RunLock.acquire(lock(), new RunLock.Holder("node1", "slurm-41_3", 222, T0), STALE,
        pid -> true);
    assertFalse(second.acquired());
    assertEquals("host node1, job slurm-40_3, pid 111, since 2026-01-01T10:00:00Z, last alive 2026-01-01T10:00:00Z", second.holder().describe());
  }

  @Test
  void aDeadHolderOnThisHostIsTakenOver() throws IOException {
    RunLock.acquire(lock(), new RunLock.Holder("node1", "local", 111, T0), STALE, pid -> true);
    RunLock.Outcome next = RunLock.acquire(lock(), new RunLock.Holder("node1", "local", 222, T0), STALE,
        pid -> pid != 111);
    assertTrue(next.acquired());
    assertTrue(next.lock().takenOverFrom().contains("dead: no process 111 on node1"), next.lock().takenOverFrom());
    assertTrue(Files.readString(lock()).contains("pid=222"));
    try (var files = Files.list(tmp)) {
      assertEquals(1, files.count(), "the dead lock moved aside is gone");
    }
  }

  @Test
  void aHolderOnAnotherHostIsRefusedWhileItsHeartbeatIsFreshAndTakenOverOnceStale() throws IOException {
    RunLock.Outcome first = RunLock.acquire(lock(), new RunLock.Holder("node1", "slurm-40_3", 111, T0), STALE,
        pid -> true);
    first.lock().heartbeat(T0.plusSeconds(300));
    RunLock.Holder other = new RunLock.Holder("node2", "slurm-41_3", 111, T0.plusSeconds(600));
    assertFalse(RunLock.acquire(lock(), other, STALE, pid -> false).acquired(),
        "the pid means nothing on another host: only the heartbeat tells");
    RunLock.Holder later = new RunLock.Holder("node2", "slurm-41_3", 111, T0.plusSeconds(300 + 601));
    RunLock.Outcome taken = RunLock.acquire(lock(), later, STALE, pid -> true);
    assertTrue(taken.acquired());
    assertTrue(taken.lock().takenOverFrom().contains("stale: no heartbeat for 601 s"), taken.lock().takenOverFrom());
  }

  @Test
  void theSameEngineTaskRequeuedOnAnotherNodeTakesOverItsEarlierAttempt() throws IOException {
    RunLock.acquire(lock(), new RunLock.Holder("node1", "slurm-40_3", 111, T0), STALE, pid -> true);
    RunLock.Outcome requeued = RunLock.acquire(lock(), new RunLock.Holder("node2", "slurm-40_3", 5, T0.plusSeconds(1)),
        STALE, pid -> true);
    assertTrue(requeued.acquired());
    assertTrue(requeued.lock().takenOverFrom().contains("earlier attempt of this same task slurm-40_3"));
  }

  @Test
  void thisProcessNamesTheEnginesJob() {
    Instant now = T0;
    assertEquals("slurm-40_3", RunLock.thisProcess(Map.of("HOSTNAME", "n1", "SLURM_ARRAY_JOB_ID", "40",
        "SLURM_ARRAY_TASK_ID", "3", "SLURM_JOB_ID", "44"), now).job());
    assertEquals("k8s-cnnlab-sweep-2", RunLock.thisProcess(Map.of("HOSTNAME", "pod-x", "JOB_NAME", "cnnlab-sweep",
        "JOB_COMPLETION_INDEX", "2"), now).job());
    RunLock.Holder local = RunLock.thisProcess(Map.of("HOSTNAME", "vm"), now);
    assertEquals("local", local.job());
    assertEquals("vm", local.host());
    assertEquals(ProcessHandle.current().pid(), local.pid());
  }

  @Test
  void aRunsLockLiesBesideItsFolderAndASweepsInsideItsRoot() {
    Path run = tmp.resolve("reports/pool/avg-seed1");
    assertEquals(tmp.resolve("reports/pool/.avg-seed1.lock"), RunLock.ofRun(run));
    assertEquals(RunLock.ofRun(run), RunLock.ofRun(run.resolve("../avg-seed1/.")), "one file per folder");
    assertEquals(tmp.resolve("reports/.sweep.lock"), RunLock.ofSweep(tmp.resolve("reports")));
  }

  @Test
  void holdingRefusesALiveHolderNamingItAndTakesOverADeadOneSayingSo() throws IOException {
    RunLock.acquire(lock(), new RunLock.Holder("node1", "local", 111, T0), STALE, pid -> true);
    RunLock.Writer live = new RunLock.Writer(new RunLock.Holder("node1", "local", 222, T0), STALE, pid -> true);
    RunLock.Refused refused = org.junit.jupiter.api.Assertions.assertThrows(RunLock.Refused.class,
        () -> live.hold(lock(), m -> { }));
    assertEquals(111, refused.holder().pid());
    assertTrue(refused.getMessage().startsWith(lock() + " is held by host node1, job local, pid 111, since " + T0),
        refused.getMessage());

    java.util.List<String> log = new java.util.ArrayList<>();
    RunLock.Writer next = new RunLock.Writer(new RunLock.Holder("node1", "local", 333, T0), STALE, pid -> pid != 111);
    try (RunLock held = next.hold(lock(), log::add)) {
      assertEquals(333, held.holder().pid());
      assertEquals(1, log.size(), log.toString());
      assertTrue(log.get(0).contains("took over " + lock() + " from host node1, job local, pid 111"), log.get(0));
    }
    assertFalse(Files.exists(lock()), "closing releases");
  }

  @Test
  void aHeartbeatKeepsWhenTheHolderTookTheLock() throws IOException {
    RunLock lock = RunLock.acquire(lock(), new RunLock.Holder("node1", "local", 111, T0), STALE, pid -> true).lock();
    lock.heartbeat(T0.plusSeconds(90));
    RunLock.Outcome other = RunLock.acquire(lock(), new RunLock.Holder("node1", "local", 222, T0), STALE,
        pid -> true);
    assertEquals(T0, other.holder().since());
    assertEquals(T0.plusSeconds(90), other.holder().heartbeat());
  }
}
