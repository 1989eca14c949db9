package io.cnnlab.experiments;

import io.cnnlab.graph.Execution;
import io.cnnlab.runs.FeatureFigures;
import io.cnnlab.runs.RunEnvironment;
import io.cnnlab.runs.RunFolder;
import io.cnnlab.runs.RunJson;
import io.cnnlab.runs.RunLock;
import io.cnnlab.runs.RunManifest;
import io.cnnlab.training.CsvMetricsWriter;
import io.cnnlab.training.TrainListener;
import io.cnnlab.training.TrainResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One training run outside a sweep ({@code cnnlab train}), written as the harness writes a run folder:
 * {@code manifest.json} with the configuration, its hash, the environment and the execution, kept current;
 * {@code metrics.csv}, checkpoints, predictions and feature maps.
 */
public final class SingleRun {
  /** The experiment id and variant its manifest names. */
  static final String EXPERIMENT = "train";

  static final String VARIANT = "main";

  private SingleRun() {}

  /**
   * The configuration a harness run of the same settings would hash ({@link PlannedRun#configuration}).
   *
   * @param device the device the run computes on
   */
  public static Map<String, String> configuration(RunSettings settings, TrainingJob job, String device) {
    return PlannedRun.configuration(Kind.TRAIN, job.dataset().cliName(), device, false, job.config().seed(),
        settings, job);
  }

  /**
   * Trains {@code job} (or resumes it) into {@code dir} as {@code execution} says, keeping its manifest current,
   * while holding the run's lock ({@link RunLock#ofRun}): a second writer of the folder (another {@code cnnlab
   * train}, a sweep's run, a cluster task) is refused at once.
   *
   * @param settings the settings the job was built from, as given (the manifest's {@code settings})
   * @param writer this process, as the lock and the manifest's attempts name it
   * @param listeners besides the metrics CSV and the manifest, which are always written
   * @throws RunLock.Refused naming the holder, when another live process holds the run's lock
   */
  public static TrainResult train(RunSettings settings, TrainingJob job, Execution execution, RunEnvironment env,
      RunLock.Writer writer, Path dir, List<TrainListener> listeners, FeatureFigures figures) throws IOException {
    try (RunLock lock = writer.hold(RunLock.ofRun(dir), System.err::println)) {
      return trainLocked(settings, job, execution, env, writer, dir, listeners, figures);
    }
  }

  private static TrainResult trainLocked(RunSettings settings, TrainingJob job, Execution execution,
      RunEnvironment env, RunLock.Writer writer, Path dir, List<TrainListener> listeners, FeatureFigures figures)
      throws IOException {
    Files.createDirectories(dir);
    Map<String, String> configuration = configuration(settings, job, execution.device());
    RunManifest starting = RunManifest.builder().experiment(EXPERIMENT).run(dir.getFileName().toString())
        .variant(VARIANT).seed(job.config().seed()).kind(Kind.TRAIN.token()).dataset(job.dataset().cliName())
        .model(RunJson.toObject(settings.model())).configuration(configuration)
        .configHash(PlannedRun.hash(configuration)).settings(settings.given()).environment(env)
        .execution(execution.record()).startedAt(Instant.now().toString()).build();
    ManifestKeeper manifest = new ManifestKeeper(dir.resolve(RunFolder.MANIFEST), starting, writer.me(),
        System::nanoTime);
    List<TrainListener> all = new ArrayList<>(listeners);
    all.add(new CsvMetricsWriter(new RunFolder(dir).metrics()));
    all.add(manifest);
    try {
      TrainResult result = job.run(execution, dir, all, figures);
      manifest.finished(result.history());
      return result;
    } catch (IOException | RuntimeException | Error e) {
      manifest.failed(e);
      throw e;
    }
  }
}
