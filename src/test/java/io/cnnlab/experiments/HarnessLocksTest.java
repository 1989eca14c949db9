package io.cnnlab.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import io.cnnlab.runs.ExperimentRecord;
import io.cnnlab.runs.RunLock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A sweep holds its reports folder's lock and each run's: a live holder of either is named, never overwritten. */
class HarnessLocksTest {
  @TempDir Path tmp;
  private HarnessFixture f;

  /** Another live process on the fixture's host. */
  private static final RunLock.Holder OTHER = new RunLock.Holder("test-host", "slurm-9_1", 4242,
      Instant.parse("2026-01-01T10:00:00Z"));

  @BeforeEach
  void setUp() throws IOException {
    f = new HarnessFixture(tmp);
    f.declare(HarnessFixture.POOL);
  }

  @Test
  void aRunLockedByAnotherWriterFailsItsExperimentNamingTheHolderAndIsLeftAlone() throws IOException {
    Path run = f.reports.resolve("pool/max-seed1");
    RunLock.acquire(RunLock.ofRun(run), OTHER, RunLock.DEFAULT_STALE, pid -> true);
    Files.createDirectories(run);
    Files.writeString(run.resolve("metrics.csv"), "being written by the other process\n");

    Harness.SweepResult result = f.harness.sweep(DeclarationReader.readAll(f.declarations), f.options(false));

    ExperimentRecord pool = result.records().get(0);
    assertEquals(ExperimentRecord.Status.FAILED, pool.verdict().status());
    assertTrue(pool.verdict().reason().contains("pool/max-seed1: Refused: " + RunLock.ofRun(run)
        + " is held by host test-host, job slurm-9_1, pid 4242, since 2026-01-01T10:00:00Z"), pool.verdict().reason());
    assertEquals("being written by the other process\n", Files.readString(run.resolve("metrics.csv")));
    verify(f.executor, times(2)).train(any(), any(), any(), any()); // the avg runs, before it
    verify(f.executor, never()).train(any(), any(), argThat(d -> d.endsWith("max-seed1")), any());
    for (String done : List.of("avg-seed1", "avg-seed2")) {
      assertFalse(Files.exists(RunLock.ofRun(f.reports.resolve("pool").resolve(done))), done + "'s lock released");
    }
    assertFalse(Files.exists(RunLock.ofSweep(f.reports)), "the sweep's lock released");
  }

  @Test
  void aSweepOnAFolderAnotherSweepHoldsIsRefusedBeforeItPlansOrWrites() throws IOException {
    RunLock.acquire(RunLock.ofSweep(f.reports), OTHER, RunLock.DEFAULT_STALE, pid -> true);

    RunLock.Refused e = assertThrows(RunLock.Refused.class,
        () -> f.harness.sweep(DeclarationReader.readAll(f.declarations), f.options(false)));

    assertEquals(4242, e.holder().pid());
    verify(f.executor, never()).trainingSpeed(any());
    try (var files = Files.list(f.reports)) {
      assertEquals(List.of(RunLock.ofSweep(f.reports)), files.toList(), "nothing written");
    }
  }

  @Test
  void aDeadSweepsLockIsTakenOverAndSaidSo() throws IOException {
    RunLock.Holder gone = new RunLock.Holder("test-host", "local", 4243, Instant.EPOCH);
    RunLock.acquire(RunLock.ofSweep(f.reports), gone, RunLock.DEFAULT_STALE, pid -> true);
    Harness harness = new Harness(f.executor, f.renderer, () -> HarnessFixture.ENVIRONMENT, new RunLock.Writer(
        HarnessFixture.WRITER.me(), RunLock.DEFAULT_STALE, pid -> pid != 4243),
        new java.io.PrintStream(f.console, true), false);

    Harness.SweepResult result = harness.sweep(DeclarationReader.readAll(f.declarations), f.options(false));

    assertEquals(0, result.exitCode());
    assertTrue(f.console().contains("sweep: took over " + RunLock.ofSweep(f.reports)
        + " from host test-host, job local, pid 4243"), f.console());
    assertTrue(f.console().contains("(dead: no process 4243 on test-host)"), f.console());
  }
}
