package io.cnnlab.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.clearInvocations;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import io.cnnlab.experiments.Harness;
import io.cnnlab.experiments.HarnessFixture;
import io.cnnlab.experiments.RunExecutor;
import io.cnnlab.experiments.SweepOptions;
import io.cnnlab.experiments.TensorFlowRunExecutor;
import io.cnnlab.graph.Machine;
import io.cnnlab.runs.RunAttempt;
import io.cnnlab.training.TrainListener;
import io.cnnlab.runs.ExperimentFolder;
import io.cnnlab.runs.ExperimentRecord;
import io.cnnlab.runs.RunFolder;
import io.cnnlab.runs.RunLock;
import io.cnnlab.runs.RunManifest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One task per index: the same results as the local sweep, idempotent, locked, written then renamed. */
class PlanTaskTest {
  @TempDir Path tmp;
  private ClusterFixture f;
  private Path reports;
  private ClusterPlan plan;

  @BeforeEach
  void setUp() throws IOException {
    f = new ClusterFixture(tmp);
    reports = tmp.resolve("cluster");
    plan = ClusterPlan.of(f.declared(), f.options(reports), f.declarations, "abc");
  }

  @Test
  void everyIndexRunFromJobCompletionIndexThenTheRenderJobGiveTheLocalSweepsResults() throws IOException {
    Harness.SweepResult local = f.harness(f.executor).run(f.harness(f.executor).plan(f.declared(),
        f.options(tmp.resolve("local"))));
    clearInvocations(f.executor);
    for (int i = 0; i < plan.runs().size(); i++) {
      int index = TaskIndex.resolve(null, Map.of(TaskIndex.KUBERNETES, Integer.toString(i)));
      assertEquals(0, f.task("pod-" + i, "k8s-sweep-" + i).run(ClusterPlan.read(plan.write(tmp.resolve("p.json"))),
          f.declared(), index));
    }
    verify(f.executor, times(4)).train(any(), any(), any(), any());
    verify(f.executor, times(1)).measure(any(), any());
    Harness.SweepResult rendered = f.harness(new RenderOnlyExecutor()).run(f.harness(new RenderOnlyExecutor())
        .plan(f.declared(), plan.sweep().options()));
    assertEquals(0, rendered.exitCode());
    assertEquals(local.records().size(), rendered.records().size());
    for (int e = 0; e < local.records().size(); e++) {
      ExperimentRecord l = local.records().get(e);
      ExperimentRecord c = rendered.records().get(e);
      assertEquals(l.verdict().status(), c.verdict().status(), l.id());
      assertEquals(l.verdict().measured(), c.verdict().measured(), l.id());
      assertEquals(l.verdict().reason(), c.verdict().reason(), l.id());
      org.junit.jupiter.api.Assertions.assertArrayEquals(l.verdict().spread(), c.verdict().spread(), l.id());
      assertEquals(l.runs().size(), c.runs().size());
      for (int r = 0; r < l.runs().size(); r++) {
        assertEquals(l.runs().get(r).configHash(), c.runs().get(r).configHash());
        RunManifest lm = RunManifest.read(tmp.resolve("local").resolve(l.id()).resolve(l.runs().get(r).dir())
            .resolve(RunFolder.MANIFEST));
        RunManifest cm = RunManifest.read(reports.resolve(c.id()).resolve(c.runs().get(r).dir())
            .resolve(RunFolder.MANIFEST));
        assertEquals(lm.metrics(), cm.metrics(), c.id() + "/" + c.runs().get(r).dir());
        Path lcsv = tmp.resolve("local").resolve(l.id()).resolve(l.runs().get(r).dir()).resolve("metrics.csv");
        Path ccsv = reports.resolve(c.id()).resolve(c.runs().get(r).dir()).resolve("metrics.csv");
        assertEquals(Files.exists(lcsv), Files.exists(ccsv));
        if (Files.exists(lcsv)) {
          assertEquals(Files.readString(lcsv), Files.readString(ccsv));
        }
      }
      assertTrue(Files.isRegularFile(reports.resolve(c.id()).resolve(ExperimentFolder.RECORD)));
    }
    // The verdict tables agree but for the count of reused runs: the render job reuses every run.
    assertEquals(verdictsWithoutReused(tmp.resolve("local/verdicts.csv")),
        verdictsWithoutReused(reports.resolve("verdicts.csv")));
    assertTrue(Files.readString(reports.resolve("verdicts.csv")).contains(",4,4,"), "4 runs, all 4 reused");
  }

  @Test
  void aCompleteRunEndsAtOnceWithoutRunningAgain() throws IOException {
    assertEquals(0, f.task("n1", "slurm-1_0").run(plan, f.declared(), 0));
    verify(f.executor, times(1)).train(any(), any(), any(), any());
    clearInvocations(f.executor);
    assertEquals(0, f.task("n2", "slurm-2_0").run(plan, f.declared(), 0));
    verify(f.executor, never()).train(any(), any(), any(), any());
    assertTrue(f.console().contains("task 0: pool/avg-seed1 is already complete with configuration "
        + plan.item(0).configHash().substring(0, 12)), f.console());
  }

