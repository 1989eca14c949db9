package io.cnnlab.runs;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Turns what runs wrote into report bundles. Rendering only reads ({@code experiment.json}, the run folders);
 * it never trains.
 */
public interface ReportRenderer {
  /**
   * Writes {@code experimentDir/report.pdf} and its PNG/CSV figures for one experiment.
   *
   * @return the files written
   */
  List<Path> renderExperiment(Path experimentDir, ExperimentRecord record) throws IOException;

  /** Writes {@code reportsRoot/index.md} and {@code reportsRoot/index.pdf} over every experiment given. */
  void renderIndex(Path reportsRoot, List<ExperimentRecord> records) throws IOException;
}
