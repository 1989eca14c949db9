package io.cnnlab.runs;

import java.util.List;

/** Column names of a run's {@code predictions.csv}, one row per test example; the writer and readers use these. */
public final class PredictionsColumns {
  private PredictionsColumns() {}

  /** The example's index in the test set. */
  public static final String INDEX = "index";
  /** Its true class. */
  public static final String LABEL = "label";
  /** The class the network predicted. */
  public static final String PREDICTED = "predicted";

  /** The columns in the order they are written. */
  public static final List<String> HEADER = List.of(INDEX, LABEL, PREDICTED);
}
