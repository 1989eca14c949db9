package io.cnnlab.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.clearInvocations;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.cnnlab.runs.ExperimentRecord.RunRecord;
import io.cnnlab.runs.ExperimentRecord;
import io.cnnlab.runs.RunFolder;
import io.cnnlab.runs.RunJson;
import io.cnnlab.runs.RunManifest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Plan and estimate, reuse by configuration hash, {@code --force}, changed settings and resuming. */
class HarnessReuseTest {
  @TempDir Path tmp;
  private HarnessFixture f;

  @BeforeEach
  void setUp() throws IOException {
    f = new HarnessFixture(tmp);
    f.declare(HarnessFixture.POOL);
  }

  @Test
  void planListsVariantsTimesSeedsWithAnEstimateFromTheMeasuredSpeed() throws IOException {
    SweepPlan plan = f.plan(false);
    List<String> runs = plan.steps().stream().map(s -> s.run().name()).toList();
    assertEquals(List.of("avg-seed1", "avg-seed2", "max-seed1", "max-seed2"), runs);
    assertTrue(plan.steps().stream().allMatch(s -> s.action() == RunReuse.Action.RUN));
    // Per run: 1 s overhead + 2 epochs x ((1000 train + 300/3 eval) samples / 1000 img/s + 0.3 s) = 3.8 s.
    for (SweepPlan.Step s : plan.steps()) {
      assertEquals(3.8, s.estimate().seconds(), 1e-9, s.run().name());
    }
    assertEquals(4 * 3.8, plan.seconds(), 1e-9);
    verify(f.executor, times(2)).trainingSpeed(any()); // one probe per distinct model, not per run
    assertTrue(f.console().contains("Estimated total: 0:15"), f.console());
    assertTrue(f.console().contains("avg-seed2"), f.console());
    verify(f.executor, never()).train(any(), any(), any(), any());
  }

  @Test
  void finishedRunsWithTheSameHashAreReusedNotRerun() throws IOException {
    Harness.SweepResult first = f.sweep(false);
    verify(f.executor, times(4)).train(any(), any(), any(), any());
    assertTrue(first.records().get(0).runs().stream().noneMatch(RunRecord::reused));

    Harness.SweepResult second = f.sweep(false);
    verify(f.executor, times(4)).train(any(), any(), any(), any()); // no new call
    ExperimentRecord again = second.records().get(0);
    assertTrue(again.runs().stream().allMatch(RunRecord::reused));
    assertEquals(first.records().get(0).verdict().measured(), again.verdict().measured());
    assertEquals(ExperimentRecord.Status.REPRODUCED, again.verdict().status());
  }

  @Test
  void forceRerunsFinishedRuns() throws IOException {
    f.sweep(false);
    clearInvocations(f.executor);
    Harness.SweepResult forced = f.sweep(true);
    verify(f.executor, times(4)).train(any(), any(), any(), any());
    assertTrue(forced.records().get(0).runs().stream().noneMatch(RunRecord::reused));
  }

  @Test
  void changingOneVariantsSettingsRerunsOnlyItsRuns() throws IOException {
    f.sweep(false);
    clearInvocations(f.executor);
    f.declare(HarnessFixture.POOL.replace("{name: max, model: {pool: max}}", "{name: max, model: {pool: max}, learningRate: 0.5}"));
    SweepPlan plan = f.plan(false);
    assertEquals(List.of(RunReuse.Action.REUSE, RunReuse.Action.REUSE, RunReuse.Action.RUN, RunReuse.Action.RUN),
        plan.steps().stream().map(SweepPlan.Step::action).toList());
    f.harness.run(plan);
    verify(f.executor, times(2)).train(any(), any(), any(), any());
    verify(f.executor).train(any(), any(), eq(f.reports.resolve("pool").resolve("max-seed1")), any());
  }

