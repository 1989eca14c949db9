package io.cnnlab.reports.input;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cnnlab.reports.Fixtures;
import io.cnnlab.runs.MetricsColumns;
import io.cnnlab.runs.RunFileException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricsTableTest {
  @TempDir Path dir;

  @Test
  void readsColumnsByNameWhateverTheirOrder() throws IOException {
    Path file = Fixtures.writeMetrics(dir.resolve("metrics.csv"), 10, 0.0, 0.0);
    MetricsTable t = MetricsTable.read(file);
    assertEquals(10, t.size());
    assertArrayEquals(new int[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, t.epochs());
    for (int e = 1; e <= 10; e++) {
      assertEquals(Fixtures.trainLoss(e, 0), t.column(MetricsColumns.TRAIN_LOSS)[e - 1], 1e-6);
      assertEquals(Fixtures.trainAccuracy(e, 0), t.column(MetricsColumns.TRAIN_ACCURACY)[e - 1], 1e-6);
      assertEquals(Fixtures.testAccuracy(e, 0), t.column(MetricsColumns.TEST_ACCURACY)[e - 1], 1e-6);
    }
    assertEquals(14.0, t.column(MetricsColumns.STEP_SECONDS)[0]);
    assertEquals(0.9, t.last(MetricsColumns.LEARNING_RATE));
    assertTrue(t.hasColumn(MetricsColumns.CHECKPOINT_SECONDS));
    assertFalse(t.hasColumn("extra_note"), "unknown columns are ignored");
    assertEquals(file, t.source());
  }

  @Test
  void optionalColumnsMayBeAbsentOrEmpty() throws IOException {
    Path file = dir.resolve("metrics.csv");
    Files.writeString(file, "epoch,train_loss,train_accuracy,test_accuracy,test_loss\n1,0.9,0.6,0.55,\n2,0.5,0.8,0.75,0.6\n");
    MetricsTable t = MetricsTable.read(file);
    assertTrue(Double.isNaN(t.column(MetricsColumns.TEST_LOSS)[0]));
    assertEquals(0.6, t.column(MetricsColumns.TEST_LOSS)[1]);
    assertFalse(t.hasColumn(MetricsColumns.WALL_SECONDS));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.column(MetricsColumns.WALL_SECONDS));
    assertTrue(e.getMessage().contains("wall_seconds") && e.getMessage().contains(file.toString()), e.getMessage());
  }

  @Test
  void missingFileIsNamed() {
    Path file = dir.resolve("run-7/metrics.csv");
    RunFileException e = assertThrows(RunFileException.class, () -> MetricsTable.read(file));
    assertEquals(file, e.file());
    assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("no such file"), e.getMessage());
  }

  @Test
  void missingRequiredColumnIsNamed() throws IOException {
    Path file = dir.resolve("metrics.csv");
    Files.writeString(file, "epoch,train_loss,test_accuracy\n1,0.9,0.5\n");
    RunFileException e = assertThrows(RunFileException.class, () -> MetricsTable.read(file));
    assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("missing required column(s) train_accuracy"), e.getMessage());
  }

  @Test
  void nonNumericCellIsNamedWithRowAndColumn() throws IOException {
    Path file = dir.resolve("metrics.csv");
    Files.writeString(file, "epoch,train_loss,train_accuracy,test_accuracy\n1,0.9,0.6,0.5\n2,0.7,abc,0.6\n");
    RunFileException e = assertThrows(RunFileException.class, () -> MetricsTable.read(file));
    assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("data row 2 (line 3), column 'train_accuracy': expected a number, found 'abc'"), e.getMessage());
  }

  @Test
  void emptyRequiredCellFractionalEpochAndRepeatedEpochAreRejected() throws IOException {
    Path file = dir.resolve("metrics.csv");
    Files.writeString(file, "epoch,train_loss,train_accuracy,test_accuracy\n1,,0.6,0.5\n");
    assertTrue(assertThrows(RunFileException.class, () -> MetricsTable.read(file))
        .getMessage().contains("column 'train_loss': expected a number, found an empty cell"));
    Files.writeString(file, "epoch,train_loss,train_accuracy,test_accuracy\n1.5,0.9,0.6,0.5\n");
    assertTrue(assertThrows(RunFileException.class, () -> MetricsTable.read(file))
        .getMessage().contains("column 'epoch': expected an integer, found '1.5'"));
    Files.writeString(file, "epoch,train_loss,train_accuracy,test_accuracy\n1,0.9,0.6,0.5\n1,0.8,0.7,0.6\n");
    assertTrue(assertThrows(RunFileException.class, () -> MetricsTable.read(file))
        .getMessage().contains("expected an epoch greater than 1, found '1'"));
  }

  @Test
  void headerOnlyAndEmptyFilesAreRejected() throws IOException {
    Path file = dir.resolve("metrics.csv");
    Files.writeString(file, "epoch,train_loss,train_accuracy,test_accuracy\n");
    RunFileException e = assertThrows(RunFileException.class, () -> MetricsTable.read(file));
    assertTrue(e.getMessage().contains("no data rows"), e.getMessage());
    Files.writeString(file, "");
    e = assertThrows(RunFileException.class, () -> MetricsTable.read(file));
    assertTrue(e.getMessage().contains("missing required column(s) epoch, train_loss, train_accuracy, test_accuracy"), e.getMessage());
  }

  @Test
  void brokenCsvQuotingIsNamed() throws IOException {
    Path file = dir.resolve("metrics.csv");
    Files.writeString(file, "epoch,train_loss,train_accuracy,test_accuracy\n1,\"0.9,0.6,0.5\n");
    RunFileException e = assertThrows(RunFileException.class, () -> MetricsTable.read(file));
    assertTrue(e.getMessage().startsWith(file + ": not a readable CSV file"), e.getMessage());
  }

  @Test
  void shortRowReadsAsEmptyCell() throws IOException {
    Path file = dir.resolve("metrics.csv");
    Files.writeString(file, "epoch,train_loss,train_accuracy,test_accuracy\n1,0.9,0.6\n");
    RunFileException e = assertThrows(RunFileException.class, () -> MetricsTable.read(file));
    assertTrue(e.getMessage().contains("column 'test_accuracy': expected a number, found an empty cell"), e.getMessage());
  }
}
