package io.cnnlab.experiments;

import io.cnnlab.experiments.tasks.Conv1x1Task;
import io.cnnlab.experiments.tasks.ConvShapesTask;
import io.cnnlab.experiments.tasks.EdgesTask;
import io.cnnlab.experiments.tasks.Measurement;
import io.cnnlab.runs.FeatureFigures;
import io.cnnlab.training.TrainListener;
import io.cnnlab.training.TrainResult;
import io.cnnlab.training.Trainer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Runs everything for real with TensorFlow: {@link TrainingJob#run} (which ends with the feature maps), the measurement tasks, the speed probe. */
public final class TensorFlowRunExecutor implements RunExecutor {
  /** Timed steps of the speed probe (after its five warm-up steps). */
  static final int PROBE_STEPS = 3;

  private final FeatureFigures figures;

  /**
   * Training runs also draw their feature-map figures with {@code figures} into their run folders; with null
   * they write the arrays only.
   */
  public TensorFlowRunExecutor(FeatureFigures figures) {
    this.figures = figures;
  }

  @Override
  public TrainResult train(TrainingJob job, Path runDir, List<TrainListener> listeners) throws IOException {
    return job.run(runDir, listeners, figures);
  }

  @Override
  public Measurement measure(PlannedRun run, Path dataRoot) throws IOException {
    RunSettings s = run.settings();
    int threads = s.threadsOrDefault();
    return switch (run.declaration().kind()) {
      case EDGES -> EdgesTask.run(dataRoot.resolve(Declaration.PHOTOS), s.photos() == null ? 0 : s.photos(),
          threads, run.dir());
      case CONV_SHAPES -> ConvShapesTask.run(threads, run.dir());
      case CONV_1X1 -> Conv1x1Task.run(s.conv(), threads, run.dir());
      default -> throw new IllegalArgumentException("kind " + run.declaration().kind() + " trains; it is not a measurement");
    };
  }

  @Override
  public double trainingSpeed(TrainingJob job) {
    return Trainer.measureThroughput(job.buildModel(), job.config(), PROBE_STEPS).examplesPerSecond();
  }
}
