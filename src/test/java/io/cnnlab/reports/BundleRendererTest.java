package io.cnnlab.reports;

import io.cnnlab.reports.pdf.PdfTestSupport;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cnnlab.runs.ExperimentRecord;
import io.cnnlab.runs.ExperimentRecordJson;
import io.cnnlab.runs.RunFileException;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.cnnlab.runs.ExperimentFolder;

/** Bundles rendered from a fixture experiment folder, read back with PDFBox and ImageIO. */
class BundleRendererTest {
  private static final List<String> ALL_BUT_TF = List.of("curves", "overlay", "time", "workers", "confusion", "table");

  @TempDir Path tmp;

  /** Reads run folders only: no data sets, no TensorFlow. */
  private final BundleRenderer renderer = new BundleRenderer();

  /** With {@code -Dcnnlab.sampleBundle=DIR} the full bundle is also written to DIR, to look at. */
  private Path experiment(ExperimentRecord record) throws IOException {
    return ExperimentFixtures.write(tmp.resolve("reports").resolve(record.id()), record);
  }

  /** The record as the harness would hand it over: read back from the experiment.json written with Jackson. */
  private static ExperimentRecord readBack(Path dir) throws IOException {
    return ExperimentRecordJson.read(dir.resolve(ExperimentFolder.RECORD));
  }

  @Test
  void aResumedRunsAttemptsAreInTheSettingsTableAndARunTrainedOnceIsNot() throws IOException {
    Path dir = experiment(ExperimentFixtures.record(false, List.of("curves")));
    io.cnnlab.runs.RunLock.Holder first = new io.cnnlab.runs.RunLock.Holder("n1", "slurm-7_0", 11,
        java.time.Instant.EPOCH);
    io.cnnlab.runs.RunLock.Holder second = new io.cnnlab.runs.RunLock.Holder("n2", "slurm-7_0", 12,
        java.time.Instant.EPOCH);
    List<io.cnnlab.runs.RunAttempt> attempts = List.of(
        io.cnnlab.runs.RunAttempt.started(first, "t0").withEpoch(1).withEpoch(2).withEpoch(3)
            .ended(io.cnnlab.runs.RunAttempt.INTERRUPTED, "t1", "SIGTERM"),
        io.cnnlab.runs.RunAttempt.started(second, "t2").after(3).withEpoch(4).withEpoch(5).withEpoch(6)
            .ended(io.cnnlab.runs.RunAttempt.COMPLETED, "t3", null));
    io.cnnlab.runs.RunJson.write(dir.resolve("avg-seed2/manifest.json"), io.cnnlab.runs.RunManifest.builder()
        .run("avg-seed2").attempts(attempts).build());
    io.cnnlab.runs.RunJson.write(dir.resolve("max-seed1/manifest.json"), io.cnnlab.runs.RunManifest.builder()
        .run("max-seed1").attempts(attempts.subList(1, 2)).build());

    renderer.renderExperiment(dir, readBack(dir));

    String settings = Files.readString(dir.resolve("settings.csv"));
    assertTrue(settings.contains("attempts of avg-seed2,\"1. epochs 1-3 on host n1 (job slurm-7_0, pid 11),"
        + " interrupted: SIGTERM; 2. epochs 4-6 on host n2 (job slurm-7_0, pid 12), completed\""), settings);
    assertFalse(settings.contains("attempts of max-seed1"), "trained by one process: " + settings);
    assertFalse(settings.contains("attempts of avg-seed1"), "a manifest without attempts: " + settings);
  }

