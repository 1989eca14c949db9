package io.cnnlab.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cnnlab.experiments.RunReuse;
import io.cnnlab.runs.RunFolder;
import io.cnnlab.runs.RunJson;
import io.cnnlab.runs.RunManifest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The comparison bin/slurm-test ends with: every planned run with data, in both sweeps, or it fails; on the cluster
 * fixture's sweep (4 training runs, one measurement; a third experiment whose data is not installed).
 */
class SweepComparisonTest {
  @TempDir Path tmp;
  private ClusterFixture f;
  private ClusterPlan plan;
  private Path local;
  private Path cluster;

  @BeforeEach
  void setUp() throws IOException {
    f = new ClusterFixture(tmp);
    Files.writeString(f.declarations.resolve("digits.yaml"), """
        id: digits
        title: Digits
        kind: train
        dataset: mnist
        defaults: {model: {type: lenet}, epochs: 1}
        """);
    local = tmp.resolve("local");
    cluster = tmp.resolve("cluster");
    plan = ClusterPlan.read(ClusterPlan.of(f.declared(), f.options(cluster), f.declarations, "abc")
        .write(tmp.resolve("plan.json")));
    f.harness(f.executor).run(f.harness(f.executor).plan(f.declared(), f.options(local)));
    for (int i = 0; i < plan.runs().size(); i++) {
      assertEquals(0, f.task("n1", "slurm-1_" + i).run(plan, f.declared(), i));
    }
    f.harness(new RenderOnlyExecutor()).run(f.harness(new RenderOnlyExecutor()).plan(f.declared(),
        plan.sweep().options()));
  }

  @Test
  void everyPlannedRunWithDataIsComparedAndRunsWithoutDataAreNotCounted() throws IOException {
    SweepComparison.Result r = SweepComparison.compare(plan, local, cluster);

    assertEquals(List.of(), r.differences());
    assertEquals(6, r.planned(), "4 pool runs, 1 shapes run, 1 digits run");
    assertEquals("compared 5 of 5 planned runs with data", r.summary());
    assertTrue(r.agrees());
  }

  @Test
  void aPlannedRunMissingFromTheClusterFailsTheComparisonNamingIt() throws IOException {
    RunReuse.clear(cluster.resolve("pool/max-seed2"));

    SweepComparison.Result r = SweepComparison.compare(plan, local, cluster);

    assertEquals("compared 4 of 5 planned runs with data", r.summary());
    assertFalse(r.agrees());
    assertTrue(r.differences().get(0).startsWith("pool/max-seed2: no cluster run ("), r.differences().toString());
  }

  @Test
  void aRunMissingLocallyOrUnfinishedOrWithOtherMetricsFailsIt() throws IOException {
    RunReuse.clear(local.resolve("shapes/main-seed1"));
    Path file = new RunFolder(cluster.resolve("pool/avg-seed1")).manifest();
    RunManifest m = RunManifest.read(file);
    Map<String, Double> other = new LinkedHashMap<>(m.metrics());
    other.put("test_accuracy", other.get("test_accuracy") + 1e-3);
    other.put("wall_seconds", 99.0); // a timing: never compared
    RunJson.write(file, m.toBuilder().metrics(other).build());
    Path avg2 = new RunFolder(cluster.resolve("pool/avg-seed2")).manifest();
    RunJson.write(avg2, RunManifest.read(avg2).toBuilder().status(RunManifest.INTERRUPTED).build());

    SweepComparison.Result r = SweepComparison.compare(plan, local, cluster);

    assertEquals("compared 3 of 5 planned runs with data", r.summary());
    assertEquals(3, r.differences().size(), r.differences().toString());
    assertTrue(r.differences().get(0).startsWith("pool/avg-seed1: test_accuracy 0.8 locally, 0.801"),
        r.differences().get(0));
    assertTrue(r.differences().get(1).startsWith("pool/avg-seed2: the cluster run is interrupted, not finished"),
        r.differences().get(1));
    assertTrue(r.differences().get(2).startsWith("shapes/main-seed1: no local run ("), r.differences().get(2));
  }

  @Test
  void aPlanWithNoRunWithDataNeverAgrees() throws IOException {
    ClusterPlan none = new ClusterPlan(ClusterPlan.FORMAT, "abc", plan.sweep(), plan.runs().stream()
        .filter(i -> i.experiment().equals("digits")).toList());

    SweepComparison.Result r = SweepComparison.compare(none, local, cluster);

    assertEquals("compared 0 of 0 planned runs with data", r.summary());
    assertFalse(r.agrees());
  }
}
