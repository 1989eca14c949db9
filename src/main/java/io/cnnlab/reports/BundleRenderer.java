package io.cnnlab.reports;

import io.cnnlab.reports.charts.ConfusionMatrix;
import io.cnnlab.reports.charts.WorkerBars;
import io.cnnlab.reports.figures.FeatureMapPages;
import io.cnnlab.reports.input.MetricsTable;
import io.cnnlab.reports.input.PeerRuns;
import io.cnnlab.reports.input.Predictions;
import io.cnnlab.reports.input.RunOutputs;
import io.cnnlab.reports.site.SiteWriter;
import io.cnnlab.runs.ExperimentFolder;
import io.cnnlab.runs.ExperimentRecord;
import io.cnnlab.runs.FeatureFiles;
import io.cnnlab.runs.FeatureMaps;
import io.cnnlab.runs.ReportRenderer;
import io.cnnlab.runs.RunFileException;
import io.cnnlab.runs.RunFolder;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;

/**
 * Renders an experiment's bundle from {@code experiment.json} and its run folders: the title page with the
 * settings (and the smoke notice), our numbers against the published ones with the verdict, then what the
 * record's {@code render} list asks for, in this order: {@code curves}, {@code overlay}, {@code time},
 * {@code workers}, {@code confusion}, {@code table}, {@code feature-maps}, {@code kernels}, {@code edges}.
 * Reads only the files runs wrote (their feature maps included, written at the end of training); never trains,
 * and needs neither the data sets nor the model code.
 */
public final class BundleRenderer implements ReportRenderer {
  /** Edge-detection sheets are reduced to this width in the bundle (the run folder keeps the originals). */
  static final int EDGE_SHEET_WIDTH = 1000;

  /** Title of {@code index.md} and {@code index.pdf}. */
  public static final String INDEX_TITLE = "cnnlab reproductions";

  @Override
  public List<Path> renderExperiment(Path experimentDir, ExperimentRecord record) throws IOException {
    Path json = experimentDir.resolve(ExperimentFolder.RECORD);
    Set<String> render = entries(record, json);
    ExperimentRecord.Status status = record.verdict().status();
    RunOutputs outputs = new RunOutputs(experimentDir, record.runs());
    boolean ran = status != ExperimentRecord.Status.NOT_RUN;
    boolean strict = ran && status != ExperimentRecord.Status.FAILED
        && ("train".equals(record.kind()) || render.contains("curves") || render.contains("overlay") || render.contains("time"));
    Map<String, List<MetricsTable>> variants = ran ? outputs.metricsByVariant(strict) : Map.of();
    Map<String, List<MetricsTable>> peers = variants.isEmpty() ? Map.of() : peerLabels(PeerRuns.read(experimentDir));

    ExperimentReport.Builder b = ExperimentReport.builder(record.id(), record.title())
        .verdict(ExperimentText.verdict(record))
        .notice(ExperimentText.notice(record))
        .settings(ExperimentText.settings(record, variants, ran ? outputs.resumedAttempts() : Map.of()))
        .comparison(ExperimentText.comparison(record, variants, peers))
        .context(ExperimentText.context(record, null));
    variants.forEach(b::variant);
    peers.forEach(b::peer);
    if (variants.size() > 1) {
      variants.keySet().forEach(v -> b.variantContext(v, ExperimentText.context(record, v)));
    }
    Set<ExperimentReport.Part> parts = EnumSet.noneOf(ExperimentReport.Part.class);
    if (render.contains("curves")) {
      parts.add(ExperimentReport.Part.CURVES);
    }
    if (render.contains("overlay")) {
      parts.add(ExperimentReport.Part.OVERLAY);
    }
    if (render.contains("time")) {
      parts.add(ExperimentReport.Part.TIME);
    }
    b.parts(parts);
    if (!ran) {
      b.note("Nothing was run, so there is nothing to show beyond the settings.");
    } else if (status == ExperimentRecord.Status.FAILED) {
      b.note("The experiment failed; what its runs wrote before that is shown.");
    }
    if (ran) {
      boolean failed = status == ExperimentRecord.Status.FAILED;
      if (render.contains("workers")) {
        part(b, failed, "loader-workers comparison", () -> b.workerComparison(WorkerBars.of(outputs.outputs(".csv"), variants, json)));
      }
      if (render.contains("confusion")) {
        part(b, failed, "confusion matrix", () -> confusion(b, record, outputs, json));
      }
      if (render.contains("table")) {
        part(b, failed, "tables", () -> tables(b, outputs, json));
      }
      if (render.contains("feature-maps") || render.contains("kernels")) {
        featureMaps(b, record, outputs, render, json);
      }
      if (render.contains("edges")) {
        part(b, failed, "edge-detection sheets", () -> edges(b, outputs, json));
      }
    }
    BundleWriter.BundleFiles files = BundleWriter.writeInto(experimentDir, b.build());
    List<Path> written = new ArrayList<>(List.of(files.pdf()));
    if (files.thumbnail() != null) {
      written.add(files.thumbnail());
    }
    written.addAll(files.pngs());
    written.addAll(files.csvs());
    return written;
  }

