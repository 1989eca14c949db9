package io.cnnlab.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cnnlab.runs.MetricsColumns;
import io.cnnlab.training.checkpoint.CheckpointMismatchException;
import io.cnnlab.training.checkpoint.CheckpointStore;
import io.cnnlab.training.optim.LearningRateSchedule;
import io.cnnlab.training.optim.OptimizerKind;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whole runs of {@link Trainer} on generated data: determinism, resuming, refusal, NaN, files written. */
class TrainerTest {
  private static final String IDENTITY = "tiny-bn;bars;n=120";
  private static final TrainConfig CONFIG = TrainConfig.builder()
      .epochs(3).batchSize(16).optimizer(OptimizerKind.NESTEROV).learningRate(0.05).momentum(0.9)
      .weightDecay(1e-3).schedule(LearningRateSchedule.warmUp(1, LearningRateSchedule.cosine(3, 0.1)))
      .seed(11).deterministic(true).build();

  @TempDir static Path shared;
  private static Path referenceDir;
  private static TrainResult reference;
  private static String referenceConsole;

  private static InMemoryBatchSource trainData() {
    return InMemoryBatchSource.bars(120, 16, 5, true);
  }

  private static InMemoryBatchSource testData() {
    return InMemoryBatchSource.bars(45, 20, 6, false);
  }

  private static TrainResult train(TrainConfig config, String identity, Path dir, TrainListener... extra) {
    List<TrainListener> listeners = new java.util.ArrayList<>(List.of(extra));
    listeners.add(0, new CsvMetricsWriter(dir.resolve("metrics.csv")));
    return new Trainer(new TinyModel(true), config, identity).train(trainData(), testData(), dir, listeners);
  }

  @BeforeAll
  static void trainReference() {
    referenceDir = shared.resolve("reference");
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    reference = train(CONFIG, IDENTITY, referenceDir,
        new ConsoleProgress(new PrintStream(console, true, StandardCharsets.UTF_8), false));
    referenceConsole = console.toString(StandardCharsets.UTF_8);
  }

  private static void assertSameResults(List<EpochMetrics> expected, List<EpochMetrics> actual) {
    assertEquals(expected.size(), actual.size(), "epochs");
    for (int i = 0; i < expected.size(); i++) {
      assertTrue(expected.get(i).sameResults(actual.get(i)), "epoch " + (i + 1) + ": expected "
          + expected.get(i) + " got " + actual.get(i));
    }
  }

