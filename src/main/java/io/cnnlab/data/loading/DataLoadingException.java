package io.cnnlab.data.loading;

/** Assembling a batch failed (in a loader worker or on the consumer's thread); says which batch of which epoch. */
public final class DataLoadingException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public DataLoadingException(String message, Throwable cause) {
    super(message, cause);
  }
}