  @Override
  public void renderIndex(Path reportsRoot, List<ExperimentRecord> records) throws IOException {
    List<IndexEntry> entries = new ArrayList<>();
    for (ExperimentRecord r : records) {
      entries.add(IndexEntry.of(reportsRoot.resolve(r.id()), r.id(), r.title(), ExperimentText.indexVerdict(r)));
    }
    IndexWriter.write(reportsRoot, INDEX_TITLE, entries);
    SiteWriter.write(reportsRoot, INDEX_TITLE, records);
  }

  /** Peer names as the report shows them: "djl-pytorch" becomes "PyTorch (DJL, libtorch)". */
  private static Map<String, List<MetricsTable>> peerLabels(Map<String, List<MetricsTable>> byName) {
    Map<String, List<MetricsTable>> out = new java.util.LinkedHashMap<>();
    byName.forEach((name, runs) -> out.put(switch (name) {
      case "djl-pytorch" -> "PyTorch (DJL, libtorch)";
      case "djl-mxnet" -> "MXNet (DJL)";
      case "python-pytorch" -> "PyTorch (Python)";
      default -> name;
    }, runs));
    return out;
  }

  /** One part of a bundle, read from the run folders. */
  @FunctionalInterface
  private interface Part {
    void add() throws IOException;
  }

  /**
   * Adds a part. A missing or malformed input fails the bundle, except for failed experiments, whose
   * runs may have stopped before writing it: their report says what is missing instead.
   */
  private static void part(ExperimentReport.Builder b, boolean failed, String what, Part part) throws IOException {
    try {
      part.add();
    } catch (IOException e) {
      if (!failed) {
        throw e;
      }
      b.note("No " + what + ": " + e.getMessage());
    }
  }

  /** The record's render entries, lower case, each one known. */
  private static Set<String> entries(ExperimentRecord record, Path json) throws RunFileException {
    Set<String> out = new LinkedHashSet<>();
    for (String entry : record.render() == null ? List.<String>of() : record.render()) {
      String e = entry.trim().toLowerCase(Locale.ROOT);
      if (!ExperimentRecord.RENDER_ENTRIES.contains(e)) {
        throw new RunFileException(json, "render entry '" + entry + "' is unknown; expected some of "
            + ExperimentRecord.RENDER_ENTRIES);
      }
      out.add(e);
    }
    return out;
  }

  /** The confusion matrix of the first run that wrote predictions. */
  private static void confusion(ExperimentReport.Builder b, ExperimentRecord record, RunOutputs outputs, Path json)
      throws RunFileException {
    List<String> names = record.classNames() == null ? List.of() : record.classNames();
    if (names.isEmpty()) {
      throw new RunFileException(json, "render lists 'confusion' but classNames is empty; the confusion matrix"
          + " needs the data set's class names in label order");
    }
    for (ExperimentRecord.RunRecord run : outputs.runs()) {
      Path file = outputs.folder(run).predictions();
      if (Files.isRegularFile(file)) {
        b.confusion(ConfusionMatrix.of(names.size(), Predictions.read(file, names.size())), names, "run " + run.name());
        return;
      }
    }
    Path expected = outputs.runs().isEmpty() ? json : outputs.folder(outputs.runs().get(0)).predictions();
    throw new RunFileException(expected, "no such file (nor in any other run); render lists 'confusion', which"
        + " needs a run's predictions.csv (index,label,predicted)");
  }