  @Test
  void aRunOfOneConvolutionFormIsNotReusedForTheOther() throws IOException {
    f.sweep(false);
    List<String> auto = f.plan(false).steps().stream().map(s -> s.run().configHash()).toList();
    String plainPool = HarnessFixture.POOL.replace("  epochs: 2\n", "  epochs: 2\n  convForm: plain\n");
    f.declare(plainPool);
    clearInvocations(f.executor);
    SweepPlan plain = f.plan(false);
    for (int i = 0; i < auto.size(); i++) {
      assertNotEquals(auto.get(i), plain.steps().get(i).run().configHash(), "only the requested form changed");
    }
    assertTrue(plain.steps().stream().allMatch(s -> s.action() == RunReuse.Action.RUN), "auto's runs not reused");
    f.harness.run(plain);
    verify(f.executor, times(4)).train(any(), any(), any(), any());
    RunManifest m = RunReuse.manifest(f.reports.resolve("pool").resolve("avg-seed1")).orElseThrow();
    assertEquals("plain", m.execution().requested().get("convForm"));
    assertTrue(m.execution().stages().stream().allMatch(st -> st.form().equals("plain")), m.execution().toString());

    f.declare(HarnessFixture.POOL);
    assertTrue(f.plan(false).steps().stream().allMatch(s -> s.action() == RunReuse.Action.RUN),
        "plain's runs not reused for auto either");
  }

  @Test
  void anInterruptedRunResumesInItsFolderWithItsCheckpoint() throws IOException {
    f.sweep(false);
    Path run = f.reports.resolve("pool").resolve("avg-seed1");
    RunManifest finished = RunReuse.manifest(run).orElseThrow();
    RunJson.write(run.resolve(RunFolder.MANIFEST), finished.toBuilder().status(RunManifest.RUNNING).epochsCompleted(1)
        .metrics(java.util.Map.of()).finishedAt(null).wallSeconds(0).build());
    Path marker = Files.createDirectories(run.resolve("checkpoint")).resolve("marker");
    Files.writeString(marker, "epoch 1");
    clearInvocations(f.executor);
    AtomicBoolean checkpointThere = new AtomicBoolean();
    doAnswer(inv -> {
      checkpointThere.set(Files.exists(marker));
      return HarnessFixture.fakeTraining(inv, name -> 0.8);
    }).when(f.executor).train(any(), any(), any(), any());

    SweepPlan plan = f.plan(false);
    SweepPlan.Step step = plan.steps().get(0);
    assertEquals(RunReuse.Action.RESUME, step.action());
    assertEquals(1 + 1 * 1.4, step.estimate().seconds(), 1e-9, "one epoch left");
    f.harness.run(plan);
    verify(f.executor, times(1)).train(any(), any(), eq(run), any());
    assertTrue(checkpointThere.get(), "the folder (and its checkpoint) is handed to the trainer as it was");
    assertTrue(RunReuse.manifest(run).orElseThrow().isFinished());
  }

  @Test
  void aRunStartedAfreshGetsAnEmptyFolder() throws IOException {
    f.sweep(false);
    Path marker = f.reports.resolve("pool").resolve("avg-seed1").resolve("checkpoint").resolve("marker");
    Files.createDirectories(marker.getParent());
    Files.writeString(marker, "stale");
    AtomicBoolean stale = new AtomicBoolean(true);
    doAnswer(inv -> {
      stale.set(Files.exists(marker));
      return HarnessFixture.fakeTraining(inv, name -> 0.8);
    }).when(f.executor).train(any(), any(), any(), any());
    f.sweep(true);
    assertFalse(stale.get(), "--force clears the old folder before training");
  }

  @Test
  void manifestRecordsConfigurationHashEnvironmentAndResults() throws IOException {
    f.sweep(false);
    RunManifest m = RunReuse.manifest(f.reports.resolve("pool").resolve("max-seed2")).orElseThrow();
    PlannedRun planned = f.plan(false).steps().get(3).run();
    assertEquals(planned.configHash(), m.configHash());
    assertEquals(PlannedRun.hash(m.configuration()), m.configHash(), "the hash is the configuration's");
    assertEquals(2, m.seed());
    assertEquals("2", m.configuration().get("epochs"));
    assertTrue(m.configuration().get("identity").contains("pooling=MAX"), m.configuration().toString());
    assertEquals(HarnessFixture.ENVIRONMENT, m.environment());
    // LeNet's two stages in blocked form on the test machine's CPU, as asked (auto) for 2 threads and towers
    assertEquals("auto", m.execution().requested().get("convForm"));
    assertEquals(List.of("blocked", "blocked"), m.execution().stages().stream().map(st -> st.form()).toList());
    assertEquals(2, m.execution().towers());
    assertEquals(RunManifest.FINISHED, m.status());
    assertEquals(2, m.epochsCompleted());
    assertEquals(0.9, m.metrics().get("test_accuracy"));
    assertTrue(m.finishedAt() != null && m.startedAt() != null);
    assertTrue(Files.readString(f.reports.resolve("pool").resolve("max-seed2").resolve("metrics.csv"))
        .startsWith("epoch,train_loss"), "metrics.csv written through the listeners");
  }
}
