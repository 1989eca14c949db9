package io.cnnlab.experiments;

import io.cnnlab.output.AtomicFiles;
import io.cnnlab.output.Quantities;
import io.cnnlab.runs.ExperimentRecord.Verdict;
import io.cnnlab.runs.ExperimentRecord;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/** The verdict of every experiment as a console table, {@code verdicts.csv} and {@code verdicts.md}. */
public final class VerdictTable {
  /** Columns of {@code verdicts.csv}. */
  public static final List<String> HEADER = List.of("experiment", "title", "kind", "smoke", "status", "metric",
      "measured", "low", "high", "gap", "min", "max", "runs", "reused", "note");

  private VerdictTable() {}

  /** One row per record, as text, in {@link #HEADER} order; empty cells for what does not apply. */
  static List<String> row(ExperimentRecord r) {
    Verdict v = r.verdict();
    ExperimentRecord.Reference ref = r.reference();
    List<String> row = new ArrayList<>();
    row.add(r.id());
    row.add(r.title());
    row.add(r.kind());
    row.add(Boolean.toString(r.smoke()));
    row.add(v.status().name());
    row.add(ref != null ? ref.metric() : "");
    row.add(v.measured() == null ? "" : Double.toString(v.measured()));
    row.add(ref != null ? Double.toString(ref.low()) : "");
    row.add(ref != null ? Double.toString(ref.high()) : "");
    row.add(v.gap() == null ? "" : Double.toString(v.gap()));
    row.add(v.spread() == null ? "" : Double.toString(v.spread()[0]));
    row.add(v.spread() == null ? "" : Double.toString(v.spread()[1]));
    row.add(Integer.toString(r.runs().size()));
    row.add(Long.toString(r.runs().stream().filter(ExperimentRecord.RunRecord::reused).count()));
    row.add(v.reason() == null ? "" : v.reason());
    return row;
  }

  /** Writes {@code verdicts.csv} and {@code verdicts.md} into {@code root}, each atomically; returns both paths. */
  public static List<Path> write(Path root, List<ExperimentRecord> records) throws IOException {
    Files.createDirectories(root);
    Path csv = root.resolve("verdicts.csv");
    CSVFormat format = CSVFormat.DEFAULT.builder().setHeader(HEADER.toArray(String[]::new)).setRecordSeparator('\n')
        .get();
    AtomicFiles.write(csv, tmp -> {
      try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8);
          CSVPrinter printer = new CSVPrinter(w, format)) {
        for (ExperimentRecord r : records) {
          printer.printRecord(row(r));
        }
      }
    });
    Path md = AtomicFiles.writeString(root.resolve("verdicts.md"), markdown(records));
    return List.of(csv, md);
  }

  /** The Markdown table. */
  static String markdown(List<ExperimentRecord> records) {
    StringBuilder sb = new StringBuilder("# Verdicts\n\n");
    if (records.stream().anyMatch(ExperimentRecord::smoke)) {
      sb.append("Smoke runs (tiny subsets, one epoch): they show that each declaration runs, not what it measures.\n\n");
    }
    sb.append("| experiment | status | measured | band | gap | runs | note |\n");
    sb.append("|---|---|---|---|---|---|---|\n");
    for (ExperimentRecord r : records) {
      Verdict v = r.verdict();
      sb.append("| ").append(r.id()).append(" | ").append(v.status()).append(" | ").append(measured(v))
          .append(" | ").append(band(r)).append(" | ").append(v.gap() == null ? "" : Verdicts.num(v.gap()))
          .append(" | ").append(r.runs().size()).append(" | ")
          .append(v.reason() == null ? "" : v.reason().replace("|", "\\|").replace("\n", " ")).append(" |\n");
    }
    return sb.toString();
  }

  /** Prints the table for a console. */
  public static void print(PrintStream out, List<ExperimentRecord> records) {
    out.printf(Locale.ROOT, "%-28s %-12s %-22s %-26s %-10s %s%n", "experiment", "status", "measured", "band", "gap",
        "note");
    for (ExperimentRecord r : records) {
      Verdict v = r.verdict();
      out.printf(Locale.ROOT, "%-28s %-12s %-22s %-26s %-10s %s%n", r.id(), v.status(), measured(v), band(r),
          v.gap() == null ? "" : Verdicts.num(v.gap()), v.reason() == null ? "" : v.reason());
    }
    out.flush();
  }

  private static String measured(Verdict v) {
    if (v.measured() == null) {
      return "";
    }
    String m = Verdicts.num(v.measured());
    String unit = Quantities.unit(v.metric());
    m = v.spread() == null ? m : m + " (" + Verdicts.num(v.spread()[0]) + "-" + Verdicts.num(v.spread()[1]) + ")";
    return unit.isEmpty() ? m : m + " " + unit;
  }

  private static String band(ExperimentRecord r) {
    ExperimentRecord.Reference ref = r.reference();
    return ref == null ? "" : ref.metric().replace("test_", "") + " [" + Verdicts.plain(ref.low()) + ", "
        + Verdicts.plain(ref.high()) + "]";
  }
}
