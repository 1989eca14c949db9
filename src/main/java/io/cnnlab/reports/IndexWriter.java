package io.cnnlab.reports;

import io.cnnlab.output.AtomicFiles;
import io.cnnlab.output.TextTable;
import io.cnnlab.reports.pdf.PdfReport;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes {@code index.md} and {@code index.pdf} in the reports folder, each atomically: every experiment with its
 * verdict, thumbnail and a link to its report. Links are relative to the index, so the folder can be moved whole.
 */
public final class IndexWriter {
  private IndexWriter() {}

  /** Writes both indexes into {@code reportsRoot}; returns {@code [index.md, index.pdf]}. */
  public static List<Path> write(Path reportsRoot, String title, List<IndexEntry> entries) throws IOException {
    return List.of(writeMarkdown(reportsRoot.resolve("index.md"), title, entries), writePdf(reportsRoot.resolve("index.pdf"), title, entries));
  }

  public static Path writeMarkdown(Path file, String title, List<IndexEntry> entries) throws IOException {
    Path base = folderOf(file);
    StringBuilder md = new StringBuilder();
    md.append("# ").append(title).append("\n\n");
    md.append("| experiment | title | verdict | figure | report |\n");
    md.append("|---|---|---|---|---|\n");
    for (IndexEntry e : entries) {
      md.append("| ").append(cell(e.experimentId()))
          .append(" | ").append(cell(e.title()))
          .append(" | ").append(cell(verdict(e)))
          .append(" | ").append(e.thumbnail() == null ? "" : "![" + cell(e.experimentId()) + "](" + target(base, e.thumbnail()) + ")")
          .append(" | ").append(e.report() == null ? "" : "[report.pdf](" + target(base, e.report()) + ")")
          .append(" |\n");
    }
    return AtomicFiles.writeString(file, md);
  }

  public static Path writePdf(Path file, String title, List<IndexEntry> entries) throws IOException {
    Path base = folderOf(file);
    List<List<String>> rows = new ArrayList<>();
    List<String> links = new ArrayList<>();
    List<Path> thumbs = new ArrayList<>();
    for (IndexEntry e : entries) {
      String link = e.report() == null ? null : relative(base, e.report());
      rows.add(List.of(e.experimentId(), e.title(), verdict(e), "", link == null ? "" : link));
      links.add(link);
      thumbs.add(e.thumbnail());
    }
    TextTable table = new TextTable(null, List.of("experiment", "title", "verdict", "figure", "report"), rows);
    return AtomicFiles.write(file, tmp -> {
      try (PdfReport pdf = PdfReport.create(tmp, title)) {
        pdf.titlePage(title, entries.size() + (entries.size() == 1 ? " experiment" : " experiments"), null,
            java.util.Map.of());
        // The figure column fits a 120-point thumbnail; the rest share what is left.
        pdf.linkedTable(table, new float[] {2.2f, 3.4f, 2.2f, 3f, 2.8f}, 4, links, 3, thumbs);
      }
    });
  }

  private static Path folderOf(Path file) {
    Path parent = file.toAbsolutePath().normalize().getParent();
    return parent == null ? Path.of("").toAbsolutePath() : parent;
  }

  /** Path of {@code target} relative to {@code base}, with '/' separators. */
  static String relative(Path base, Path target) {
    return base.relativize(target.toAbsolutePath().normalize()).toString().replace('\\', '/');
  }

  /** A Markdown link target; angle brackets keep paths with spaces intact. */
  private static String target(Path base, Path path) {
    String rel = relative(base, path);
    return rel.contains(" ") ? "<" + rel + ">" : rel;
  }

  private static String verdict(IndexEntry e) {
    return e.verdict() == null || e.verdict().isEmpty() ? "-" : e.verdict();
  }

  /** Table-cell text: pipes escaped, line breaks flattened. */
  private static String cell(String text) {
    return text == null ? "" : text.replace("|", "\\|").replace('\n', ' ');
  }
}
