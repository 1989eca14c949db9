package io.cnnlab.cli;

import io.cnnlab.reports.BundleRenderer;
import io.cnnlab.runs.ExperimentFolder;
import io.cnnlab.runs.ExperimentRecord;
import io.cnnlab.runs.ExperimentRecordJson;
import io.cnnlab.runs.RunFileException;
import io.cnnlab.runs.RunLock;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/** {@code cnnlab report [ID...]}: rebuilds report bundles and the index from what runs already wrote. */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Rebuilds REPORTS/ID/report.pdf with its PNGs and CSVs from REPORTS/ID/experiment.json and the"
        + " run folders the harness wrote (feature maps included), then REPORTS/index.md and index.pdf over every"
        + " experiment. Never trains and needs no data set. Holds REPORTS/.sweep.lock while it writes: exit status 3"
        + " when a sweep writes there (the message names it).")
public final class ReportCommand implements java.util.concurrent.Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(paramLabel = "ID", arity = "0..*",
      description = "experiments to re-render (default: every folder of REPORTS with an experiment.json)")
  List<String> ids = new ArrayList<>();

  @Option(names = "--reports", paramLabel = "DIR", defaultValue = "reports",
      description = "the reports folder (${DEFAULT-VALUE})")
  Path reports;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (!Files.isDirectory(reports)) {
      err.println("cnnlab report: reports folder " + reports + " does not exist or is not a folder;"
          + " run experiments first, or pass --reports DIR");
      return 2;
    }
    List<Path> dirs;
    try {
      dirs = ids.isEmpty() ? experimentFolders(reports) : ids.stream().map(reports::resolve).toList();
    } catch (IOException e) {
      err.println("cnnlab report: cannot list " + reports + ": " + e.getMessage());
      return 1;
    }
    if (dirs.isEmpty()) {
      err.println("cnnlab report: no folder of " + reports + " holds an " + ExperimentFolder.RECORD
          + "; run experiments first");
      return 2;
    }
    try (RunLock lock = RunLock.Writer.thisProcess(System.getenv(), RunLock.DEFAULT_STALE)
        .hold(RunLock.ofSweep(reports), out::println)) {
      return render(dirs, out, err);
    } catch (RunLock.Refused e) {
      err.println("cnnlab report: a sweep writes " + reports + "; nothing rendered: " + e.getMessage());
      return ReproduceCommand.LOCKED;
    } catch (IOException e) {
      err.println("cnnlab report: " + e.getMessage());
      return 1;
    }
  }

  /** Renders the bundles of {@code dirs}, then the index; returns the exit status. */
  private int render(List<Path> dirs, PrintWriter out, PrintWriter err) {
    BundleRenderer renderer = new BundleRenderer();
    int status = 0;
    long start = System.nanoTime();
    for (Path dir : dirs) {
      long t = System.nanoTime();
      try {
        if (!Files.isDirectory(dir)) {
          throw new RunFileException(dir, "no such experiment folder; expected "
              + dir.resolve(ExperimentFolder.RECORD)
              + " written by the harness");
        }
        ExperimentRecord record = ExperimentRecordJson.read(dir.resolve(ExperimentFolder.RECORD));
        List<Path> files = renderer.renderExperiment(dir, record);
        out.printf(Locale.ROOT, "%-32s %3d files, %s  (%.1f s)%n", record.id(), files.size(), dir.resolve("report.pdf"),
            (System.nanoTime() - t) / 1e9);
      } catch (RunFileException e) {
        err.println("cnnlab report: " + e.getMessage());
        status = Math.max(status, 2);
      } catch (IOException | RuntimeException e) {
        err.println("cnnlab report: " + dir + ": " + e.getMessage());
        status = Math.max(status, 1);
      }
      out.flush();
    }
    try {
      List<ExperimentRecord> all = new ArrayList<>();
      for (Path dir : experimentFolders(reports)) {
        try {
          all.add(ExperimentRecordJson.read(dir.resolve(ExperimentFolder.RECORD)));
        } catch (RunFileException e) {
          if (!dirs.contains(dir)) { // already reported above when it was named
            err.println("cnnlab report: left out of the index: " + e.getMessage());
          }
          status = Math.max(status, 2);
        }
      }
      renderer.renderIndex(reports, all);
      out.printf(Locale.ROOT, "index of %d experiment(s): %s, %s  (%.1f s in all)%n", all.size(),
          reports.resolve("index.md"), reports.resolve("index.pdf"), (System.nanoTime() - start) / 1e9);
    } catch (IOException e) {
      err.println("cnnlab report: cannot write the index in " + reports + ": " + e.getMessage());
      status = Math.max(status, 1);
    }
    return status;
  }

  /** Sub-folders of {@code root} holding an experiment.json, sorted by name. */
  static List<Path> experimentFolders(Path root) throws IOException {
    try (Stream<Path> children = Files.list(root)) {
      return children.filter(d -> Files.isRegularFile(d.resolve(ExperimentFolder.RECORD))).sorted().toList();
    }
  }
}
