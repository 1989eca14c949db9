package io.cnnlab.training.checkpoint;

import java.nio.file.Path;

/**
 * A checkpoint's files are missing, unreadable or contradict each other. The message names the file and
 * what was expected; nothing of the run is deleted.
 */
public final class CheckpointDamagedException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient Path file;

  /**
   * @param file the damaged or missing file (or folder)
   * @param problem what is wrong with it and what was expected
   * @param checkpointDir the run's checkpoint folder, named in the advice
   */
  public CheckpointDamagedException(Path file, String problem, Path checkpointDir, Throwable cause) {
    super("damaged checkpoint: " + file + " " + problem + ". Nothing was deleted: repair it, or move "
        + checkpointDir + " aside to start the run over", cause);
    this.file = file;
  }

  /** The damaged or missing file. */
  public Path file() {
    return file;
  }
}
