package io.cnnlab.experiments;

import io.cnnlab.data.DataLoader;
import io.cnnlab.data.DatasetId;
import io.cnnlab.data.Datasets;
import io.cnnlab.data.ImageSet;
import io.cnnlab.data.LoaderOptions;
import io.cnnlab.data.Split;
import io.cnnlab.models.Model;
import io.cnnlab.models.ModelSettings;
import io.cnnlab.training.TrainConfig;
import io.cnnlab.training.TrainListener;
import io.cnnlab.training.TrainResult;
import io.cnnlab.training.Trainer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * One training run, fully described: which model on which data with which settings. The command line's
 * {@code train} and the reproduction harness both run training through this.
 *
 * @param model the model, before the data set fixes its input and classes
 * @param dataset the data set
 * @param dataRoot folder {@code make datasets} installed into
 * @param trainLimit use only the first this many training samples (0 = all), for smoke runs
 * @param testLimit use only the first this many test samples (0 = all)
 * @param config optimizer, schedule, epochs, batch, seed, threads
 * @param workers loader threads assembling batches ahead of the trainer (0 = on the training thread)
 */
public record TrainingJob(
    ModelSettings model, DatasetId dataset, Path dataRoot, int trainLimit, int testLimit, TrainConfig config,
    int workers) {

  public TrainingJob {
    if (trainLimit < 0 || testLimit < 0) {
      throw new IllegalArgumentException("sample limits must be >= 0 (0 = all), got " + trainLimit + ", " + testLimit);
    }
    if (workers < 0) {
      throw new IllegalArgumentException("workers must be >= 0, got " + workers);
    }
  }

  /** The model built for this data set's images and classes. */
  public Model buildModel() {
    return model.build(dataset.height(), dataset.channels(), dataset.classNames().size());
  }

  /**
   * What, besides the training settings, makes this run's results what they are: the model's full
   * configuration, the data set and the sample limits. Part of the checkpoint hash.
   */
  public String identity() {
    return buildModel() + ";data=" + dataset.cliName() + ";train=" + trainLimit + ";test=" + testLimit;
  }

  /**
   * Trains (or resumes) into {@code outDir}.
   *
   * @throws io.cnnlab.data.MissingDatasetException when the data set is not installed, naming the command
   *     that installs it
   */
  public TrainResult run(Path outDir, List<TrainListener> listeners) throws IOException {
    ImageSet train = limit(Datasets.open(dataset, dataRoot, Split.TRAIN), trainLimit);
    ImageSet test = limit(Datasets.open(dataset, dataRoot, Split.TEST), testLimit);
    DataLoader trainLoader =
        new DataLoader(train, LoaderOptions.training(config.batchSize(), config.seed()).withWorkers(workers));
    DataLoader testLoader = new DataLoader(test, LoaderOptions.evaluation(config.batchSize()).withWorkers(workers));
    Trainer trainer = new Trainer(buildModel(), config, identity());
    return trainer.train(trainLoader, testLoader, outDir, listeners);
  }

  private static ImageSet limit(ImageSet set, int limit) {
    return limit == 0 ? set : set.head(limit);
  }
}
