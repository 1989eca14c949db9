package io.cnnlab.experiments;

import java.nio.file.Path;

/** A declaration file that cannot be used; the message names the file, the key and what was expected. */
public final class InvalidDeclarationException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;
  private final transient Path file;

  public InvalidDeclarationException(Path file, String message) {
    super(file + ": " + message);
    this.file = file;
  }

  public InvalidDeclarationException(Path file, String message, Throwable cause) {
    super(file + ": " + message, cause);
    this.file = file;
  }

  /** The declaration file. */
  public Path file() {
    return file;
  }
}
