package io.cnnlab.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cnnlab.data.DatasetId;
import io.cnnlab.runs.ExecutionRecord;
import io.cnnlab.runs.RunFileException;
import io.cnnlab.runs.RunFolder;
import io.cnnlab.runs.RunManifest;
import io.cnnlab.runs.RunJson;
import io.cnnlab.testing.ChildProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A finished run exported as a SavedModel and used the way other programs use one: a fresh JVM that loads it with
 * TensorFlow's {@code SavedModelBundle} alone ({@link SavedModelCheck}) feeds the test images as bytes and gets the
 * classes the run itself predicted (its {@code predictions.csv}), though the run trained in other forms than the
 * export's plain ones.
 */
class ModelExportTest {
  @TempDir static Path tmp;
  private static ExportFixture fixture;

  @BeforeAll
  static void trainAndExport() throws IOException {
    fixture = ExportFixture.train(tmp);
  }

  @Test
  void theFolderHoldsASavedModelTheClassNamesAndWhatTheModelTakes() throws IOException {
    assertTrue(Files.isRegularFile(fixture.model().resolve("saved_model.pb")));
    assertTrue(Files.isRegularFile(fixture.model().resolve("variables/variables.index")));
    assertEquals(DatasetId.FASHION_MNIST.classNames(),
        Files.readAllLines(fixture.model().resolve(ExportInfo.CLASSES), StandardCharsets.UTF_8));
    ExportInfo read = ExportInfo.read(fixture.model());
    assertEquals(List.of(28, 28, 1), List.of(read.height(), read.width(), read.channels()));
    assertEquals(2, read.epochs());
    assertTrue(read.lightOnDark(), "Fashion-MNIST draws light garments on black");
    assertEquals(List.of("conv1", "relu1", "maxpool1", "conv2", "relu2", "maxpool2"), read.layers());
    // Recorded: how the run trained, and that the export computes in the plain forms whatever that was.
    assertEquals(fixture.execution().record().stages(), read.trained().stages());
    assertEquals(List.of("plain", "plain"),
        read.exported().stages().stream().map(ExecutionRecord.Stage::form).toList());
    assertEquals(1, read.exported().towers());
  }

  @Test
  void aFreshJvmWithTensorFlowAloneGetsTheRunsPredictions() throws Exception {
    Path images = fixture.run().getParent().resolve("datasets/fashion-mnist/t10k-images-idx3-ubyte");
    ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
        System.getProperty("java.class.path"), SavedModelCheck.class.getName(), fixture.model().toString(),
        images.toString(), "60");
    pb.environment().put("TF_CPP_MIN_LOG_LEVEL", "2");
    ChildProcess.Result r = ChildProcess.run(pb, Duration.ofSeconds(120));
    assertEquals(0, r.status(), r.err());

    int[] run = fixture.predicted();
    int[] labels = fixture.labels();
    List<String> lines = r.out().lines().toList();
    assertEquals(60, lines.size(), r.out());
    int agree = 0;
    double crossEntropy = 0;
    for (String line : lines) {
      String[] cells = line.split(",");
      int index = Integer.parseInt(cells[0]);
      agree += Integer.parseInt(cells[1]) == run[index] ? 1 : 0;
      assertEquals(1.0, Double.parseDouble(cells[2]), 1e-5, "a softmax row sums to 1: " + line);
      crossEntropy -= Math.log(Double.parseDouble(cells[3 + labels[index]]));
    }
    assertTrue(agree >= 0.998 * lines.size(), agree + " of " + lines.size() + " agree with predictions.csv");
    assertTrue(Arrays.stream(run).distinct().count() >= 5, "the run predicts many classes, or agreement means little");
    // The probabilities themselves are the trainer's: their cross-entropy is the test loss it measured on the
    // floats its loader fed, so the bytes are normalised inside the graph as the loader normalises them.
    assertEquals(fixture.testLoss(), crossEntropy / lines.size(), 1e-4);
  }

  @Test
  void aFolderThatIsNotAFinishedTrainingRunIsRefusedByName() throws IOException {
    Path empty = Files.createDirectories(tmp.resolve("empty"));
    RunFileException none = assertThrows(RunFileException.class, () -> ModelExport.export(empty, tmp.resolve("x")));
    assertTrue(none.getMessage().contains(empty.resolve("manifest.json").toString()), none.getMessage());

    Path running = Files.createDirectories(tmp.resolve("running"));
    RunManifest finished = RunManifest.read(new RunFolder(fixture.run()).manifest());
    RunJson.write(new RunFolder(running).manifest(), finished.toBuilder().status(RunManifest.RUNNING).build());
    RunFileException unfinished =
        assertThrows(RunFileException.class, () -> ModelExport.export(running, tmp.resolve("x")));
    assertTrue(unfinished.getMessage().contains("status running"), unfinished.getMessage());

    Path checkpointless = Files.createDirectories(tmp.resolve("no-checkpoint"));
    RunJson.write(new RunFolder(checkpointless).manifest(), finished);
    RunFileException noWeights =
        assertThrows(RunFileException.class, () -> ModelExport.export(checkpointless, tmp.resolve("x")));
    assertTrue(noWeights.getMessage().contains("checkpoint"), noWeights.getMessage());
    assertTrue(Files.notExists(tmp.resolve("x")), "nothing written");
  }

  @Test
  void itReplacesAnEarlierExportButNoOtherFolder() throws IOException {
    Path again = tmp.resolve("again");
    ModelExport.export(fixture.run(), again);
    Files.writeString(again.resolve("stale.txt"), "from before");
    ModelExport.export(fixture.run(), again);
    assertTrue(Files.notExists(again.resolve("stale.txt")), "the earlier export is replaced whole");

    Path other = Files.createDirectories(tmp.resolve("other"));
    Files.writeString(other.resolve("notes.txt"), "mine");
    RunFileException e = assertThrows(RunFileException.class, () -> ModelExport.export(fixture.run(), other));
    assertTrue(e.getMessage().contains(other.toString()) && e.getMessage().contains("no " + ExportInfo.FILE),
        e.getMessage());
    assertEquals("mine", Files.readString(other.resolve("notes.txt")));
  }

  @Test
  void theRunsRecordedRequestIsReadBack() {
    assertEquals(fixture.execution().requested().withConvForm(io.cnnlab.graph.ConvFormChoice.PLAIN).canonical(),
        String.join(";", fixture.info().exported().requested().entrySet().stream()
            .map(e -> e.getKey() + "=" + e.getValue()).toList()));
  }
}
