package io.cnnlab.cli;

import io.cnnlab.image.ImageFiles;
import io.cnnlab.image.ModelInput;
import io.cnnlab.reports.figures.FeatureMapPages;
import io.cnnlab.runs.FeatureFiles;
import io.cnnlab.serving.ModelExport;
import io.cnnlab.serving.Prediction;
import io.cnnlab.serving.Predictor;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/** {@code cnnlab predict --model DIR|RUN IMAGE...}: an exported model's top 3 classes for any PNG or JPEG. */
@Command(
    name = "predict",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Classifies PNG or JPEG pictures (any size, colour or gray) with an exported model: each is made"
        + " gray or RGB as the model's data set, fitted into its input by area averaging and, for MNIST-style data"
        + " (light on dark), inverted when its background is light. Prints the top 3 classes with their"
        + " probabilities, one line per picture. A file that cannot be read is reported and the others are still"
        + " classified; the exit status is then 1.")
public final class PredictCommand implements Callable<Integer> {
  /** Classes shown per picture. */
  static final int TOP = 3;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--model", paramLabel = "DIR|RUN", required = true,
      description = "a folder written by cnnlab export, or a run folder (exported on the fly)")
  Path model;

  @Option(names = "--invert", paramLabel = "auto|yes|no", defaultValue = "auto",
      description = "invert the pictures: auto inverts a light background for MNIST-style models (${DEFAULT-VALUE})")
  String invert;

  @Option(names = "--format", paramLabel = "text|csv", defaultValue = "text",
      description = "one line per picture, or CSV with a header (${DEFAULT-VALUE})")
  String format;

  @Option(names = "--features", paramLabel = "OUT",
      description = "also write each picture's feature maps beside its Prewitt and Sobel responses into OUT, as the"
          + " report does for test images (arrays, figures, index.json)")
  Path features;

  @Parameters(index = "0..*", arity = "1..*", paramLabel = "IMAGE", description = "PNG or JPEG files")
  List<Path> images;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    ModelInput.Invert mode;
    try {
      mode = ModelInput.Invert.parse(invert);
      if (!format.equals("text") && !format.equals("csv")) {
        throw new IllegalArgumentException("--format '" + format + "': expected text or csv");
      }
      if (features != null) {
        ModelExport.requireReplaceable(features, FeatureFiles.INDEX, "--features writes into a new or empty folder,"
            + " or one it wrote before");
      }
    } catch (IllegalArgumentException | IOException e) {
      err.println("cnnlab predict: " + e.getMessage());
      return 2;
    }
    try (Predictor predictor = Predictor.open(model)) {
      boolean failed = false;
      List<Path> read = new ArrayList<>();
      List<ModelInput.Prepared> prepared = new ArrayList<>();
      for (Path image : images) {
        try {
          prepared.add(predictor.prepare(ImageFiles.read(image), mode));
          read.add(image);
        } catch (IOException e) { // names the file
          err.println("cnnlab predict: " + e.getMessage());
          failed = true;
        }
      }
      List<Prediction> predictions = predictor.classify(prepared);
      print(out, read, predictions);
      if (features != null && !prepared.isEmpty()) {
        int[] predicted = predictions.stream().mapToInt(Prediction::predicted).toArray();
        FeatureFiles.write(features.toAbsolutePath(), predictor.features(prepared, predicted), FeatureMapPages.FIGURES);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < read.size(); i++) {
          lines.add(i + "\t" + read.get(i));
        }
        Files.write(features.resolve("images.txt"), lines, StandardCharsets.UTF_8);
        err.println("feature maps of " + read.size() + " picture(s) in " + features + " (images.txt numbers them)");
      }
      return failed ? 1 : 0;
    } catch (IOException e) {
      err.println("cnnlab predict: " + e.getMessage());
      return 1;
    }
  }

  private void print(PrintWriter out, List<Path> files, List<Prediction> predictions) throws IOException {
    if (format.equals("csv")) {
      List<String> header = new ArrayList<>(List.of("image"));
      for (int k = 1; k <= TOP; k++) {
        header.addAll(List.of("class" + k, "probability" + k));
      }
      header.add("inverted");
      CSVPrinter csv = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setHeader(header.toArray(String[]::new)).get());
      for (int i = 0; i < files.size(); i++) {
        List<Object> row = new ArrayList<>(List.of(files.get(i).toString()));
        for (Prediction.Ranked r : predictions.get(i).top(TOP)) {
          row.addAll(List.of(r.name(), r.probability()));
        }
        row.add(predictions.get(i).inverted());
        csv.printRecord(row);
      }
      csv.flush();
      return;
    }
    for (int i = 0; i < files.size(); i++) {
      List<String> ranked = predictions.get(i).top(TOP).stream()
          .map(r -> r.name() + " " + probability(r.probability())).toList();
      String inverted = predictions.get(i).inverted() ? " (inverted)" : "";
      out.println(files.get(i) + ": " + String.join(", ", ranked) + inverted);
    }
    out.flush();
  }

  /** Three decimals, or two significant digits below 0.001, so that a small probability does not read 0.000. */
  static String probability(float p) {
    return p >= 0.001f || p == 0f ? String.format(Locale.ROOT, "%.3f", p) : String.format(Locale.ROOT, "%.1e", p);
  }
}