  @Test
  void aReaderNeverSeesTheRunFolderBeforeTheRunIsComplete() throws IOException {
    Path runDir = Path.of(plan.item(1).dir());
    List<Boolean> visibleWhileTraining = new ArrayList<>();
    f.duringTraining = dir -> {
      visibleWhileTraining.add(Files.exists(runDir));
      assertEquals(PlanTask.stagingOf(runDir), dir);
      assertTrue(Files.isRegularFile(RunLock.ofRun(runDir)), "locked while it runs");
    };
    assertEquals(0, f.task("n1", "local").run(plan, f.declared(), 1));
    assertEquals(List.of(false), visibleWhileTraining);
    assertTrue(RunManifest.read(runDir.resolve(RunFolder.MANIFEST)).isFinished());
    assertTrue(Files.isRegularFile(runDir.resolve("metrics.csv")));
    assertFalse(Files.exists(PlanTask.stagingOf(runDir)));
    assertFalse(Files.exists(RunLock.ofRun(runDir)), "released");
  }

  @Test
  void aRunLockedByALiveTaskIsNotRunAndTheHolderIsNamed() throws IOException {
    Path runDir = Path.of(plan.item(2).dir());
    RunLock.acquire(RunLock.ofRun(runDir), new RunLock.Holder("node7", "slurm-90_2", 4242, Instant.now()),
        java.time.Duration.ofMinutes(10), pid -> true);
    assertEquals(PlanTask.LOCKED, f.task("node8", "slurm-91_2").run(plan, f.declared(), 2));
    verify(f.executor, never()).train(any(), any(), any(), any());
    assertTrue(f.console().contains("pool/max-seed1 is locked by host node7, job slurm-90_2, pid 4242"), f.console());
    assertFalse(Files.exists(runDir));
  }

  @Test
  void anInterruptedAttemptIsResumedAndItsDeadLockTakenOver() throws IOException {
    Path runDir = Path.of(plan.item(0).dir());
    f.duringTraining = dir -> {
      throw new IllegalStateException("preempted");
    };
    assertThrows(IllegalStateException.class, () -> f.task("n1", "local").run(plan, f.declared(), 0));
    RunManifest left = RunManifest.read(PlanTask.stagingOf(runDir).resolve(RunFolder.MANIFEST));
    assertEquals(RunManifest.FAILED, left.status());
    // A killed task leaves its lock behind: write one of a process that is gone.
    RunLock.acquire(RunLock.ofRun(runDir), new RunLock.Holder("n1", "local", 999_999_999L, Instant.now()),
        java.time.Duration.ofMinutes(10), pid -> true);
    f.duringTraining = dir -> {};
    RunLock.Holder me = new RunLock.Holder("n1", "local", ProcessHandle.current().pid(), Instant.now());
    PlanTask again = new PlanTask(f.harness(f.executor), new java.io.PrintStream(f.console, true),
        new RunLock.Writer(me, java.time.Duration.ofMinutes(10), RunLock::processAlive));
    assertEquals(0, again.run(plan, f.declared(), 0));
    assertTrue(f.console().contains("took over the lock of pool/avg-seed1 from host n1, job local, pid 999999999"),
        f.console());
    assertTrue(f.console().contains("task 0: resuming pool/avg-seed1"), f.console());
    assertTrue(f.console().contains(": resume (estimate"), "the harness resumes, not restarts: " + f.console());
    assertTrue(RunManifest.read(runDir.resolve(RunFolder.MANIFEST)).isFinished());
  }

  /** A TensorFlow executor whose first training run stops in the first step of epoch 2. */
  private static RunExecutor stoppingOnce(RunExecutor real) {
    java.util.concurrent.atomic.AtomicBoolean stopped = new java.util.concurrent.atomic.AtomicBoolean();
    return HarnessFixture.beforeTraining(real, listeners -> listeners.add(new TrainListener() {
      @Override
      public void onStep(StepProgress p) {
        if (p.epoch() == 2 && stopped.compareAndSet(false, true)) {
          throw new IllegalStateException("preempted in epoch 2");
        }
      }
    }));
  }

  /** Task 0 of array job 5 on {@code host}, its harness running with {@code executor}. */
  private PlanTask taskOn(String host, RunExecutor executor) {
    RunLock.Writer writer = new RunLock.Writer(new RunLock.Holder(host, "slurm-5_0", ProcessHandle.current().pid(),
        Instant.now()), java.time.Duration.ofMinutes(10), pid -> true);
    java.io.PrintStream console = new java.io.PrintStream(f.console, true);
    return new PlanTask(new Harness(executor, f.renderer, () -> HarnessFixture.ENVIRONMENT,
        writer, console, false), console, writer);
  }