  @Test
  void fullBundleHasTheSettingsComparisonVerdictAndEveryRequestedFigure() throws IOException {
    Path dir = experiment(ExperimentFixtures.record(false, ALL_BUT_TF));
    String sample = System.getProperty("cnnlab.sampleBundle");
    if (sample != null && !sample.isEmpty()) {
      Path look = ExperimentFixtures.write(Path.of(sample).resolve(ExperimentFixtures.ID), readBack(dir));
      renderer.renderExperiment(look, readBack(look));
    }

    List<Path> files = renderer.renderExperiment(dir, readBack(dir));

    Path pdf = dir.resolve("report.pdf");
    assertTrue(files.contains(pdf));
    for (String png : List.of("curves-avg.png", "curves-max.png", "overlay-train_loss.png", "overlay-train_accuracy.png",
        "overlay-test_accuracy.png", "epoch-time.png", "workers-images-per-second.png", "workers-data-wait-seconds.png")) {
      assertSize(dir.resolve(png), 1200, 800);
      assertTrue(files.contains(dir.resolve(png)), png);
    }
    // The heat maps carry the context (data set, model, settings, seeds) in a strip below the square.
    assertWidthAndTaller(dir.resolve("confusion-counts.png"), 1200, 1200);
    assertSize(dir.resolve("thumbnail.png"), BundleWriter.THUMB_WIDTH, BundleWriter.THUMB_HEIGHT);

    // Page 1: the verdict and the comparison with the published numbers, read back with PDFBox.
    String first = flat(PdfTestSupport.text(pdf, 1, 1));
    // Our last-epoch test accuracy by hand: 0.93 - 0.8 e^-2.4 - 2 * offset = 0.857426 - 2 * offset; ours minus
    // PyTorch's 0.827: 0.8234 - 0.827 = -0.0036.
    for (String expected : List.of(ExperimentFixtures.TITLE, "experiment " + ExperimentFixtures.ID,
        "Verdict: reproduced: test_accuracy 0.8234 (seeds 0.8201 to 0.8267), within [0.8000, 0.8600]",
        "textbook, PyTorch", "0.8270", "-0.0036", "textbook, TensorFlow", "0.8310", "-0.0076", "[0.8000, 0.8600]",
        "ours: avg", "0.8474", "0.8374 to 0.8574", "ours: max", "0.8074", "0.7974 to 0.8174", "ours, as judged",
        "0.8234", "verdict", "reproduced")) {
      assertTrue(first.contains(expected), "page 1 lacks '" + expected + "':\n" + first);
    }
    assertFalse(first.contains("SMOKE"), "a full run carries no smoke notice");
    // The settings close the bundle.
    String last = flat(PdfTestSupport.text(pdf, PdfTestSupport.pages(pdf), PdfTestSupport.pages(pdf)));
    for (String expected : List.of("Settings", "batch", "256", "variant avg", "2 seeds, 6 epochs")) {
      assertTrue(last.contains(expected), "last page lacks '" + expected + "':\n" + last);
    }
    List<String> comparison = Files.readAllLines(dir.resolve("comparison.csv"));
    assertEquals("source,test_accuracy,seeds min to max,ours minus this,note", comparison.get(0));
    assertEquals("ours: avg,0.8474,0.8374 to 0.8574,,\"2 seeds, last epoch (6)\"", comparison.get(4));

    // Confusion matrix from the known predictions: 8 of 10 right per class, 2 predicted as the next class.
    List<String> perClass = Files.readAllLines(dir.resolve("per-class.csv"));
    assertEquals("3,Dress,10,10,0.8000,0.8000", perClass.get(4));
    List<String> counts = Files.readAllLines(dir.resolve("confusion-counts.csv"));
    assertEquals("Trouser,0,8,2,0,0,0,0,0,0,0", counts.get(2));

    // Loader CSV: rows with the same worker count are averaged.
    List<String> workers = Files.readAllLines(dir.resolve("workers.csv"));
    assertTrue(workers.contains("2 workers,images per second,12000.000"), workers.toString());
    assertTrue(workers.contains("5 workers,data wait seconds,0.250"), workers.toString());
    assertEquals(ExperimentFixtures.LOADER_CSV.strip(),
        String.join("\n", Files.readAllLines(dir.resolve("table-avg-seed1-loader.csv"))));
    // Training runs' per-epoch metrics are tables too, copied as written.
    assertEquals(Files.readAllLines(dir.resolve("avg-seed1").resolve("metrics.csv")),
        Files.readAllLines(dir.resolve("table-avg-seed1-metrics.csv")));

    String text = flat(PdfTestSupport.text(pdf));
    for (String heading : List.of("Training curves", "Variants over seeds", "Time per epoch",
        "Confusion matrix (row-normalized)", "Per-class precision and recall", "Most confused pairs",
        "table-avg-seed1-loader.csv", "Predictions of run avg-seed1")) {
      assertTrue(text.contains(heading), "PDF lacks '" + heading + "'");
    }
    // Raw tables stay out of the PDF: its text has no metrics.csv value at full precision.
    assertFalse(text.contains("avg-seed1: loader.csv"), "the loader table is a CSV, not a PDF page");
    int pages = PdfTestSupport.pages(pdf);
    // two variants: page 1 with the first curves, the second's, variants, time and workers, confusion
    assertTrue(pages >= 4 && pages <= 6, "pages: " + pages);
  }

  @Test
  void onlyTheRequestedChartsAreDrawn() throws IOException {
    Path dir = experiment(ExperimentFixtures.record(false, List.of("curves")));

    renderer.renderExperiment(dir, readBack(dir));

    assertTrue(Files.isRegularFile(dir.resolve("curves-avg.png")));
    for (String absent : List.of("overlay-test_accuracy.png", "epoch-time.png", "confusion-counts.png")) {
      assertFalse(Files.exists(dir.resolve(absent)), absent);
    }
    String text = PdfTestSupport.text(dir.resolve("report.pdf"));
    assertFalse(text.contains("Variants over seeds") || text.contains("Time per epoch"), text);
    // page 1: results and the first variant's curves; page 2: the second variant's curves and the settings
    int pages = PdfTestSupport.pages(dir.resolve("report.pdf"));
    assertTrue(pages == 1 || pages == 2, "pages: " + pages);
  }