  /** Every CSV a run wrote, as a table: the outputs it lists and, for training runs, its per-epoch metrics.csv. */
  private static void tables(ExperimentReport.Builder b, RunOutputs outputs, Path json) throws RunFileException {
    List<RunOutputs.Output> csvs = new java.util.ArrayList<>(outputs.outputs(".csv"));
    csvs.addAll(outputs.metricsFiles(false));
    if (csvs.isEmpty()) {
      throw new RunFileException(json, "render lists 'table' but no run lists a CSV file among its outputs"
          + " and no run folder has a metrics.csv");
    }
    for (RunOutputs.Output csv : csvs) {
      String stem = "table-" + csv.run().name().replaceAll("[^A-Za-z0-9._-]+", "-") + "-" + csv.stem();
      b.table(stem, RunOutputs.readTable(csv.file(), csv.run().name() + ": " + csv.name()));
    }
  }

  /**
   * Feature maps and kernels of the first run that wrote them (into its {@code features/} at the end of
   * training). When no run did, the report says so and why (the note a run left), instead of failing: the
   * run's results stand without them.
   */
  private static void featureMaps(ExperimentReport.Builder b, ExperimentRecord record, RunOutputs outputs,
      Set<String> render, Path json) throws IOException {
    ExperimentRecord.RunRecord run = null;
    List<String> problems = new ArrayList<>();
    for (ExperimentRecord.RunRecord r : outputs.runs()) {
      RunFolder folder = outputs.folder(r);
      if (FeatureFiles.exists(folder)) {
        run = r;
        break;
      }
      FeatureFiles.problem(folder).ifPresent(p -> problems.add("run " + r.name() + ": " + p));
    }
    if (run == null) {
      b.note("No feature maps or kernels: no run folder has " + RunFolder.FEATURES + "/" + FeatureFiles.INDEX
          + (problems.isEmpty() ? " (rerun the experiment: runs write them at the end of training)" : "; " + String.join("; ", problems)));
      return;
    }
    FeatureMaps x = FeatureFiles.read(outputs.folder(run));
    List<String> names = record.classNames() == null || record.classNames().isEmpty() ? x.classNames() : record.classNames();
    if (render.contains("feature-maps")) {
      int shown = 0;
      for (FeatureMaps.Example e : x.examples()) {
        b.raster("feature-maps-" + e.testIndex(), "Feature maps of test image " + e.testIndex() + " (run " + run.name() + ")",
            FeatureMapPages.figure(e, names), false, shown++ < BundleWriter.FEATURE_MAPS_IN_PDF);
      }
    }
    if (render.contains("kernels") && x.firstKernel() != null) {
      b.raster("kernels", "First-layer kernels (run " + run.name() + ")", FeatureMapPages.kernels(x.firstKernel()));
    }
  }

  /** The edge-detection contact sheets the runs list (files named *sheet*.png, else every PNG output). */
  private static void edges(ExperimentReport.Builder b, RunOutputs outputs, Path json) throws IOException {
    List<RunOutputs.Output> pngs = outputs.outputs(".png");
    List<RunOutputs.Output> sheets = pngs.stream().filter(o -> o.name().toLowerCase(Locale.ROOT).contains("sheet")).toList();
    List<RunOutputs.Output> chosen = sheets.isEmpty() ? pngs : sheets;
    if (chosen.isEmpty()) {
      throw new RunFileException(json, "render lists 'edges' but no run lists a PNG file among its outputs");
    }
    for (RunOutputs.Output png : chosen) {
      BufferedImage image;
      try {
        image = ImageIO.read(png.file().toFile());
      } catch (IOException e) {
        throw new RunFileException(png.file(), "not a readable PNG image: " + e.getMessage(), e);
      }
      if (image == null) {
        throw new RunFileException(png.file(), "not a PNG image");
      }
      b.raster("edges-" + png.stem(), "edges-" + png.name(),
          BundleWriter.fitted(image, EDGE_SHEET_WIDTH, Integer.MAX_VALUE), true);
    }
  }
}
