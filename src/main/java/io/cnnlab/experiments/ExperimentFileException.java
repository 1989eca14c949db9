package io.cnnlab.experiments;

import java.io.IOException;
import java.nio.file.Path;

/** A file an experiment's outputs are read from (experiment.json, a run's manifest.json) is missing or malformed. */
public final class ExperimentFileException extends IOException {
  private final transient Path file;

  /**
   * @param file the file at fault; the message starts with it
   * @param problem what is wrong and what was expected
   */
  public ExperimentFileException(Path file, String problem) {
    super(file + ": " + problem);
    this.file = file;
  }

  public ExperimentFileException(Path file, String problem, Throwable cause) {
    super(file + ": " + problem, cause);
    this.file = file;
  }

  /** The file at fault. */
  public Path file() {
    return file;
  }
}
