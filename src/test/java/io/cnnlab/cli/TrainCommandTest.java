package io.cnnlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cnnlab.data.Fixtures;
import io.cnnlab.testing.EventFileReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code cnnlab train} end to end on tiny generated IDX files in the Fashion-MNIST layout. */
class TrainCommandTest {
  @TempDir Path tmp;

  private record Run(int code, String out, String err) {}

  private Run train(String... extra) {
    List<String> args = new java.util.ArrayList<>(List.of("train", "--data-root", tmp.resolve("data").toString(),
        "--out", tmp.resolve("out").toString(), "--batch-size", "16", "--train-limit", "64", "--test-limit", "32",
        "--threads", "1", "--workers", "1"));
    args.addAll(List.of(extra));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new CnnlabCli());
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int code = cli.execute(args.toArray(String[]::new));
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void trainsWritesMetricsAndPredictionsThenResumesAndRefusesOtherSettings() throws IOException {
    Fixtures.writeMnistLayout(tmp.resolve("data"), "fashion-mnist", 100, 40, true, 7);
    Run first = train("--epochs", "2");
    assertEquals(0, first.code(), first.err());
    List<String> metrics = Files.readAllLines(tmp.resolve("out/metrics.csv"));
    assertEquals(1 + 2, metrics.size(), metrics.toString()); // header + one row per epoch
    assertTrue(metrics.get(0).startsWith("epoch,train_loss,train_accuracy"), metrics.get(0));
    List<String> predictions = Files.readAllLines(tmp.resolve("out/predictions.csv"));
    assertEquals(1 + 32, predictions.size()); // header + the 32 test images of --test-limit

    Run extended = train("--epochs", "3");
    assertEquals(0, extended.code(), extended.err());
    assertEquals(1 + 3, Files.readAllLines(tmp.resolve("out/metrics.csv")).size(), "resumed, not restarted");

    Run otherRate = train("--epochs", "3", "--learning-rate", "0.1");
    assertEquals(2, otherRate.code());
    assertTrue(otherRate.err().contains(tmp.resolve("out").toString()), otherRate.err());

    // A damaged checkpoint: one line naming the file (exit 2), and the three epochs' files stay.
    Path history = tmp.resolve("out/checkpoint/epoch-0003/history.csv");
    Files.delete(history);
    Run damaged = train("--epochs", "4");
    assertEquals(2, damaged.code(), damaged.err());
    assertTrue(damaged.err().startsWith("cnnlab train: damaged checkpoint: " + history + " is missing"),
        damaged.err());
    assertTrue(Files.exists(tmp.resolve("out/checkpoint/epoch-0003/variables.index")));
    assertEquals(1 + 3, Files.readAllLines(tmp.resolve("out/metrics.csv")).size(), "metrics kept");
  }

  @Test
  void badSettingsAndMissingDataAreNamed() {
    Run optimizer = train("--optimizer", "rmsprop");
    assertEquals(2, optimizer.code());
    assertTrue(optimizer.err().contains("unknown optimizer 'rmsprop'"), optimizer.err());
    Run lrnOnLenet = train("--lrn");
    assertEquals(2, lrnOnLenet.code());
    assertTrue(lrnOnLenet.err().contains("lrn does not apply to lenet"), lrnOnLenet.err());
    Run missing = train("--epochs", "1");
    assertEquals(2, missing.code());
    assertTrue(missing.err().contains("make datasets"), missing.err());
    assertFalse(Files.exists(tmp.resolve("out/metrics.csv")));
  }

  @Test
  void tensorBoardEventsHoldEachEpochsTestAccuracyAsMetricsCsvDoesUnlessTurnedOff() throws IOException {
    Fixtures.writeMnistLayout(tmp.resolve("data"), "fashion-mnist", 100, 40, true, 7);
    Run run = train("--epochs", "2");
    assertEquals(0, run.code(), run.err());
    List<EventFileReader.Scalar> accuracy =
        EventFileReader.scalars(EventFileReader.readAll(tmp.resolve("out/tensorboard")), "epoch/test_accuracy");
    // Epochs of a fraction of a second are too short to afford gradient histograms; the weights' are there.
    List<String> histograms = EventFileReader.readAll(tmp.resolve("out/tensorboard")).stream()
        .flatMap(e -> e.getSummary().getValueList().stream()).filter(v -> v.hasHisto()).map(v -> v.getTag()).toList();
    assertTrue(histograms.contains("weights/conv1_kernel"), histograms.toString());
    assertTrue(histograms.stream().noneMatch(t -> t.startsWith("gradients/")), histograms.toString());
    // The feature maps of the report's images, the first three, as images (the input and every spatial layer).
    List<String> images = EventFileReader.readAll(tmp.resolve("out/tensorboard")).stream()
        .flatMap(e -> e.getSummary().getValueList().stream()).filter(v -> v.hasImage()).map(v -> v.getTag()).toList();
    assertTrue(images.containsAll(List.of("kernels/conv1_kernel", "features/00-input/image/0",
        "features/01-conv1/image/2")), images.toString());
    List<String> rows = Files.readAllLines(tmp.resolve("out/metrics.csv"));
    int column = List.of(rows.get(0).split(",")).indexOf("test_accuracy");
    assertEquals(2, accuracy.size(), accuracy.toString());
    for (int e = 1; e <= 2; e++) {
      float csv = (float) Double.parseDouble(rows.get(e).split(",")[column]);
      assertEquals(new EventFileReader.Scalar("epoch/test_accuracy", e, csv), accuracy.get(e - 1));
    }

    try (var files = Files.walk(tmp.resolve("out"))) {
      for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
    Run quiet = train("--epochs", "1", "--no-tensorboard");
    assertEquals(0, quiet.code(), quiet.err());
    assertTrue(Files.exists(tmp.resolve("out/metrics.csv")));
    assertFalse(Files.exists(tmp.resolve("out/tensorboard")));
  }
}
