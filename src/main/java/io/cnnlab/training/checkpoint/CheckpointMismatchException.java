package io.cnnlab.training.checkpoint;

/** The output directory holds a checkpoint made for a different configuration or data set. */
public final class CheckpointMismatchException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public CheckpointMismatchException(String message) {
    super(message);
  }
}
