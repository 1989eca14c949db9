package io.cnnlab.runs;

import java.nio.file.Path;

/**
 * The layout of one experiment's folder under the reports root: {@code experiment.json} ({@link
 * ExperimentRecord}) and one {@link RunFolder} per run, at the record's {@link ExperimentRecord.RunRecord#dir()}.
 *
 * @param dir the experiment's folder, {@code reports/<id>}
 */
public record ExperimentFolder(Path dir) {
  public static final String RECORD = "experiment.json";

  public Path record() {
    return dir.resolve(RECORD);
  }

  /** The folder of {@code run}. */
  public RunFolder run(ExperimentRecord.RunRecord run) {
    return new RunFolder(dir.resolve(run.dir()));
  }
}
