package io.cnnlab.reports.site;

import io.cnnlab.reports.ExperimentText;
import io.cnnlab.runs.ExperimentRecord;
import io.cnnlab.runs.RunFolder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One experiment's page, {@code <id>/index.html}: title, verdict badge and line, the reference table and our
 * final numbers (from the bundle's CSVs), every figure the bundle wrote (curves first, then confusion, feature
 * maps, kernels, the rest), and links to the PDF, the CSVs and the runs' TensorBoard folders.
 */
final class ExperimentPage {
  private ExperimentPage() {}

  /** Figure file-name prefixes in the order the page shows them; others follow by name. */
  private static final List<String> ORDER = List.of("curves", "overlay", "epoch-time", "workers", "confusion",
      "feature-maps", "kernels", "edges");

  static Path write(Path dir, ExperimentRecord r, Path css) throws IOException {
    StringBuilder b = new StringBuilder();
    Path root = dir.getParent() == null ? dir : dir.getParent();
    b.append("<p><a href=\"").append(Html.href(dir, root.resolve(SiteWriter.INDEX))).append("\">\u2190 all experiments</a></p>\n");
    b.append("<h1>").append(Html.esc(r.title())).append("</h1>\n");
    b.append("<p class=\"context\">").append(Html.esc(ExperimentText.context(r, null))).append("</p>\n");
    b.append("<p>").append(Html.badge(ExperimentText.status(r.verdict().status()), r.smoke())).append(' ')
        .append(Html.esc(ExperimentText.verdict(r))).append("</p>\n");
    Path pdf = dir.resolve("report.pdf");
    if (Files.isRegularFile(pdf)) {
      b.append("<p><a href=\"report.pdf\">The report (PDF)</a></p>\n");
    }
    for (String table : List.of("comparison.csv", "final-metrics.csv")) {
      Path csv = dir.resolve(table);
      if (Files.isRegularFile(csv)) {
        b.append("<h2>").append(table.equals("comparison.csv") ? "Ours against the textbook" : "Our final-epoch numbers")
            .append("</h2>\n").append(Html.csvTable(csv));
      }
    }
    List<Path> figures = ordered(SiteWriter.files(dir, ".png"));
    if (!figures.isEmpty()) {
      b.append("<h2>Figures</h2>\n");
      for (Path png : figures) {
        String name = png.getFileName().toString();
        b.append("<figure><a href=\"").append(Html.href(dir, png)).append("\"><img src=\"").append(Html.href(dir, png))
            .append("\" alt=\"").append(Html.esc(name)).append("\"></a><figcaption>").append(Html.esc(name))
            .append("</figcaption></figure>\n");
      }
    }
    List<Path> csvs = SiteWriter.csvs(dir, r);
    if (!csvs.isEmpty()) {
      b.append("<h2>Data (CSV)</h2>\n<ul class=\"files\">\n");
      for (Path csv : csvs) {
        b.append("<li><a href=\"").append(Html.href(dir, csv)).append("\">").append(Html.esc(dir.relativize(csv).toString()))
            .append("</a></li>\n");
      }
      b.append("</ul>\n");
    }
    tensorBoard(b, dir, r);
    return SiteWriter.write(dir.resolve(SiteWriter.INDEX), Html.page(r.title(), Html.href(dir, css), b.toString()));
  }

  /** Links to the runs' TensorBoard folders, where they wrote one. */
  private static void tensorBoard(StringBuilder b, Path dir, ExperimentRecord r) {
    List<Path> boards = r.runs().stream().map(run -> new RunFolder(dir.resolve(run.dir())).tensorboard())
        .filter(Files::isDirectory).toList();
    if (boards.isEmpty()) {
      return;
    }
    b.append("<h2>TensorBoard</h2>\n<p>Each run's event files: <code>tensorboard --logdir DIR</code> with DIR this"
        + " experiment's folder (or the reports folder) shows them live, the runs side by side.</p>\n<ul class=\"files\">\n");
    for (Path board : boards) {
      b.append("<li><a href=\"").append(Html.href(dir, board)).append("\">")
          .append(Html.esc(dir.relativize(board).toString())).append("</a></li>\n");
    }
    b.append("</ul>\n");
  }

  /** Figures by {@link #ORDER}, the thumbnail left out (it repeats the first chart). */
  private static List<Path> ordered(List<Path> pngs) {
    List<Path> out = new ArrayList<>();
    for (String prefix : ORDER) {
      for (Path p : pngs) {
        if (p.getFileName().toString().startsWith(prefix) && !out.contains(p)) {
          out.add(p);
        }
      }
    }
    for (Path p : pngs) {
      if (!out.contains(p) && !p.getFileName().toString().equals("thumbnail.png")) {
        out.add(p);
      }
    }
    return out;
  }
}
