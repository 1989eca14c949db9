package io.cnnlab.data;

import java.io.IOException;
import java.nio.file.Path;

/** A data file that is not what its format promises: wrong magic, truncated, inconsistent counts or labels. */
public final class DatasetFormatException extends IOException {
  private static final long serialVersionUID = 1L;

  /** {@code problem} is said about {@code file}: "FILE: problem". */
  public DatasetFormatException(Path file, String problem) {
    super(file + ": " + problem);
  }

  public DatasetFormatException(Path file, String problem, Throwable cause) {
    super(file + ": " + problem, cause);
  }
}
