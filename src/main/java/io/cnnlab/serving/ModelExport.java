package io.cnnlab.serving;

import io.cnnlab.data.Normalization;
import io.cnnlab.experiments.RunReuse;
import io.cnnlab.experiments.TrainingJob;
import io.cnnlab.graph.Execution;
import io.cnnlab.runs.RunFileException;
import io.cnnlab.tf.Graphs;
import io.cnnlab.tf.Sessions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.tensorflow.Graph;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;

/**
 * {@code cnnlab export} as a library call: a finished run's final weights as a TensorFlow SavedModel (tag
 * {@code serve}), loadable by any TensorFlow (TF Serving, Python's {@code tf.saved_model.load}, other JVM programs).
 * The model is built in the plain forms ({@link Execution#portable}), whatever forms trained it: the variables are
 * the same in every form, and the plain ones run on a CPU or a GPU, with or without oneDNN.
 *
 * <p>The folder: {@code saved_model.pb}, {@code variables/}, {@value ExportInfo#CLASSES} and
 * {@value ExportInfo#FILE} ({@link ExportInfo}).
 */
public final class ModelExport {
  private ModelExport() {}

  /**
   * Exports the run in {@code runDir} into {@code outDir}, which must not exist, be empty, or hold an earlier
   * export (replaced). The folder appears complete or not at all (written beside it, then renamed).
   *
   * @throws RunFileException naming the file when the run is not a finished training run, its checkpoint does not
   *     fit the model its manifest describes, or {@code outDir} holds something else
   */
  public static ExportInfo export(Path runDir, Path outDir) throws IOException {
    SourceRun run = SourceRun.read(runDir);
    requireReplaceable(outDir, ExportInfo.FILE, "export into a new or empty folder");
    Path tmp = outDir.toAbsolutePath().resolveSibling(outDir.getFileName() + ".tmp");
    RunReuse.clear(tmp);
    Execution execution = Execution.portable(run.requested(), run.model().network());
    Normalization normalization = TrainingJob.INPUT;
    ExportInfo info;
    try (Graph graph = Graphs.create()) {
      ServingGraph g = ServingGraph.build(graph, run.model(), execution, normalization);
      try (Session session = Sessions.open(graph, Sessions.defaultThreads())) {
        String prefix = run.checkpoint().variablesPrefix().toString();
        try {
          // The graph's own saver: the one the SavedModel records, so the graph holds no second one.
          session.restore(prefix);
        } catch (RuntimeException e) { // TensorFlow reports missing keys and shape mismatches as various types
          throw new RunFileException(run.checkpoint().variablesPrefix(), "does not fit " + run.model().name()
              + " as the manifest describes it: " + e.getMessage(), e);
        }
        SavedModelBundle.exporter(tmp.toString()).withSession(session).withSignature(g.serving())
            .withSignature(g.features()).export();
      }
      info = new ExportInfo(ExportInfo.FORMAT, run.dir().toAbsolutePath().normalize().toString(),
          run.manifest().experiment(), run.dataset().cliName(), run.manifest().model(),
          run.checkpoint().epochsCompleted(), run.model().inputHeight(), run.model().inputWidth(),
          run.model().inputChannels(), run.dataset().classNames(), normalization.mean(), normalization.std(),
          run.dataset().lightOnDark(), g.layerNames(), g.kernelName, run.manifest().execution(), execution.record());
    }
    info.write(tmp);
    RunReuse.clear(outDir);
    Files.move(tmp, outDir.toAbsolutePath());
    return info;
  }

  /**
   * Refuses to write into {@code dir} unless it is new, empty, or holds {@code marker} (what was written there
   * before, and may be replaced): never over a folder of other files.
   *
   * @param advice what to do instead, for the message
   * @throws RunFileException naming {@code dir}
   */
  public static void requireReplaceable(Path dir, String marker, String advice) throws IOException {
    if (!Files.exists(dir) || Files.isRegularFile(dir.resolve(marker))) {
      return;
    }
    if (!Files.isDirectory(dir)) {
      throw new RunFileException(dir, "is a file; expected a folder to write into");
    }
    try (Stream<Path> entries = Files.list(dir)) {
      if (entries.findAny().isPresent()) {
        throw new RunFileException(dir, "holds other files (no " + marker + "): " + advice);
      }
    }
  }
}