  @Test
  void smokeRecordsAreLabelledNotComparable() throws IOException {
    Path dir = experiment(ExperimentFixtures.record(true, List.of("curves")));

    renderer.renderExperiment(dir, readBack(dir));
    renderer.renderIndex(dir.getParent(), List.of(readBack(dir)));

    String first = flat(PdfTestSupport.text(dir.resolve("report.pdf"), 1, 1));
    assertTrue(first.contains("SMOKE \u2014 not comparable"), first);
    String index = Files.readString(dir.getParent().resolve("index.md"));
    assertTrue(index.contains("| SMOKE \u2014 not comparable; reproduced"), index);
  }

  @Test
  void recordsNotRunGetTheirSettingsAndReasonOnly() throws IOException {
    ExperimentRecord full = ExperimentFixtures.record(false, ALL_BUT_TF);
    ExperimentRecord notRun = new ExperimentRecord("alexnet-cifar", "AlexNet on CIFAR-100", "train", "cifar100-fine",
        List.of(), false, full.reference(),
        new ExperimentRecord.Verdict(ExperimentRecord.Status.NOT_RUN, null, null, null,
            "CIFAR-100 is not installed: make datasets CIFAR100=/path/to/cifar-100-binary.tar.gz"),
        List.of(), ALL_BUT_TF, Map.of());
    Path dir = tmp.resolve("reports/alexnet-cifar");
    Files.createDirectories(dir);

    renderer.renderExperiment(dir, notRun);

    Path pdf = dir.resolve("report.pdf");
    assertEquals(1, PdfTestSupport.pages(pdf));
    assertTrue(flat(PdfTestSupport.text(pdf)).contains("Verdict: not run: CIFAR-100 is not installed: make datasets CIFAR100="));
    assertFalse(Files.exists(dir.resolve("thumbnail.png")), "nothing to show, no thumbnail");
  }

  @Test
  void failedExperimentsShowWhatTheirRunsWroteAndSayWhatIsMissing() throws IOException {
    ExperimentRecord ok = ExperimentFixtures.record(false, List.of("curves", "confusion"));
    ExperimentRecord failed = new ExperimentRecord(ok.id(), ok.title(), ok.kind(), ok.dataset(), ok.classNames(), false,
        ok.reference(), new ExperimentRecord.Verdict(ExperimentRecord.Status.FAILED, null, null, null, "loss diverged"),
        ok.runs(), ok.render(), ok.settings());
    Path dir = experiment(failed);
    Files.delete(dir.resolve("max-seed2/metrics.csv"));
    for (ExperimentRecord.RunRecord run : ok.runs()) {
      Files.delete(dir.resolve(run.dir()).resolve("predictions.csv"));
    }

    renderer.renderExperiment(dir, readBack(dir));

    String text = flat(PdfTestSupport.text(dir.resolve("report.pdf")));
    assertTrue(text.contains("Verdict: failed: loss diverged"), text);
    assertTrue(text.contains("No confusion matrix: " + dir.resolve("avg-seed1/predictions.csv") + ": no such file"), text);
    assertTrue(text.contains("variant max 1 seed, 6 epochs"), "the run that wrote metrics is shown: " + text);
  }

  @Test
  void indexListsEveryExperimentWithVerdictThumbnailAndLink() throws IOException {
    Path dir = experiment(ExperimentFixtures.record(false, List.of("curves")));
    renderer.renderExperiment(dir, readBack(dir));
    ExperimentRecord missing = new ExperimentRecord("edges-photos", "Edge detection", "edges", null, List.of(), false, null,
        new ExperimentRecord.Verdict(ExperimentRecord.Status.FAILED, null, null, null, "photos missing"), List.of(),
        List.of(), Map.of());

    renderer.renderIndex(tmp.resolve("reports"), List.of(readBack(dir), missing));

    String md = Files.readString(tmp.resolve("reports/index.md"));
    assertTrue(md.contains("| " + ExperimentFixtures.ID + " | " + ExperimentFixtures.TITLE + " | reproduced: test_accuracy 0.8234"), md);
    assertTrue(md.contains("![" + ExperimentFixtures.ID + "](" + ExperimentFixtures.ID + "/thumbnail.png)"), md);
    assertTrue(md.contains("[report.pdf](" + ExperimentFixtures.ID + "/report.pdf)"), md);
    assertTrue(md.contains("| edges-photos | Edge detection | failed: photos missing |  |  |"), md);
    String pdf = PdfTestSupport.text(tmp.resolve("reports/index.pdf"));
    assertTrue(pdf.contains("edges-photos") && pdf.contains(ExperimentFixtures.ID), pdf);
  }

