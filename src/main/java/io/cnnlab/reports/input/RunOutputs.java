package io.cnnlab.reports.input;

import io.cnnlab.output.TextTable;
import io.cnnlab.runs.ExperimentFolder;
import io.cnnlab.runs.ExperimentRecord;
import io.cnnlab.runs.RunFileException;
import io.cnnlab.runs.RunAttempt;
import io.cnnlab.runs.RunFolder;
import io.cnnlab.runs.RunManifest;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The files an experiment's runs left in their folders, as the report reads them: metrics per variant, the
 * predictions of a run, and the extra outputs a run lists ({@link ExperimentRecord.RunRecord#outputs()}).
 */
public final class RunOutputs {
  private final Path experimentDir;
  private final List<ExperimentRecord.RunRecord> runs;

  public RunOutputs(Path experimentDir, List<ExperimentRecord.RunRecord> runs) {
    this.experimentDir = experimentDir;
    this.runs = runs == null ? List.of() : List.copyOf(runs);
  }

  public List<ExperimentRecord.RunRecord> runs() {
    return runs;
  }

  /** The run's folder. */
  Path dir(ExperimentRecord.RunRecord run) {
    return folder(run).dir();
  }

  /** The run's folder and its standard files. */
  public RunFolder folder(ExperimentRecord.RunRecord run) {
    return new ExperimentFolder(experimentDir).run(run);
  }

  /**
   * Every run's metrics grouped by variant, in record order.
   *
   * @param required when true a run without metrics.csv is an error naming the file; otherwise such runs
   *     are left out (kinds that do not train, failed runs)
   * @throws RunFileException naming the metrics.csv that is missing (when required) or malformed
   */
  public Map<String, List<MetricsTable>> metricsByVariant(boolean required) throws RunFileException {
    Map<String, List<MetricsTable>> variants = new LinkedHashMap<>();
    for (Output metrics : metricsFiles(required)) {
      ExperimentRecord.RunRecord run = metrics.run();
      String variant = run.variant() == null || run.variant().isBlank() ? run.name() : run.variant();
      variants.computeIfAbsent(variant, k -> new ArrayList<>()).add(MetricsTable.read(metrics.file()));
    }
    return variants;
  }

  /** Files the runs list as outputs whose names end with {@code extension}, each checked to exist. */
  public List<Output> outputs(String extension) throws RunFileException {
    List<Output> found = new ArrayList<>();
    for (ExperimentRecord.RunRecord run : runs) {
      for (String name : run.outputs() == null ? List.<String>of() : run.outputs()) {
        if (name.toLowerCase(Locale.ROOT).endsWith(extension)) {
          Path file = dir(run).resolve(name);
          if (!Files.isRegularFile(file)) {
            throw new RunFileException(file, "no such file, though run " + run.name()
                + " lists it among its outputs in " + new ExperimentFolder(experimentDir).record());
          }
          found.add(new Output(run, name, file));
        }
      }
    }
    return found;
  }

  /**
   * The metrics.csv of the runs, in record order: of every run when {@code required} (reading a missing one
   * then fails naming it), else of the runs that have one (training runs).
   */
  public List<Output> metricsFiles(boolean required) {
    List<Output> found = new ArrayList<>();
    for (ExperimentRecord.RunRecord run : runs) {
      Path file = folder(run).metrics();
      if (required || Files.isRegularFile(file)) {
        found.add(new Output(run, RunFolder.METRICS, file));
      }
    }
    return found;
  }

  /**
   * The attempts of each run that more than one process trained (stopped and resumed), by run name, as its
   * manifest.json records them; a run whose manifest is missing or unreadable is left out (the report is about
   * results: their absence is told elsewhere).
   */
  public Map<String, List<RunAttempt>> resumedAttempts() {
    Map<String, List<RunAttempt>> found = new LinkedHashMap<>();
    for (ExperimentRecord.RunRecord run : runs) {
      Path file = folder(run).manifest();
      if (Files.isRegularFile(file)) {
        try {
          List<RunAttempt> attempts = RunManifest.read(file).attempts();
          if (attempts.size() > 1) {
            found.put(run.name(), attempts);
          }
        } catch (RunFileException e) {
          // see above
        }
      }
    }
    return found;
  }

  /** A listed output file of a run. */
  public record Output(ExperimentRecord.RunRecord run, String name, Path file) {
    /** The file name without folders and extension, usable in bundle file names. */
    public String stem() {
      String base = file.getFileName().toString();
      int dot = base.lastIndexOf('.');
      return (dot > 0 ? base.substring(0, dot) : base).replaceAll("[^A-Za-z0-9._-]+", "-");
    }
  }

  /**
   * A CSV output as a table: header row, every row as written.
   *
   * @throws RunFileException naming the file when it is not CSV with a header and at least one row
   */
  public static TextTable readTable(Path file, String title) throws RunFileException {
    CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true)
        .setIgnoreEmptyLines(true).get();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        CSVParser parser = CSVParser.parse(in, format)) {
      List<String> header = parser.getHeaderNames();
      if (header.isEmpty()) {
        throw new RunFileException(file, "no header row; expected a CSV table with a header");
      }
      List<List<String>> rows = new ArrayList<>();
      for (CSVRecord r : parser.getRecords()) {
        if (r.size() != header.size()) {
          throw new RunFileException(file, "line " + (r.getRecordNumber() + 1) + " has " + r.size()
              + " cells for the " + header.size() + " columns of the header " + header);
        }
        rows.add(r.toList());
      }
      if (rows.isEmpty()) {
        throw new RunFileException(file, "no rows below the header " + header);
      }
      return new TextTable(title, header, rows);
    } catch (IOException | UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
      if (e instanceof RunFileException r) {
        throw r;
      }
      throw new RunFileException(file, "not a readable CSV table (" + e.getMessage() + ")", e);
    }
  }
}
