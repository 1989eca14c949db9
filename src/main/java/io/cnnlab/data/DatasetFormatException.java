package io.cnnlab.data;

import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.zip.ZipException;

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

  /**
   * {@code e}, raised while reading {@code file} as {@code expected}, as an error that names the file: itself
   * when it already does, else "FILE: cannot be read as EXPECTED (why)". A low-level exception (a gzip
   * trailer's checksum, an end of input) says nothing of which file it came from.
   */
  static IOException naming(Path file, String expected, IOException e) {
    if (e instanceof DatasetFormatException || String.valueOf(e.getMessage()).contains(file.toString())) {
      return e;
    }
    String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    if (e instanceof ZipException || e instanceof EOFException) {
      why = "truncated or corrupt gzip stream: " + why + "; the file is damaged, install it again";
    }
    return new DatasetFormatException(file, "cannot be read as " + expected + " (" + why + ")", e);
  }
}
