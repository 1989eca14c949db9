package io.cnnlab.experiments;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * A stand-in for the report renderer while none is wired in: it renders nothing and says so once per sweep.
 * The harness still writes {@code experiment.json}, the run folders and the verdict tables, from which the
 * bundles can be rendered later.
 */
public final class VerdictsOnlyRenderer implements ReportRenderer {
  private final PrintStream out;

  public VerdictsOnlyRenderer(PrintStream out) {
    this.out = out;
  }

  @Override
  public List<Path> renderExperiment(Path experimentDir, ExperimentRecord record) {
    return List.of();
  }

  @Override
  public void renderIndex(Path reportsRoot, List<ExperimentRecord> records) {
    out.println("bundles not rendered: no report renderer in this build (verdict tables and experiment.json only)");
  }
}