  /** Identical final weights, optimizer slots and moving averages: the checkpoint's variable files match. */
  private static void assertSameFinalState(Path expectedDir, Path actualDir) throws IOException {
    Path a = expectedDir.resolve("checkpoint/epoch-0003/variables.data-00000-of-00001");
    Path b = actualDir.resolve("checkpoint/epoch-0003/variables.data-00000-of-00001");
    assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b), "final variables");
    assertEquals(Files.readString(expectedDir.resolve("predictions.csv")),
        Files.readString(actualDir.resolve("predictions.csv")), "test predictions");
  }

  private static List<EpochMetrics> readCsv(Path file) throws IOException {
    try (Reader r = Files.newBufferedReader(file)) {
      return MetricsCsv.read(r, file.toString());
    }
  }

  @Test
  void theModelLearnsTheGeneratedClasses() {
    EpochMetrics last = reference.last();
    assertTrue(last.train().loss() < reference.history().get(0).train().loss(), "training loss fell");
    assertTrue(last.test().accuracy() > 0.9, "three bar positions are easy to tell apart: " + last);
  }

  @Test
  void deterministicModeRepeatsExactly() throws IOException {
    Path dir = shared.resolve("repeat");
    TrainResult again = train(CONFIG, IDENTITY, dir);
    assertSameResults(reference.history(), again.history());
    assertSameFinalState(referenceDir, dir);
  }

  @Test
  void aRunStoppedAfterTwoEpochsAndResumedEqualsAnUninterruptedRun() throws IOException {
    Path crashed = shared.resolve("crashed");
    TrainListener crashAfterTwo = Crashes.afterEpoch(2);
    assertThrows(IllegalStateException.class, () -> train(CONFIG, IDENTITY, crashed, crashAfterTwo));
    assertEquals(2, readCsv(crashed.resolve("metrics.csv")).size(), "rows written before the crash");
    // A save of epoch 3 that died before committing leaves a partial directory behind: it is ignored.
    Files.createDirectories(crashed.resolve("checkpoint/epoch-0003"));
    Files.writeString(crashed.resolve("checkpoint/epoch-0003/variables.index"), "half-written");

    TrainResult resumed = train(CONFIG, IDENTITY, crashed);
    assertEquals(2, resumed.resumedAfterEpoch());
    assertSameResults(reference.history(), resumed.history());
    assertSameFinalState(referenceDir, crashed);
    List<EpochMetrics> rows = readCsv(crashed.resolve("metrics.csv"));
    assertEquals(List.of(1, 2, 3), rows.stream().map(EpochMetrics::epoch).toList(), "no duplicated rows");

    // Extending: a 2-epoch run continued to 3 epochs (epochs is not part of the run's identity).
    Path extended = shared.resolve("extended");
    train(CONFIG.toBuilder().epochs(2).build(), IDENTITY, extended);
    TrainResult longer = train(CONFIG, IDENTITY, extended);
    assertSameResults(reference.history(), longer.history());
    assertSameFinalState(referenceDir, extended);

    // Starting a finished run again trains nothing and keeps its history.
    TrainResult done = train(CONFIG, IDENTITY, extended);
    assertEquals(3, done.resumedAfterEpoch());
    assertSameResults(reference.history(), done.history());
    assertEquals(3, readCsv(extended.resolve("metrics.csv")).size());
  }

  @Test
  void aCheckpointOfAnotherConfigurationOrDataSetIsRefused() throws IOException {
    Path pointer = referenceDir.resolve("checkpoint/checkpoint.properties");
    String before = Files.readString(pointer);
    TrainConfig otherRate = CONFIG.toBuilder().learningRate(0.07).build();
    var e = assertThrows(CheckpointMismatchException.class, () -> train(otherRate, IDENTITY, referenceDir));
    assertTrue(e.getMessage().contains(CONFIG.runHash(IDENTITY)), e.getMessage());
    assertTrue(e.getMessage().contains(otherRate.runHash(IDENTITY)), e.getMessage());
    assertTrue(e.getMessage().contains(referenceDir.resolve("checkpoint").toString()), e.getMessage());
    assertTrue(e.getMessage().contains("learningRate=0.07"), e.getMessage());

    var other = assertThrows(CheckpointMismatchException.class,
        () -> train(CONFIG, "tiny-bn;bars;n=60", referenceDir));
    assertTrue(other.getMessage().contains("identity=tiny-bn;bars;n=60"), other.getMessage());
    assertEquals(before, Files.readString(pointer), "the refused runs left the checkpoint alone");
  }

  @Test
  void aLossThatBecomesNonFiniteStopsTheRunAndKeepsWhatWasWritten() throws IOException {
    // Base rate for two epochs, then a rate no network survives.
    LearningRateSchedule explode = new LearningRateSchedule() {
      @Override
      public double factor(int epoch, int step, int stepsPerEpoch) {
        return epoch < 2 ? 1 : 1e30;
      }

      @Override
      public String canonical() {
        return "explode-at-epoch-3";
      }
    };
    Path dir = shared.resolve("nan");
    boolean[] failed = {false};
    TrainListener watcher = new TrainListener() {
      @Override
      public void onFailure(Exception cause) {
        failed[0] = cause instanceof NonFiniteLossException;
      }
    };
    TrainConfig config = CONFIG.toBuilder().schedule(explode).build();
    var e = assertThrows(NonFiniteLossException.class, () -> train(config, IDENTITY, dir, watcher));
    // Step 1 of epoch 3 still sees the weights of epoch 2; its huge update breaks step 2.
    assertEquals(3, e.epoch());
    assertEquals(2, e.step());
    assertTrue(e.getMessage().matches("loss became (NaN|infinite) at epoch 3, step 2 \\(learning rate 5E\\+28\\); "
        + "try a lower learning rate \\(--learning-rate\\)"), e.getMessage());
    assertTrue(failed[0], "listeners heard of the failure");
    assertEquals(List.of(1, 2), readCsv(dir.resolve("metrics.csv")).stream().map(EpochMetrics::epoch).toList());
    assertEquals(2, new CheckpointStore(dir.resolve("checkpoint")).load().orElseThrow().epochsCompleted());
    assertFalse(Files.exists(dir.resolve("predictions.csv")));
  }

  @Test
  void metricsCsvHoldsEveryEpochExactly() throws IOException {
    List<String> lines = Files.readAllLines(referenceDir.resolve("metrics.csv"));
    assertEquals(String.join(",", MetricsColumns.HEADER), lines.get(0));
    assertEquals(reference.history(), readCsv(referenceDir.resolve("metrics.csv")));
  }

  @Test
  void theTimeBreakdownAddsUp() {
    for (EpochMetrics m : reference.history()) {
      assertEquals(120 / (m.timing().feedSeconds() + m.timing().stepSeconds()), m.timing().examplesPerSecond(), 1e-9 * m.timing().examplesPerSecond());
      assertEquals(0, m.timing().dataWaitSeconds(), "in-memory data never blocks");
      assertTrue(m.timing().stepSeconds() > 0 && m.timing().evalSeconds() > 0 && m.timing().checkpointSeconds() > 0, m.toString());
      assertTrue(m.timing().wallSeconds() >= m.timing().feedSeconds() + m.timing().stepSeconds() + m.timing().evalSeconds() + m.timing().checkpointSeconds(),
          m.toString());
    }
    // The rate of the last step of each epoch: 8 steps per epoch, warm-up over epoch 1, cosine over 3.
    assertEquals(0.05 * (0.1 + 0.9 * (1 + Math.cos(Math.PI * (7.0 / 8) / 3)) / 2),
        reference.history().get(0).learningRate(), 1e-12);
    assertEquals(0.05 * (0.1 + 0.9 * (1 + Math.cos(Math.PI * (2 + 7.0 / 8) / 3)) / 2),
        reference.history().get(2).learningRate(), 1e-12);
  }

  @Test
  void predictionsCsvListsEveryTestSampleAndMatchesTheReportedAccuracy() throws IOException {
    List<String> lines = Files.readAllLines(reference.predictionsFile());
    assertEquals("index,label,predicted", lines.get(0));
    int[] labels = testData().labels();
    assertEquals(labels.length + 1, lines.size());
    int correct = 0;
    for (int i = 0; i < labels.length; i++) {
      String[] cells = lines.get(i + 1).split(",");
      assertEquals(i, Integer.parseInt(cells[0]));
      assertEquals(labels[i], Integer.parseInt(cells[1]));
      correct += Integer.parseInt(cells[1]) == Integer.parseInt(cells[2]) ? 1 : 0;
    }
    assertEquals(reference.last().test().accuracy(), correct / (double) labels.length, 1e-12);
  }

  @Test
  void theConsoleGetsOneLinePerEpochWhenNotATerminal() {
    List<String> lines = referenceConsole.lines().toList();
    assertEquals(3, lines.size(), referenceConsole);
    for (int i = 0; i < 3; i++) {
      assertTrue(lines.get(i).startsWith("epoch " + (i + 1) + "/3 loss "), lines.get(i));
      assertTrue(lines.get(i).contains(" img/s | "), lines.get(i));
    }
    assertFalse(referenceConsole.contains("\r"));
  }
}
