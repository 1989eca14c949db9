package io.cnnlab.cluster;

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
    RunLock.Attempt got = RunLock.acquire(lock(), a, STALE, pid -> true);
    assertTrue(got.acquired());
    assertNull(got.takenOverFrom());
    String text = Files.readString(lock());
    assertTrue(text.contains("host=node1") && text.contains("job=slurm-40_3") && text.contains("pid=111"), text);
    got.lock().release();
    assertFalse(Files.exists(lock()));
  }

  @Test
  void aLiveHolderOnThisHostRefusesTheLockAndIsNamed() throws IOException {
    RunLock.acquire(lock(), new RunLock.Holder("node1", "slurm-40_3", 111, T0), STALE, pid -> true);
    RunLock.Attempt second = RunLock.acquire(lock(), new RunLock.Holder("node1", "slurm-41_3", 222, T0), STALE,
        pid -> true);
    assertFalse(second.acquired());
    assertEquals("host node1, job slurm-40_3, pid 111, last alive 2026-01-01T10:00:00Z", second.holder().describe());
  }

  @Test
  void aDeadHolderOnThisHostIsTakenOver() throws IOException {
    RunLock.acquire(lock(), new RunLock.Holder("node1", "local", 111, T0), STALE, pid -> true);
    RunLock.Attempt next = RunLock.acquire(lock(), new RunLock.Holder("node1", "local", 222, T0), STALE,
        pid -> pid != 111);
    assertTrue(next.acquired());
    assertTrue(next.takenOverFrom().contains("dead: no process 111 on node1"), next.takenOverFrom());
    assertTrue(Files.readString(lock()).contains("pid=222"));
    try (var files = Files.list(tmp)) {
      assertEquals(1, files.count(), "the dead lock moved aside is gone");
    }
  }

  @Test
  void aHolderOnAnotherHostIsRefusedWhileItsHeartbeatIsFreshAndTakenOverOnceStale() throws IOException {
    RunLock.Attempt first = RunLock.acquire(lock(), new RunLock.Holder("node1", "slurm-40_3", 111, T0), STALE,
        pid -> true);
    first.lock().heartbeat(T0.plusSeconds(300));
    RunLock.Holder other = new RunLock.Holder("node2", "slurm-41_3", 111, T0.plusSeconds(600));
    assertFalse(RunLock.acquire(lock(), other, STALE, pid -> false).acquired(),
        "the pid means nothing on another host: only the heartbeat tells");
    RunLock.Holder later = new RunLock.Holder("node2", "slurm-41_3", 111, T0.plusSeconds(300 + 601));
    RunLock.Attempt taken = RunLock.acquire(lock(), later, STALE, pid -> true);
    assertTrue(taken.acquired());
    assertTrue(taken.takenOverFrom().contains("stale: no heartbeat for 601 s"), taken.takenOverFrom());
  }

  @Test
  void theSameEngineTaskRequeuedOnAnotherNodeTakesOverItsEarlierAttempt() throws IOException {
    RunLock.acquire(lock(), new RunLock.Holder("node1", "slurm-40_3", 111, T0), STALE, pid -> true);
    RunLock.Attempt requeued = RunLock.acquire(lock(), new RunLock.Holder("node2", "slurm-40_3", 5, T0.plusSeconds(1)),
        STALE, pid -> true);
    assertTrue(requeued.acquired());
    assertTrue(requeued.takenOverFrom().contains("earlier attempt of this same task slurm-40_3"));
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
}
