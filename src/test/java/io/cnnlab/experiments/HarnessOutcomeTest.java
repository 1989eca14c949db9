package io.cnnlab.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.cnnlab.data.DatasetId;
import io.cnnlab.data.MissingDatasetException;
import io.cnnlab.experiments.tasks.Measurement;
import io.cnnlab.runs.ExperimentFolder;
import io.cnnlab.runs.ExperimentRecord.Status;
import io.cnnlab.runs.ExperimentRecord;
import io.cnnlab.runs.ExperimentRecordJson;
import io.cnnlab.runs.RunManifest;
import io.cnnlab.testing.EventFileReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Missing data, failures, measurement kinds, the records and verdict tables written, and the renderer calls. */
class HarnessOutcomeTest {
  @TempDir Path tmp;
  private HarnessFixture f;

  @BeforeEach
  void setUp() throws IOException {
    f = new HarnessFixture(tmp);
    f.declare(HarnessFixture.POOL);
    f.declare(HarnessFixture.DIGITS);
    f.declare(HarnessFixture.SHAPES);
    when(f.executor.measure(any(), any())).thenReturn(
        new Measurement(Map.of("mismatches", 0.0, "checks", 9.0), List.of("checks.csv")));
  }

  private static Map<String, ExperimentRecord> byId(Harness.SweepResult r) {
    return r.records().stream().collect(Collectors.toMap(ExperimentRecord::id, Function.identity()));
  }

  @Test
  void missingDataIsNotRunWithTheInstallCommandAndTheSweepGoesOn() throws IOException {
    Harness.SweepResult result = f.sweep(false);
    ExperimentRecord digits = byId(result).get("digits");
    assertEquals(Status.NOT_RUN, digits.verdict().status());
    assertTrue(digits.verdict().reason().contains("make datasets"), digits.verdict().reason());
    assertTrue(digits.runs().isEmpty());
    assertEquals(Status.REPRODUCED, byId(result).get("pool").verdict().status());
    assertEquals(Status.REPRODUCED, byId(result).get("shapes").verdict().status());
    assertEquals(0, result.exitCode(), "missing data is not a failure");
    verify(f.renderer, never()).renderExperiment(eq(f.reports.resolve("digits")), any());
  }

  @Test
  void dataThatVanishesDuringTheRunIsNotRunToo() throws IOException {
    doThrow(new MissingDatasetException(DatasetId.FASHION_MNIST, f.dataRoot.resolve("fashion-mnist/x")))
        .when(f.executor).train(any(), any(), any(), any());
    ExperimentRecord pool = byId(f.sweep(false)).get("pool");
    assertEquals(Status.NOT_RUN, pool.verdict().status());
    assertTrue(pool.verdict().reason().contains("fashion-mnist is not installed"), pool.verdict().reason());
  }

  @Test
  void aFailingRunFailsItsExperimentOnlyAndTheExitStatus() throws IOException {
    doAnswer(inv -> {
      Path dir = inv.getArgument(2);
      if (dir.getFileName().toString().equals("max-seed1")) {
        throw new IllegalStateException("loss diverged");
      }
      return HarnessFixture.fakeTraining(inv, name -> 0.8);
    }).when(f.executor).train(any(), any(), any(), any());
    Harness.SweepResult result = f.sweep(false);
    ExperimentRecord pool = byId(result).get("pool");
    assertEquals(Status.FAILED, pool.verdict().status());
    assertTrue(pool.verdict().reason().contains("pool/max-seed1") && pool.verdict().reason().contains("loss diverged"),
        pool.verdict().reason());
    assertEquals(2, pool.runs().size(), "the runs before the failure are recorded");
    RunManifest failed = RunReuse.manifest(f.reports.resolve("pool/max-seed1")).orElseThrow();
    assertEquals(RunManifest.FAILED, failed.status());
    assertEquals("loss diverged", failed.error());
    assertEquals(Status.REPRODUCED, byId(result).get("shapes").verdict().status(), "the sweep went on");
    assertEquals(1, result.exitCode());
  }

  @Test
  void measurementKindsAreComparedWithTheirExactExpectation() throws IOException {
    ExperimentRecord shapes = byId(f.sweep(false)).get("shapes");
    assertEquals(Status.REPRODUCED, shapes.verdict().status());
    assertEquals(0.0, shapes.verdict().measured());
    assertEquals(List.of("checks.csv"), shapes.runs().get(0).outputs());
    when(f.executor.measure(any(), any())).thenReturn(new Measurement(Map.of("mismatches", 2.0), List.of()));
    ExperimentRecord again = byId(f.sweep(true)).get("shapes");
    assertEquals(Status.OUTSIDE_BAND, again.verdict().status());
    assertEquals(2.0, again.verdict().gap());
  }

  @Test
  void experimentJsonHoldsTheRecordAndReadsBack() throws IOException {
    ExperimentRecord pool = byId(f.sweep(false)).get("pool");
    ExperimentRecord read = ExperimentRecordJson.read(f.reports.resolve("pool").resolve(ExperimentFolder.RECORD));
    assertEquals(pool.id(), read.id());
    assertEquals(pool.runs(), read.runs());
    assertEquals(pool.reference(), read.reference());
    assertEquals(pool.verdict().status(), read.verdict().status());
    assertEquals(0.8, read.verdict().measured(), 1e-12);
    assertEquals(DatasetId.FASHION_MNIST.classNames(), read.classNames());
    assertEquals(List.of("overlay"), read.render());
    assertEquals("avg-seed1", read.runs().get(0).dir());
    assertTrue(read.settings().get("variant max").contains("pool: max"), read.settings().toString());
    assertNull(ExperimentRecordJson.read(f.reports.resolve("digits").resolve(ExperimentFolder.RECORD))
        .reference());
  }

