package io.cnnlab.experiments;

import io.cnnlab.experiments.tasks.Measurement;
import io.cnnlab.graph.Execution;
import io.cnnlab.training.TrainListener;
import io.cnnlab.training.TrainResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * What actually computes: training, measurement tasks and speed probes. The {@link Harness} only decides what
 * to run, where, and what the outcome means; tests replace this with a double.
 */
public interface RunExecutor {
  /**
   * How {@code job} computes here: its execution resolved on this executor's machine ({@link TrainingJob#execution}),
   * or null where nothing computes.
   */
  Execution execution(TrainingJob job);

  /**
   * Trains (or resumes, when {@code runDir} holds a checkpoint of the same run) into {@code runDir}, in the forms
   * of {@code execution} ({@link #execution}).
   *
   * @throws io.cnnlab.data.MissingDatasetException when the data set is not installed
   */
  TrainResult train(TrainingJob job, Execution execution, Path runDir, List<TrainListener> listeners)
      throws IOException;

  /** Runs a measurement kind ({@link Kind#EDGES}, {@link Kind#CONV_SHAPES}, {@link Kind#CONV_1X1}). */
  Measurement measure(PlannedRun run, Path dataRoot) throws IOException;

  /** Training examples per second of the job's model and settings on random data, for the plan's estimate. */
  double trainingSpeed(TrainingJob job);
}