  @Test
  void edgeSheetsListedByARunAreShownReduced() throws IOException {
    Path dir = tmp.resolve("reports/edges");
    Path run = Files.createDirectories(dir.resolve("photos"));
    BufferedImage sheet = new BufferedImage(2800, 700, BufferedImage.TYPE_INT_RGB);
    ImageIO.write(sheet, "png", run.resolve("Dune-sobel-sheet.png").toFile());
    ImageIO.write(new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB), "png", run.resolve("Dune-sobel-h.png").toFile());
    ExperimentRecord record = new ExperimentRecord("edges", "Edge detection on photographs", "edges", null, List.of(), false,
        null, new ExperimentRecord.Verdict(ExperimentRecord.Status.MEASURED, null, null, null, null),
        List.of(new ExperimentRecord.RunRecord("photos", "photos", 0, "photos", "h", false,
            List.of("Dune-sobel-sheet.png", "Dune-sobel-h.png"))),
        List.of("edges"), Map.of());

    renderer.renderExperiment(dir, record);

    assertWidthAndTaller(dir.resolve("edges-Dune-sobel-sheet.png"), BundleRenderer.EDGE_SHEET_WIDTH,
        700 * BundleRenderer.EDGE_SHEET_WIDTH / 2800);
    assertFalse(Files.exists(dir.resolve("edges-Dune-sobel-h.png")), "only sheets when there are sheets");
    Path pdf = dir.resolve("report.pdf");
    assertEquals(2, PdfTestSupport.pages(pdf));
    assertEquals(List.of("jpg"), PdfTestSupport.imageSuffixes(pdf, 2), "photographs are embedded as JPEG");
    assertSize(dir.resolve("thumbnail.png"), BundleWriter.THUMB_WIDTH, BundleWriter.THUMB_HEIGHT);
  }

  @Test
  void missingOrMalformedMetricsAreNamed() throws IOException {
    Path dir = experiment(ExperimentFixtures.record(false, List.of("curves")));
    Path missing = dir.resolve("max-seed2/metrics.csv");
    Files.delete(missing);

    RunFileException e = assertThrows(RunFileException.class, () -> renderer.renderExperiment(dir, readBack(dir)));
    assertEquals(missing, e.file());
    assertTrue(e.getMessage().startsWith(missing + ": no such file"), e.getMessage());

    Files.writeString(missing, "epoch,train_loss,train_accuracy,test_accuracy\n1,0.5,0.8,zero\n");
    e = assertThrows(RunFileException.class, () -> renderer.renderExperiment(dir, readBack(dir)));
    assertTrue(e.getMessage().contains(missing + ": data row 1 (line 2), column 'test_accuracy': expected a number, found 'zero'"),
        e.getMessage());
  }

  @Test
  void unknownRenderEntriesAndMissingOutputsNameTheFile() throws IOException {
    Path dir = experiment(ExperimentFixtures.record(false, List.of("curves", "histograms")));
    RunFileException e = assertThrows(RunFileException.class, () -> renderer.renderExperiment(dir, readBack(dir)));
    assertEquals(dir.resolve("experiment.json"), e.file());
    assertTrue(e.getMessage().contains("render entry 'histograms' is unknown"), e.getMessage());

    Path other = experiment(ExperimentFixtures.record(false, List.of("workers")));
    Files.delete(other.resolve("avg-seed1/loader.csv"));
    e = assertThrows(RunFileException.class, () -> renderer.renderExperiment(other, readBack(other)));
    assertEquals(other.resolve("avg-seed1/loader.csv"), e.file());
  }

  /** PDF text with line breaks and runs of spaces as single spaces (long lines wrap). */
  private static String flat(String text) {
    return text.replaceAll("\\s+", " ");
  }

  /** {@code width} wide and taller than {@code height} by a caption strip of at most 80 pixels. */
  private static void assertWidthAndTaller(Path png, int width, int height) throws IOException {
    BufferedImage image = ImageIO.read(png.toFile());
    assertEquals(width, image.getWidth(), png + " width");
    assertTrue(image.getHeight() > height && image.getHeight() <= height + 80, png + " height " + image.getHeight());
  }

  private static void assertSize(Path png, int width, int height) throws IOException {
    BufferedImage image = ImageIO.read(png.toFile());
    assertEquals(width, image.getWidth(), png + " width");
    assertEquals(height, image.getHeight(), png + " height");
  }
}
