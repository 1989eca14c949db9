package io.cnnlab.reports.charts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cnnlab.reports.Fixtures;
import io.cnnlab.reports.input.Predictions;
import io.cnnlab.runs.RunFileException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConfusionMatrixTest {
  @TempDir Path dir;

  /**
   * Eight examples over three classes, tallied by hand:
   * true 0: predicted 0,0,1 ; true 1: predicted 1,1,2,0 ; true 2: predicted 1.
   */
  private static final int[] LABELS = {0, 0, 0, 1, 1, 1, 1, 2};
  private static final int[] PREDICTED = {0, 0, 1, 1, 1, 2, 0, 1};

  @Test
  void countsAndRatesMatchHandComputation() {
    ConfusionMatrix m = ConfusionMatrix.of(3, LABELS, PREDICTED);
    assertArrayEquals(new int[][] {{2, 1, 0}, {1, 2, 1}, {0, 1, 0}}, m.counts());
    assertEquals(8, m.total());
    assertEquals(4 / 8.0, m.accuracy(), 1e-12);
    double[][] rows = m.rowNormalized();
    assertArrayEquals(new double[] {2 / 3.0, 1 / 3.0, 0}, rows[0], 1e-12);
    assertArrayEquals(new double[] {0.25, 0.5, 0.25}, rows[1], 1e-12);
    assertArrayEquals(new double[] {0, 1, 0}, rows[2], 1e-12);
    // precision: diagonal over column totals (3, 4, 1); recall: diagonal over row totals (3, 4, 1)
    assertEquals(2 / 3.0, m.precision(0), 1e-12);
    assertEquals(2 / 4.0, m.precision(1), 1e-12);
    assertEquals(0.0, m.precision(2), 1e-12);
    assertEquals(2 / 3.0, m.recall(0), 1e-12);
    assertEquals(2 / 4.0, m.recall(1), 1e-12);
    assertEquals(0.0, m.recall(2), 1e-12);
    // four off-diagonal cells of count 1, ordered by true class then predicted class
    assertEquals(
        List.of(new ConfusionMatrix.ConfusedPair(0, 1, 1), new ConfusionMatrix.ConfusedPair(1, 0, 1),
            new ConfusionMatrix.ConfusedPair(1, 2, 1)),
        m.mostConfused(3));
    assertEquals(4, m.mostConfused(10).size());
  }

  @Test
  void classesWithoutExamplesOrPredictionsGiveNaN() {
    ConfusionMatrix m = ConfusionMatrix.of(3, new int[] {0, 1}, new int[] {0, 0});
    assertTrue(Double.isNaN(m.recall(2)));
    assertTrue(Double.isNaN(m.precision(1)));
    assertArrayEquals(new double[] {0, 0, 0}, m.rowNormalized()[2]);
  }

  @ParameterizedTest
  @ValueSource(ints = {10, 20, 100})
  void cyclicErrorsGiveKnownRates(int classes) {
    ConfusionMatrix m = ConfusionMatrix.of(classes, Fixtures.cyclicPredictions(classes, 10));
    assertEquals(classes * 10L, m.total());
    assertEquals(0.8, m.accuracy(), 1e-12);
    for (int c = 0; c < classes; c++) {
      assertEquals(8, m.count(c, c));
      assertEquals(2, m.count(c, (c + 1) % classes));
      assertEquals(0.8, m.precision(c), 1e-12);
      assertEquals(0.8, m.recall(c), 1e-12);
    }
    List<ConfusionMatrix.ConfusedPair> top = m.mostConfused(5);
    for (int i = 0; i < 5; i++) {
      assertEquals(new ConfusionMatrix.ConfusedPair(i, i + 1, 2), top.get(i));
    }
  }

  @Test
  void readsPredictionsCsv() throws IOException {
    Path file = Fixtures.writePredictions(dir.resolve("predictions.csv"), new Predictions(LABELS, PREDICTED));
    Predictions p = Predictions.read(file, 3);
    assertArrayEquals(LABELS, p.labels());
    assertArrayEquals(PREDICTED, p.predicted());
  }

  @Test
  void predictionsOutsideTheClassesAreNamed() throws IOException {
    Path file = dir.resolve("predictions.csv");
    Files.writeString(file, "label,predicted\n0,1\n2,3\n");
    RunFileException e = assertThrows(RunFileException.class, () -> Predictions.read(file, 3));
    assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("data row 2 (line 3), column 'predicted': expected a class index in [0, 3), found '3'"), e.getMessage());
    Files.writeString(file, "label,guess\n0,1\n");
    e = assertThrows(RunFileException.class, () -> Predictions.read(file, 3));
    assertTrue(e.getMessage().contains("missing required column(s) predicted"), e.getMessage());
  }

  @Test
  void rejectsMismatchedInput() {
    assertThrows(IllegalArgumentException.class, () -> ConfusionMatrix.of(3, new int[] {0}, new int[] {0, 1}));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ConfusionMatrix.of(3, new int[] {0, 5}, new int[] {0, 1}));
    assertTrue(e.getMessage().contains("label of example 1 is 5"), e.getMessage());
  }
}
