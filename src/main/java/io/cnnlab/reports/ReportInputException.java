package io.cnnlab.reports;

import java.io.IOException;
import java.nio.file.Path;

/** A run output (metrics.csv, predictions.csv) that is missing or not in the expected format. */
public final class ReportInputException extends IOException {
  private final transient Path file;

  /**
   * @param file the file at fault; the message starts with it
   * @param problem what is wrong and what was expected
   */
  public ReportInputException(Path file, String problem) {
    super(file + ": " + problem);
    this.file = file;
  }

  public ReportInputException(Path file, String problem, Throwable cause) {
    super(file + ": " + problem, cause);
    this.file = file;
  }

  /** The file at fault. */
  public Path file() {
    return file;
  }
}
