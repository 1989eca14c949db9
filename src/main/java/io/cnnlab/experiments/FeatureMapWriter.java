package io.cnnlab.experiments;

import io.cnnlab.data.ImageSet;
import io.cnnlab.graph.Execution;
import io.cnnlab.models.Model;
import io.cnnlab.runs.FeatureFigures;
import io.cnnlab.runs.FeatureFiles;
import io.cnnlab.runs.FeatureMaps;
import io.cnnlab.runs.RunFolder;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The last step of a training run: feature maps and first-layer kernels from the run's final weights, written
 * into its {@code features/} folder ({@link FeatureFiles}) so the report only reads. A failure here never
 * loses the run's results: it is logged and noted in {@code features/problem.txt}, which the report shows.
 */
public final class FeatureMapWriter {
  private FeatureMapWriter() {}

  /** Feature-map figures per run: the first test image of each of the first this many classes. */
  public static final int IMAGES = 10;

  /**
   * Extracts from the checkpoint in {@code runDir} and writes the feature files.
   *
   * @param execution the run's execution: the maps are computed by the forms that trained
   * @param test the whole test split (not a smoke subset), whose first image of each class is shown
   * @param figures draws the PNGs beside the arrays, or null for the arrays and index only
   * @param log where a failure is reported
   * @return why nothing was written, or empty when the files are there
   */
  public static Optional<String> write(Model model, Execution execution, Path runDir, ImageSet test,
      FeatureFigures figures, PrintStream log) {
    return write(model, execution, runDir, test, figures, log, maps -> {});
  }

  /**
   * As {@link #write(Model, Execution, Path, ImageSet, FeatureFigures, PrintStream)}, then hands the maps written
   * to {@code written} (not when they could not be written).
   */
  public static Optional<String> write(Model model, Execution execution, Path runDir, ImageSet test,
      FeatureFigures figures, PrintStream log, Consumer<FeatureMaps> written) {
    RunFolder run = new RunFolder(runDir);
    FeatureMaps maps;
    try {
      maps = FeatureMapExtractor.extract(model, execution, runDir, test,
          FeatureMapExtractor.firstOfEachClass(test, IMAGES));
      FeatureFiles.write(run, maps, figures);
    } catch (IOException | RuntimeException e) {
      String problem = "feature maps not written: " + e.getClass().getSimpleName() + ": " + e.getMessage();
      log.println("warning: " + runDir + ": " + problem + " (the run's results are kept)");
      try {
        FeatureFiles.writeProblem(run, problem);
      } catch (IOException again) {
        log.println("warning: " + run.features() + ": cannot note the problem either: " + again.getMessage());
      }
      return Optional.of(problem);
    }
    written.accept(maps);
    return Optional.empty();
  }
}
