package io.cnnlab.cluster;

import io.cnnlab.experiments.PlannedRun;
import io.cnnlab.experiments.RunExecutor;
import io.cnnlab.experiments.RunReuse;
import io.cnnlab.experiments.TrainingJob;
import io.cnnlab.experiments.tasks.Measurement;
import io.cnnlab.graph.Execution;
import io.cnnlab.training.TrainListener;
import io.cnnlab.training.TrainResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The executor of the render job that ends a cluster sweep: it computes nothing. The harness reuses every run the
 * tasks completed; a run they did not complete makes its experiment FAILED, with what its staged attempt says,
 * instead of being run here.
 */
public final class RenderOnlyExecutor implements RunExecutor {
  /** None: nothing computes here, so a run's manifest records no execution. */
  @Override
  public Execution execution(TrainingJob job) {
    return null;
  }

  @Override
  public TrainResult train(TrainingJob job, Execution execution, Path runDir, List<TrainListener> listeners)
      throws IOException {
    throw notComplete(runDir);
  }

  @Override
  public Measurement measure(PlannedRun run, Path dataRoot) throws IOException {
    throw notComplete(run.dir());
  }

  @Override
  public double trainingSpeed(TrainingJob job) {
    throw new UnsupportedOperationException("the render job runs nothing");
  }

  private static IOException notComplete(Path runDir) {
    Path staging = PlanTask.stagingOf(runDir);
    String attempt = RunReuse.manifest(staging)
        .map(m -> "its last attempt is " + m.status() + " after " + m.epochsCompleted() + " epoch(s)"
            + (m.error() == null ? "" : ": " + m.error()))
        .orElse("no task started it");
    return new IOException("no complete run in " + runDir + " (" + attempt + "; see the task's log in "
        + runDir.getParent().getParent().resolve(SlurmSweep.LOGS) + ")");
  }
}
