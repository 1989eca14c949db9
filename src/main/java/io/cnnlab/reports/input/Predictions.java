package io.cnnlab.reports.input;

import io.cnnlab.runs.PredictionsColumns;
import io.cnnlab.runs.RunFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * A run's test-set predictions: the true label and the predicted class of every example, as read from
 * {@code predictions.csv} (columns {@code label,predicted}, optionally {@code index}).
 *
 * @param labels true class of each example
 * @param predicted predicted class of each example
 */
public record Predictions(int[] labels, int[] predicted) {
  public Predictions {
    if (labels.length != predicted.length) {
      throw new IllegalArgumentException(labels.length + " labels but " + predicted.length + " predictions");
    }
    labels = labels.clone();
    predicted = predicted.clone();
  }

  @Override
  public int[] labels() {
    return labels.clone();
  }

  @Override
  public int[] predicted() {
    return predicted.clone();
  }

  public int size() {
    return labels.length;
  }

  /**
   * Reads predictions.csv; labels and predictions must be integers in {@code [0, classes)}.
   *
   * @throws RunFileException naming the file, row and column for a missing file, column or bad cell
   */
  public static Predictions read(Path file, int classes) throws RunFileException {
    CsvInput csv =
        CsvInput.read(
            file,
            "a run's predictions.csv (one row per test example)",
            List.of(PredictionsColumns.LABEL, PredictionsColumns.PREDICTED));
    int[] labels = new int[csv.rows()];
    int[] predicted = new int[csv.rows()];
    for (int r = 0; r < labels.length; r++) {
      labels[r] = classIndex(csv, r, PredictionsColumns.LABEL, classes);
      predicted[r] = classIndex(csv, r, PredictionsColumns.PREDICTED, classes);
    }
    return new Predictions(labels, predicted);
  }

  private static int classIndex(CsvInput csv, int row, String column, int classes) throws RunFileException {
    int value = csv.integer(row, column);
    if (value < 0 || value >= classes) {
      throw csv.cellError(row, column, "a class index in [0, " + classes + ")", Integer.toString(value));
    }
    return value;
  }
}
