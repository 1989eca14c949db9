package io.cnnlab.runs;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A file a run left (experiment.json, manifest.json, metrics.csv, predictions.csv, the feature files) is
 * missing or not in the expected format. The message starts with the file.
 */
public final class RunFileException extends IOException {
  private final transient Path file;

  /**
   * @param file the file at fault; the message starts with it
   * @param problem what is wrong and what was expected
   */
  public RunFileException(Path file, String problem) {
    super(file + ": " + problem);
    this.file = file;
  }

  public RunFileException(Path file, String problem, Throwable cause) {
    super(file + ": " + problem, cause);
    this.file = file;
  }

  /** The file at fault. */
  public Path file() {
    return file;
  }
}
