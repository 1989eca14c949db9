package io.cnnlab.experiments;

import io.cnnlab.experiments.tasks.Conv1x1Task;
import io.cnnlab.experiments.tasks.ConvShapesTask;
import io.cnnlab.experiments.tasks.EdgesTask;
import io.cnnlab.experiments.tasks.Measurement;
import io.cnnlab.graph.Execution;
import io.cnnlab.graph.Machine;
import io.cnnlab.runs.FeatureFigures;
import io.cnnlab.training.TrainListener;
import io.cnnlab.training.TrainResult;
import io.cnnlab.training.Trainer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

/** Runs everything for real with TensorFlow: {@link TrainingJob#run} (which ends with the feature maps), the measurement tasks, the speed probe. */
public final class TensorFlowRunExecutor implements RunExecutor {
  /** Timed steps of the speed probe (after its five warm-up steps). */
  static final int PROBE_STEPS = 3;

  private final FeatureFigures figures;
  private final Supplier<Machine> machine;

  /**
   * @param figures draws the feature-map figures of training runs into their folders, or null for arrays only
   * @param machine the machine runs are resolved against, asked when first needed ({@link Machine#detect}, which
   *     probes oneDNN; {@link Machine#assumed} for a plan that must not)
   */
  public TensorFlowRunExecutor(FeatureFigures figures, Supplier<Machine> machine) {
    this.figures = figures;
    this.machine = machine;
  }

  @Override
  public Execution execution(TrainingJob job) {
    return job.execution(machine.get());
  }

  @Override
  public TrainResult train(TrainingJob job, Execution execution, Path runDir, List<TrainListener> listeners)
      throws IOException {
    return job.run(execution, runDir, listeners, figures);
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
    return Trainer.measureThroughput(job.buildModel(), job.config(), execution(job), PROBE_STEPS)
        .examplesPerSecond();
  }
}