  @Test
  void aTaskStoppedInEpoch2ResumesThroughTheRealTrainerAndItsRecordShowsEachEpochTrainedOnce() throws IOException {
    Path data = tmp.resolve("data");
    io.cnnlab.data.Fixtures.writeMnistLayout(data, "fashion-mnist", 64, 32, false, 11);
    Path declarations = Files.createDirectories(tmp.resolve("tiny-declarations"));
    Files.writeString(declarations.resolve("tiny.yaml"), """
        id: tiny
        title: A tiny deterministic LeNet
        kind: train
        dataset: fashion-mnist
        defaults: {model: {type: lenet}, epochs: 3, batchSize: 16, trainLimit: 64, testLimit: 32, threads: 1,
          workers: 0, learningRate: 0.1, deterministic: true}
        seeds: [1]
        """);
    List<io.cnnlab.experiments.Declaration> tiny = io.cnnlab.experiments.DeclarationReader.readAll(declarations);
    SweepOptions cluster = new SweepOptions(tmp.resolve("tiny-cluster"), data, false, null, false, "cpu");
    ClusterPlan tinyPlan = ClusterPlan.of(tiny, cluster, declarations, "abc");
    RunExecutor real = new TensorFlowRunExecutor(null, Machine::detect);
    assertThrows(IllegalStateException.class, () -> taskOn("n1", stoppingOnce(real)).run(tinyPlan, tiny, 0));
    assertEquals(0, taskOn("n2", real).run(tinyPlan, tiny, 0));
    f.harness(real).sweep(tiny, new SweepOptions(tmp.resolve("tiny-local"), data, false, null, false, "cpu"));

    Path run = tmp.resolve("tiny-cluster/tiny/main-seed1");
    List<RunAttempt> attempts = RunManifest.read(run.resolve(RunFolder.MANIFEST)).attempts();
    assertEquals(List.of("n1", "n2"), attempts.stream().map(RunAttempt::host).toList());
    assertEquals(List.of(List.of(1), List.of(2, 3)), attempts.stream().map(RunAttempt::epochs).toList());
    assertEquals(RunAttempt.FAILED, attempts.get(0).status());
    assertEquals(1, attempts.get(1).startedAfterEpoch());
    ResumedRun.Result check = ResumedRun.check(run, tmp.resolve("tiny-local/tiny/main-seed1"), 3);
    assertEquals(List.of(), check.problems());
    assertEquals(1, check.resumedAfter());
  }

  @Test
  void theResumeCheckFailsOnARunTrainedOnceOrWithAnEpochTwiceOrOtherMetrics() throws IOException {
    Path a = tmp.resolve("a");
    Path b = tmp.resolve("b");
    io.cnnlab.runs.RunLock.Holder h = new io.cnnlab.runs.RunLock.Holder("n", "local", 1, Instant.EPOCH);
    String header = String.join(",", io.cnnlab.runs.MetricsColumns.HEADER) + "\n";
    String row1 = "1,2.0,0.1,2.1,0.1,100.0,1.0,0,0,0,0,0,0.1\n";
    String row2 = "2,1.5,0.2,1.6,0.2,100.0,1.0,0,0,0,0,0,0.1\n";
    Files.createDirectories(b);
    Files.writeString(b.resolve(RunFolder.METRICS), header + row1 + row2);
    Files.createDirectories(a);
    Files.writeString(a.resolve(RunFolder.METRICS), header + row1 + row1.replace("2.0,", "2.5,") + row2);
    io.cnnlab.runs.RunJson.write(a.resolve(RunFolder.MANIFEST), RunManifest.builder().epochsCompleted(2)
        .status(RunManifest.FINISHED).attempts(List.of(RunAttempt.started(h, "t").withEpoch(1).withEpoch(2)
            .ended(RunAttempt.COMPLETED, "t", null))).build());

    List<String> problems = ResumedRun.check(a, b, 2).problems();

    assertEquals(2, problems.size(), problems.toString());
    assertTrue(problems.get(0).startsWith("expected 2 attempts, found 1"), problems.get(0));
    assertEquals("metrics.csv has epochs [1, 1, 2], expected each of 1..2 once", problems.get(1));
    Files.writeString(a.resolve(RunFolder.METRICS), header + row1 + row2.replace("1.5,", "1.4,"));
    assertEquals("epoch 2: train_loss 1.4 resumed, 1.5 uninterrupted", ResumedRun.check(a, b, 2).problems().get(1));
  }

  @Test
  void aPlanWhoseRunsChangedSinceIsRefusedNamingTheCommit() throws IOException {
    Files.writeString(f.declarations.resolve("pool.yaml"), ClusterFixture.POOL.replace("epochs: 2", "epochs: 3"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> f.task("n1", "local").run(plan, f.declared(), 0));
    assertTrue(e.getMessage().contains("pool/avg-seed1") && e.getMessage().contains("commit abc")
        && e.getMessage().contains("write the plan again"), e.getMessage());
  }

  private static List<Map<String, String>> verdictsWithoutReused(Path csv) throws IOException {
    try (var parser = org.apache.commons.csv.CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build()
        .parse(Files.newBufferedReader(csv))) {
      return parser.getRecords().stream().map(r -> {
        Map<String, String> m = new java.util.TreeMap<>(r.toMap());
        m.remove("reused");
        return m;
      }).toList();
    }
  }
}