  @Test
  void verdictTablesListEveryExperimentIncludingEarlierSweeps() throws IOException {
    f.harness.run(f.harness.plan(DeclarationReader.readAll(f.declarations).stream()
        .filter(d -> d.id().equals("pool")).toList(), f.options(false)));
    f.harness.run(f.harness.plan(DeclarationReader.readAll(f.declarations).stream()
        .filter(d -> !d.id().equals("pool")).toList(), f.options(false)));
    List<CSVRecord> rows;
    try (Reader r = Files.newBufferedReader(f.reports.resolve("verdicts.csv"))) {
      rows = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(r).getRecords();
      assertEquals(VerdictTable.HEADER, rows.isEmpty() ? List.of() : rows.get(0).getParser().getHeaderNames());
    }
    Map<String, CSVRecord> byId = rows.stream().collect(Collectors.toMap(r -> r.get("experiment"), r -> r));
    assertEquals(List.of("digits", "pool", "shapes"), byId.keySet().stream().sorted().toList());
    CSVRecord pool = byId.get("pool");
    assertEquals("REPRODUCED", pool.get("status"));
    assertEquals(0.8, Double.parseDouble(pool.get("measured")), 1e-12);
    assertEquals("0.78", pool.get("low"));
    assertEquals("4", pool.get("runs"));
    assertEquals("NOT_RUN", byId.get("digits").get("status"));
    String md = Files.readString(f.reports.resolve("verdicts.md"));
    assertTrue(md.contains("| pool | REPRODUCED | 0.8000 (0.8000-0.8000) | accuracy [0.78, 0.83] | 0.000 | 4 |"), md);
    assertTrue(md.contains("| digits | NOT_RUN |"), md);
  }

  @Test
  void earlierRecordsAreReadLikeCnnlabReportReadsThemAndBrokenOnesAreLeftOut() throws IOException {
    ExperimentRecord pool = byId(f.sweep(false)).get("pool");
    // An earlier sweep's record with a key this version does not know is refused, as `cnnlab report` refuses it.
    String poolJson = Files.readString(f.reports.resolve("pool").resolve(ExperimentFolder.RECORD));
    Files.writeString(Files.createDirectories(f.reports.resolve("old")).resolve(ExperimentFolder.RECORD),
        poolJson.replace("\"id\" : \"pool\"", "\"id\" : \"old\", \"colour\" : \"red\""));
    Files.writeString(Files.createDirectories(f.reports.resolve("cut")).resolve(ExperimentFolder.RECORD),
        "{\"id\": \"cut\", ");

    List<ExperimentRecord> all = Harness.withEarlier(f.reports, List.of(pool));

    assertEquals(List.of("digits", "pool", "shapes"), all.stream().map(ExperimentRecord::id).toList());
    assertTrue(all.contains(pool), "this sweep's record, not the one on disk, stands for pool");
  }

  @Test
  void rendererRendersRunExperimentsAndTheIndexOverAll() throws IOException {
    f.sweep(false);
    verify(f.renderer).renderExperiment(eq(f.reports.resolve("pool")), any());
    verify(f.renderer).renderExperiment(eq(f.reports.resolve("shapes")), any());
    verify(f.renderer).renderIndex(eq(f.reports), anyList());
  }

  @Test
  void aRendererFailureIsReportedAndFailsTheExitStatus() throws IOException {
    doThrow(new IOException("no fonts")).when(f.renderer).renderExperiment(any(), any());
    Harness.SweepResult result = f.sweep(false);
    assertTrue(result.problems().stream().anyMatch(p -> p.contains("no fonts")), result.problems().toString());
    assertEquals(1, result.exitCode());
    assertTrue(f.console().contains("problem: pool: report not rendered: no fonts"), f.console());
  }

  @Test
  void progressShowsEachRunAndAnEta() throws IOException {
    f.sweep(false);
    String out = f.console();
    assertTrue(out.contains("[1/5] pool/avg-seed1: run"), out);
    assertTrue(out.contains("| 4/5 runs |") && out.contains("ETA"), out);
    assertTrue(out.contains("epoch 2/2 test acc 0.9000"), out);
  }

  @Test
  void trainingRunsWriteTensorBoardEventsAndPlainProgressUnlessTurnedOffOrSmoke() throws IOException {
    f.sweep(false);
    Path avg = f.reports.resolve("pool/avg-seed1/tensorboard");
    List<EventFileReader.Scalar> accuracy =
        EventFileReader.scalars(EventFileReader.readAll(avg), "epoch/test_accuracy");
    assertEquals(List.of(new EventFileReader.Scalar("epoch/test_accuracy", 1, 0.8f),
        new EventFileReader.Scalar("epoch/test_accuracy", 2, 0.8f)), accuracy);
    // Without a terminal the console gets the trainer's epoch lines too (and, in long epochs, plain step lines).
    assertTrue(f.console().contains("epoch 2/2 loss 0.5000 train acc 0.800 test loss 0.5000 test acc 0.800"),
        f.console());

    f.harness.tensorBoard(false);
    f.sweep(true); // run again from scratch, without event files
    assertFalse(Files.exists(avg), "--no-tensorboard");

    f.harness.tensorBoard(true);
    SweepOptions smoke = new SweepOptions(SweepOptions.rootFor(f.reports, true), f.dataRoot, true, null, false, "cpu");
    f.harness.run(f.harness.plan(DeclarationReader.readAll(f.declarations), smoke));
    assertTrue(Files.exists(f.reports.resolve("smoke/pool/avg-seed1/metrics.csv")));
    assertFalse(Files.exists(f.reports.resolve("smoke/pool/avg-seed1/tensorboard")), "smoke runs write none");
  }
}
