package io.cnnlab.serving;

import io.cnnlab.data.DatasetId;
import io.cnnlab.graph.ExecutionOptions;
import io.cnnlab.models.Model;
import io.cnnlab.models.ModelSettings;
import io.cnnlab.runs.RunFileException;
import io.cnnlab.runs.RunFolder;
import io.cnnlab.runs.RunJson;
import io.cnnlab.runs.RunManifest;
import io.cnnlab.training.checkpoint.CheckpointStore;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A finished training run read for export: a harness run folder or the {@code --out} of {@code cnnlab train}, both
 * with {@code manifest.json} (the model settings, the data set, the execution) and {@code checkpoint/}.
 *
 * @param dir the run folder
 * @param manifest its manifest
 * @param dataset the data set it trained on
 * @param model the model its settings build for that data set
 * @param requested the execution it asked for ({@link ExecutionOptions#DEFAULT} when its manifest predates the record)
 * @param checkpoint its last checkpoint: the final weights
 */
public record SourceRun(Path dir, RunManifest manifest, DatasetId dataset, Model model, ExecutionOptions requested,
    CheckpointStore.State checkpoint) {

  /**
   * Reads the run in {@code dir}.
   *
   * @throws RunFileException naming the folder or file that is missing, is not a finished training run's, or does
   *     not build a model
   */
  public static SourceRun read(Path dir) throws RunFileException {
    if (!Files.isDirectory(dir)) {
      throw new RunFileException(dir, "is not a folder; expected a run folder (a harness run, or the --out of"
          + " cnnlab train)");
    }
    RunFolder folder = new RunFolder(dir);
    RunManifest m = RunManifest.read(folder.manifest());
    if (m.model() == null || m.dataset() == null) {
      throw new RunFileException(folder.manifest(), "names no model and data set (kind " + m.kind() + "); expected"
          + " the manifest of a training run");
    }
    if (!m.isFinished()) {
      throw new RunFileException(folder.manifest(), "says status " + m.status() + " after " + m.epochsCompleted()
          + " epochs; expected a finished run, whose checkpoint holds its final weights");
    }
    DatasetId dataset;
    Model model;
    ExecutionOptions requested;
    try {
      dataset = DatasetId.parse(m.dataset());
      model = RunJson.fromObject(m.model(), ModelSettings.class)
          .build(dataset.height(), dataset.channels(), dataset.classNames().size());
      requested = m.execution() == null ? ExecutionOptions.DEFAULT : ExecutionOptions.fromMap(m.execution().requested());
    } catch (IllegalArgumentException e) {
      throw new RunFileException(folder.manifest(), "does not describe a model cnnlab can build: " + e.getMessage(), e);
    }
    CheckpointStore.State state;
    try {
      state = new CheckpointStore(folder.checkpoint()).load().orElseThrow(() -> new IllegalStateException(
          "holds no checkpoint (no " + CheckpointStore.POINTER + "); the export needs the run's trained weights"));
    } catch (RuntimeException e) { // damaged or absent: the message names the file
      throw new RunFileException(folder.checkpoint(), e.getMessage(), e);
    }
    return new SourceRun(dir, m, dataset, model, requested, state);
  }
}
