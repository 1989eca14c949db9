package io.cnnlab.reports.site;

import io.cnnlab.output.AtomicFiles;
import io.cnnlab.output.PngWriter;
import io.cnnlab.output.Quantities;
import io.cnnlab.reports.ExperimentText;
import io.cnnlab.reports.charts.SweepOverview;
import io.cnnlab.runs.ExperimentRecord;
import io.cnnlab.runs.PeerCurves;
import io.cnnlab.runs.RunFolder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A static site over the reports folder, opened straight from the file system (relative links only, no
 * server, no script): {@code index.html} with the sweep overview chart and one row per experiment, and per
 * experiment {@code <id>/index.html} with its verdict badge, reference numbers, figures and links to its PDF
 * and CSVs. Reads what the bundles and runs wrote; writes nothing else.
 */
public final class SiteWriter {
  private SiteWriter() {}

  public static final String INDEX = "index.html";
  public static final String OVERVIEW = "sweep-overview.png";

  /** Writes the site into {@code reportsRoot}; returns the pages and images written. */
  public static List<Path> write(Path reportsRoot, String title, List<ExperimentRecord> records) throws IOException {
    Files.createDirectories(reportsRoot);
    List<Path> written = new ArrayList<>();
    written.add(write(reportsRoot.resolve(Html.STYLE_FILE), Html.STYLE));
    List<SweepOverview.Row> rows = records.stream().map(SiteWriter::row).toList();
    SweepOverview overview = new SweepOverview(title + ": measured against the published band", rows);
    written.add(AtomicFiles.write(reportsRoot.resolve(OVERVIEW),
        tmp -> PngWriter.write(overview, tmp, PngWriter.CHART_WIDTH, overview.height())));
    StringBuilder body = new StringBuilder();
    body.append("<h1>").append(Html.esc(title)).append("</h1>\n<p class=\"context\">").append(records.size())
        .append(records.size() == 1 ? " experiment" : " experiments").append(", each against the band its published"
        + " numbers give. Open an experiment for its figures, PDF and CSVs.</p>\n");
    body.append("<img class=\"overview\" src=\"").append(OVERVIEW).append("\" alt=\"sweep overview\">\n");
    body.append("<table>\n<tr><th>experiment</th><th>verdict</th><th>measured</th><th>band</th><th>figure</th>"
        + "<th>report</th></tr>\n");
    for (ExperimentRecord r : records) {
      Path dir = reportsRoot.resolve(r.id());
      Path page = ExperimentPage.write(dir, r, reportsRoot.resolve(Html.STYLE_FILE));
      written.add(page);
      ExperimentRecord.Verdict v = r.verdict();
      ExperimentRecord.Reference ref = r.reference();
      body.append("<tr><td><a href=\"").append(Html.href(reportsRoot, page)).append("\">").append(Html.esc(r.id()))
          .append("</a><br>").append(Html.esc(r.title())).append("</td><td>")
          .append(Html.badge(ExperimentText.status(v.status()), r.smoke())).append("</td><td class=\"num\">")
          .append(v.measured() == null ? "" : Html.esc(Quantities.named(ExperimentText.metric(r), v.measured())))
          .append("</td><td class=\"num\">").append(ref == null ? "" : Html.esc(ExperimentText.band(ref)))
          .append("</td><td>");
      Path thumb = dir.resolve("thumbnail.png");
      if (Files.isRegularFile(thumb)) {
        body.append("<a href=\"").append(Html.href(reportsRoot, page)).append("\"><img class=\"thumb\" src=\"")
            .append(Html.href(reportsRoot, thumb)).append("\" alt=\"").append(Html.esc(r.id())).append("\"></a>");
      }
      body.append("</td><td>");
      Path pdf = dir.resolve("report.pdf");
      if (Files.isRegularFile(pdf)) {
        body.append("<a href=\"").append(Html.href(reportsRoot, pdf)).append("\">report.pdf</a>");
      }
      body.append("</td></tr>\n");
    }
    body.append("</table>\n");
    written.add(write(reportsRoot.resolve(INDEX), Html.page(title, Html.STYLE_FILE, body.toString())));
    return written;
  }

  private static SweepOverview.Row row(ExperimentRecord r) {
    ExperimentRecord.Verdict v = r.verdict();
    ExperimentRecord.Reference ref = r.reference();
    SweepOverview.Interval spread = v.spread() != null && v.spread().length == 2
        ? new SweepOverview.Interval(v.spread()[0], v.spread()[1]) : null;
    SweepOverview.Interval band = ref == null ? null : new SweepOverview.Interval(ref.low(), ref.high());
    String metric = ExperimentText.metric(r);
    return new SweepOverview.Row(r.id(), metric == null ? "value" : metric, ExperimentText.status(v.status()),
        v.measured(), spread, band, r.smoke());
  }

  /** Writes a page or the style sheet atomically: a browser never loads half of one. */
  static Path write(Path file, String text) throws IOException {
    return AtomicFiles.writeString(file, text);
  }

  /** Files directly in {@code dir} whose names end with {@code suffix}, sorted by name; empty when no folder. */
  static List<Path> files(Path dir, String suffix) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(Files::isRegularFile).filter(p -> p.getFileName().toString().endsWith(suffix))
          .sorted(Comparator.comparing(p -> p.getFileName().toString())).toList();
    }
  }

  /** The CSVs a reader may want: the bundle's, each run's metrics and predictions, the peers'. */
  static List<Path> csvs(Path dir, ExperimentRecord r) throws IOException {
    List<Path> out = new ArrayList<>(files(dir, ".csv"));
    for (ExperimentRecord.RunRecord run : r.runs()) {
      RunFolder folder = new RunFolder(dir.resolve(run.dir()));
      for (Path f : List.of(folder.metrics(), folder.predictions())) {
        if (Files.isRegularFile(f)) {
          out.add(f);
        }
      }
    }
    out.addAll(files(dir.resolve(PeerCurves.FOLDER), ".csv"));
    return out;
  }
}
