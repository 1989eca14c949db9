package io.cnnlab.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cnnlab.experiments.PlannedRun;
import io.cnnlab.runs.RunFileException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The plan file: its order, its stability, its round trip and its refusals. */
class ClusterPlanTest {
  @TempDir Path tmp;

  @Test
  void listsDeclarationsByIdThenVariantsThenSeedsWithEachRunsHashAndFolder() throws IOException {
    ClusterFixture f = new ClusterFixture(tmp);
    Path reports = tmp.resolve("reports");
    ClusterPlan plan = ClusterPlan.of(f.declared(), f.options(reports), f.declarations, "abc");
    List<String> labels = plan.runs().stream().map(ClusterPlan.Item::label).toList();
    assertEquals(List.of("pool/avg-seed1", "pool/avg-seed2", "pool/max-seed1", "pool/max-seed2",
        "shapes/main-seed1"), labels);
    for (ClusterPlan.Item item : plan.runs()) {
      assertEquals(plan.runs().indexOf(item), item.index());
      PlannedRun run = PlannedRun.of(f.declared().stream().filter(d -> d.id().equals(item.experiment())).findFirst()
          .orElseThrow(), f.declared().stream().filter(d -> d.id().equals(item.experiment())).findFirst()
          .orElseThrow().variant(item.variant()), item.seed(), reports.resolve(item.experiment()), f.dataRoot, false,
          "cpu");
      assertEquals(run.configHash(), item.configHash(), item.label());
      assertEquals(reports.resolve(item.experiment()).resolve(item.variant() + "-seed" + item.seed()).toString(),
          item.dir());
    }
  }

  @Test
  void theSameDeclarationsGiveTheSamePlanWhateverTheFoldersHoldAndItReadsBackEqual() throws IOException {
    ClusterFixture f = new ClusterFixture(tmp);
    Path reports = tmp.resolve("reports");
    ClusterPlan first = ClusterPlan.of(f.declared(), f.options(reports), f.declarations, "abc");
    Path file = first.write(ClusterPlan.fileFor(reports));
    // A finished run and a missing data set change what a local sweep would do, not the plan's indices.
    f.task("vm", "local").run(first, f.declared(), 2);
    for (Path p : Files.list(f.dataRoot.resolve("fashion-mnist")).toList()) {
      Files.delete(p);
    }
    ClusterPlan again = ClusterPlan.of(f.declared(), f.options(reports), f.declarations, "abc");
    assertEquals(first, again);
    assertEquals(first, ClusterPlan.read(file));
    assertEquals(reports.resolve("plan.json"), file);
  }

  @Test
  void aFileOfAnotherFormatOrWithIndicesOutOfOrderIsRefusedNamingTheFile() throws IOException {
    ClusterFixture f = new ClusterFixture(tmp);
    ClusterPlan plan = ClusterPlan.of(f.declared(), f.options(tmp.resolve("r")), f.declarations, "abc");
    Path file = plan.write(tmp.resolve("plan.json"));
    Files.writeString(file, Files.readString(file).replace(ClusterPlan.FORMAT, "cnnlab-plan-0"));
    RunFileException e = assertThrows(RunFileException.class, () -> ClusterPlan.read(file));
    assertTrue(e.getMessage().startsWith(file.toString()) && e.getMessage().contains("cnnlab-plan-0"), e.getMessage());
    ClusterPlan swapped = new ClusterPlan(ClusterPlan.FORMAT, "abc", plan.sweep(),
        List.of(plan.runs().get(1), plan.runs().get(0)));
    swapped.write(file);
    assertTrue(assertThrows(RunFileException.class, () -> ClusterPlan.read(file)).getMessage()
        .contains("run 0 carries index 1"));
    IllegalArgumentException outside = assertThrows(IllegalArgumentException.class, () -> plan.item(5));
    assertEquals("index 5 is outside the plan's runs 0..4", outside.getMessage());
  }
}
