package io.cnnlab.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cnnlab.reports.figures.FeatureMapPages;
import io.cnnlab.reports.pdf.PdfTestSupport;
import io.cnnlab.runs.ExperimentFolder;
import io.cnnlab.runs.ExperimentRecord;
import io.cnnlab.runs.ExperimentRecordJson;
import io.cnnlab.runs.FeatureFiles;
import io.cnnlab.runs.PeerCurves;
import io.cnnlab.runs.RunFolder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The textbook LeNet bundle as {@code make demo} leaves it, from fixture run folders: three seeds of ten epochs
 * with metrics written at full double precision (as the trainer writes them), predictions, feature maps, and a
 * libtorch peer run. A reader's bundle: at most six pages, no number with more than six decimals.
 */
class TextbookBundleTest {
  static final String ID = "lenet-fmnist-textbook";
  static final int EPOCHS = 10;

  @TempDir Path tmp;

  /** Test accuracy of seed k at epoch e: rises to 0.8 - 0.01 (k - 2) / 3, with a repeating tail of decimals. */
  static double testAccuracy(int epoch, int seed) {
    return 0.8 - 0.7 * Math.exp(-0.5 * epoch) - 0.01 * (seed - 2) / 3.0;
  }

  static ExperimentRecord record(boolean smoke) {
    List<ExperimentRecord.RunRecord> runs = new ArrayList<>();
    for (int seed = 1; seed <= 3; seed++) {
      runs.add(new ExperimentRecord.RunRecord("textbook-seed" + seed, "textbook", seed, "textbook-seed" + seed,
          "h" + seed, false, List.of()));
    }
    Map<String, Double> published = new LinkedHashMap<>();
    published.put("PyTorch", 0.779);
    published.put("TensorFlow", 0.828);
    published.put("MXNet", 0.827);
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("declaration", "reproductions/lenet-fmnist-textbook.yaml");
    settings.put("dataset", "fashion-mnist");
    settings.put("seeds", "[1, 2, 3]");
    settings.put("variant textbook", "model={type=lenet, variant=textbook}, optimizer=sgd, learningRate=0.9,"
        + " batchSize=256, epochs=10");
    double mean = (testAccuracy(EPOCHS, 1) + testAccuracy(EPOCHS, 2) + testAccuracy(EPOCHS, 3)) / 3;
    return new ExperimentRecord(ID, "LeNet on Fashion-MNIST, as in d2l 2.0 \u00a76.6", "train", "fashion-mnist",
        Fixtures.classNames(10), smoke,
        new ExperimentRecord.Reference("d2l 2.0 \u00a76.6", "test_accuracy", 0.78, 0.83, published),
        new ExperimentRecord.Verdict(ExperimentRecord.Status.REPRODUCED, mean,
            new double[] {testAccuracy(EPOCHS, 3), testAccuracy(EPOCHS, 1)}, 0.0, null),
        runs, List.of("curves", "confusion", "feature-maps", "kernels", "table"), settings);
  }

  /** The experiment folder: run folders with metrics (full precision), predictions and features, a peer run. */
  static Path write(Path dir, ExperimentRecord record) throws IOException {
    for (ExperimentRecord.RunRecord run : record.runs()) {
      RunFolder folder = new RunFolder(dir.resolve(run.dir()));
      int seed = (int) run.seed();
      StringBuilder csv = new StringBuilder("epoch,train_loss,train_accuracy,test_accuracy,wall_seconds,examples_per_second\n");
      for (int e = 1; e <= EPOCHS; e++) {
        csv.append(e).append(',').append(0.4 + 2.0 / (3 * e)).append(',').append(testAccuracy(e, seed) + 1 / 30.0)
            .append(',').append(testAccuracy(e, seed)).append(',').append(12.345678901 + e / 7.0).append(',')
            .append(60000 / (12.345678901 + e / 7.0)).append('\n');
      }
      Files.createDirectories(folder.dir());
      Files.writeString(folder.metrics(), csv);
      Fixtures.writePredictions(folder.predictions(), Fixtures.cyclicPredictions(10, 10));
      if (seed == 1) {
        FeatureFiles.write(folder, FeatureMapsTest.lenetMaps(seed), FeatureMapPages.FIGURES);
      }
    }
    StringBuilder peer = new StringBuilder(String.join(",", PeerCurves.HEADER)).append('\n');
    for (int e = 1; e <= EPOCHS; e++) {
      peer.append(e).append(',').append(0.45 + 2.0 / (3 * e)).append(',').append(0.79 - 0.7 * Math.exp(-0.5 * e)).append('\n');
    }
    Path peerFile = PeerCurves.file(dir, "djl-pytorch", 1);
    Files.createDirectories(peerFile.getParent());
    Files.writeString(peerFile, peer);
    ExperimentRecordJson.write(dir.resolve(ExperimentFolder.RECORD), record);
    return dir;
  }

  @Test
  void theTextbookBundleIsShortAndItsNumbersAreForPeople() throws IOException {
    // With -Dcnnlab.sampleBundle=DIR the bundle is written to DIR/lenet-fmnist-textbook, to look at.
    String sample = System.getProperty("cnnlab.sampleBundle", "");
    Path dir = write((sample.isEmpty() ? tmp.resolve("reports") : Path.of(sample)).resolve(ID), record(false));

    new BundleRenderer().renderExperiment(dir, ExperimentRecordJson.read(dir.resolve(ExperimentFolder.RECORD)));

    Path pdf = dir.resolve("report.pdf");
    int pages = PdfTestSupport.pages(pdf);
    assertTrue(pages <= 6, "pages: " + pages);
    String text = PdfTestSupport.text(pdf);
    assertTrue(maxDecimals(text) <= 6, "a number with more than 6 decimals in:\n" + text);
    String first = PdfTestSupport.text(pdf, 1, 1).replaceAll("\\s+", " ");
    // Page 1: the verdict, the textbook's number per framework with our distance to it, and the curves.
    double mean = record(false).verdict().measured();
    for (String expected : List.of("Verdict: reproduced", "textbook, PyTorch", "0.7790", "textbook, TensorFlow",
        "0.8280", "textbook, MXNet", "0.8270", "[0.7800, 0.8300]", "peer: PyTorch (DJL, libtorch)",
        // four significant digits, as Java's %g gives them
        String.format(java.util.Locale.ROOT, "%+.4g", mean - 0.779), "Training curves")) {
      assertTrue(first.contains(expected), "page 1 lacks '" + expected + "':\n" + first);
    }
    String all = text.replaceAll("\\s+", " ");
    for (String expected : List.of("Confusion matrix", "Per-class precision and recall", "Feature maps and kernels",
        "Prewitt", "Sobel", "First-layer kernels", "table-textbook-seed1-metrics.csv")) {
      assertTrue(all.contains(expected), "the bundle lacks '" + expected + "'");
    }
    // The raw per-epoch tables stay in the CSVs, copied as written.
    assertEquals(Files.readAllLines(dir.resolve("textbook-seed1/metrics.csv")),
        Files.readAllLines(dir.resolve("table-textbook-seed1-metrics.csv")));
    String curves = Files.readString(dir.resolve("curves.csv"));
    assertTrue(curves.contains("PyTorch (DJL, libtorch) test acc mean"), curves);
  }

  /** The most digits after a decimal point in any number of {@code text}. */
  static int maxDecimals(String text) {
    Matcher m = Pattern.compile("\\d\\.(\\d+)").matcher(text);
    int most = 0;
    while (m.find()) {
      most = Math.max(most, m.group(1).length());
    }
    return most;
  }
}
