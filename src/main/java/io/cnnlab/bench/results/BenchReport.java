package io.cnnlab.bench.results;

import io.cnnlab.output.ConsoleTables;
import io.cnnlab.output.CsvTables;
import io.cnnlab.output.Figure;
import io.cnnlab.output.PngWriter;
import io.cnnlab.output.TextTable;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jfree.chart.JFreeChart;

/**
 * Where a benchmark part puts its results: tables on the console and as {@code DIR/NAME.csv}, charts as
 * {@code DIR/NAME.png}, and a Markdown section {@code DIR/parts/NAME.md} that {@link BenchSummary} assembles
 * into {@code summary.md}.
 */
public final class BenchReport {
  /** Subfolder of the Markdown sections. */
  public static final String PARTS = "parts";

  private final Path dir;
  private final PrintStream console;

  public BenchReport(Path dir, PrintStream console) {
    this.dir = dir;
    this.console = console;
  }

  public Path dir() {
    return dir;
  }

  public PrintStream console() {
    return console;
  }

  /** Prints {@code table} and writes it as {@code NAME.csv}. */
  public Path table(String name, TextTable table) throws IOException {
    ConsoleTables.print(table, console);
    return CsvTables.write(table, dir.resolve(name + ".csv"));
  }

  /** Writes {@code chart} as {@code NAME.png}. */
  public Path chart(String name, JFreeChart chart) throws IOException {
    return PngWriter.write(Figure.of(chart), dir.resolve(name + ".png"), PngWriter.CHART_WIDTH,
        PngWriter.CHART_HEIGHT);
  }

  /**
   * Writes the Markdown section {@code name}: a heading, the given lines (findings, verdicts), then the
   * tables.
   */
  public Path section(String name, String heading, List<String> lines, List<TextTable> tables) throws IOException {
    StringBuilder md = new StringBuilder("## ").append(heading).append("\n\n");
    for (String l : lines) {
      md.append(l).append('\n');
    }
    if (!lines.isEmpty()) {
      md.append('\n');
    }
    for (TextTable t : tables) {
      md.append(markdown(t)).append('\n');
    }
    Path file = dir.resolve(PARTS).resolve(name + ".md");
    Files.createDirectories(file.getParent());
    return Files.writeString(file, md, StandardCharsets.UTF_8);
  }

  /** {@code table} as a Markdown table preceded by its title in italics. */
  public static String markdown(TextTable table) {
    StringBuilder sb = new StringBuilder("*").append(table.title()).append("*\n\n|");
    table.header().forEach(h -> sb.append(' ').append(h).append(" |"));
    sb.append("\n|");
    table.header().forEach(h -> sb.append("---|"));
    sb.append('\n');
    for (List<String> row : table.rows()) {
      sb.append('|');
      row.forEach(c -> sb.append(' ').append(c.replace("|", "\\|")).append(" |"));
      sb.append('\n');
    }
    return sb.toString();
  }
}
