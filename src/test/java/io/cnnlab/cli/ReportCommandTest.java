package io.cnnlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cnnlab.reports.ExperimentFixtures;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ReportCommandTest {
  @TempDir Path reports;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cli = new CommandLine(new CnnlabCli());
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    String[] all = new String[args.length + 3];
    all[0] = "report";
    System.arraycopy(args, 0, all, 1, args.length);
    all[args.length + 1] = "--reports";
    all[args.length + 2] = reports.toString();
    return cli.execute(all);
  }

  @Test
  void rerendersEveryExperimentAndTheIndexFromExistingOutputs() throws IOException {
    Path dir = ExperimentFixtures.write(reports.resolve(ExperimentFixtures.ID),
        ExperimentFixtures.record(false, List.of("curves", "confusion")));

    int status = run();

    assertEquals(0, status, err.toString());
    assertTrue(Files.size(dir.resolve("report.pdf")) > 0);
    assertTrue(Files.readString(reports.resolve("index.md")).contains("[report.pdf](" + ExperimentFixtures.ID + "/report.pdf)"));
    assertTrue(Files.isRegularFile(reports.resolve("index.pdf")));
    assertTrue(out.toString().contains(ExperimentFixtures.ID) && out.toString().contains("index of 1 experiment(s)"), out.toString());
  }

  @Test
  void aMissingExperimentFolderIsNamedAndTheOthersStillIndexed() throws IOException {
    ExperimentFixtures.write(reports.resolve(ExperimentFixtures.ID), ExperimentFixtures.record(false, List.of("curves")));

    int status = run("lenet-nope");

    assertEquals(2, status);
    assertTrue(err.toString().contains(reports.resolve("lenet-nope") + ": no such experiment folder"), err.toString());
    assertTrue(Files.readString(reports.resolve("index.md")).contains(ExperimentFixtures.ID), "index over what is there");
  }

  @Test
  void aMalformedOrMissingExperimentJsonIsNamed() throws IOException {
    Path broken = Files.createDirectories(reports.resolve("broken"));
    Files.writeString(broken.resolve("experiment.json"), "{\"id\": \"broken\", ");

    assertEquals(2, run("broken"));
    assertTrue(err.toString().contains(broken.resolve("experiment.json") + ": not a valid experiment record"), err.toString());

    Path empty = Files.createDirectories(reports.resolve("empty"));
    assertEquals(2, run("empty"));
    assertTrue(err.toString().contains(empty.resolve("experiment.json") + ": no such file"), err.toString());
    assertFalse(Files.exists(empty.resolve("report.pdf")));
  }

  @Test
  void aBrokenRunOutputNamesTheFile() throws IOException {
    Path dir = ExperimentFixtures.write(reports.resolve(ExperimentFixtures.ID), ExperimentFixtures.record(false, List.of("curves")));
    Files.writeString(dir.resolve("avg-seed2/metrics.csv"), "epoch,loss\n1,0.5\n");

    assertEquals(2, run(ExperimentFixtures.ID));
    assertTrue(err.toString().contains(dir.resolve("avg-seed2/metrics.csv") + ": missing required column(s) train_loss"),
        err.toString());
  }

  @Test
  void aReportsFolderWithoutExperimentsIsAUsageError() {
    assertEquals(2, run());
    assertTrue(err.toString().contains("holds an experiment.json"), err.toString());
  }
}
