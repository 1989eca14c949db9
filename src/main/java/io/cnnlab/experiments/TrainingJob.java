package io.cnnlab.experiments;

import io.cnnlab.data.DatasetId;
import io.cnnlab.data.Datasets;
import io.cnnlab.data.ImageSet;
import io.cnnlab.data.Normalization;
import io.cnnlab.data.Split;
import io.cnnlab.data.loading.DataLoader;
import io.cnnlab.data.loading.LoaderOptions;
import io.cnnlab.graph.Execution;
import io.cnnlab.graph.Machine;
import io.cnnlab.models.Model;
import io.cnnlab.models.ModelSettings;
import io.cnnlab.runs.FeatureFigures;
import io.cnnlab.training.TrainConfig;
import io.cnnlab.training.TrainListener;
import io.cnnlab.training.TrainResult;
import io.cnnlab.training.Trainer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * One training run, fully described: which model on which data with which settings. The command line's
 * {@code train} and the reproduction harness both run training through this.
 *
 * <p>A value like a record (equality over the seven settings), except that it also holds the model those
 * settings build for the data set: built once, in the constructor, so that settings which do not fit the
 * data set fail when the job is made, and the identity, the run and the command line's header all describe
 * the same instance. A {@link Model} is a configuration plus a stateless build function, so one instance
 * serves every graph it is built into.
 */
public final class TrainingJob {
  /**
   * How every run's loaders turn pixel bytes into the floats the network is fed; what reads a run's weights
   * (feature maps, the SavedModel export) feeds the same.
   */
  public static final Normalization INPUT = Normalization.UNIT;

  private final ModelSettings model;
  private final DatasetId dataset;
  private final Path dataRoot;
  private final int trainLimit;
  private final int testLimit;
  private final TrainConfig config;
  private final int workers;
  private final Model builtModel;

  /**
   * @param model the model, before the data set fixes its input and classes
   * @param dataset the data set
   * @param dataRoot folder {@code make datasets} installed into
   * @param trainLimit use only the first this many training samples (0 = all), for smoke runs
   * @param testLimit use only the first this many test samples (0 = all)
   * @param config optimizer, schedule, epochs, batch, seed, threads
   * @param workers loader threads assembling batches ahead of the trainer (0 = on the training thread)
   * @throws IllegalArgumentException for negative limits or workers, or model settings that do not apply to
   *     the data set's images and classes (naming the setting)
   */
  public TrainingJob(
      ModelSettings model, DatasetId dataset, Path dataRoot, int trainLimit, int testLimit, TrainConfig config,
      int workers) {
    if (trainLimit < 0 || testLimit < 0) {
      throw new IllegalArgumentException("sample limits must be >= 0 (0 = all), got " + trainLimit + ", " + testLimit);
    }
    if (workers < 0) {
      throw new IllegalArgumentException("workers must be >= 0, got " + workers);
    }
    this.model = model;
    this.dataset = dataset;
    this.dataRoot = dataRoot;
    this.trainLimit = trainLimit;
    this.testLimit = testLimit;
    this.config = config;
    this.workers = workers;
    this.builtModel = model.build(dataset.height(), dataset.channels(), dataset.classNames().size());
  }

  public ModelSettings model() {
    return model;
  }

  public DatasetId dataset() {
    return dataset;
  }

  public Path dataRoot() {
    return dataRoot;
  }

  public int trainLimit() {
    return trainLimit;
  }

  public int testLimit() {
    return testLimit;
  }

  public TrainConfig config() {
    return config;
  }

  public int workers() {
    return workers;
  }

  /**
   * The model built for this data set's images and classes: the one instance made in the constructor (the
   * name is kept from when each call rebuilt it).
   */
  public Model buildModel() {
    return builtModel;
  }

  /**
   * What, besides the training settings, makes this run's results what they are: the model's full
   * configuration, the data set and the sample limits. Part of the checkpoint hash.
   */
  public String identity() {
    return builtModel + ";data=" + dataset.cliName() + ";train=" + trainLimit + ";test=" + testLimit;
  }

  /** How this job computes on {@code machine}: its requested execution resolved for its model and batch size. */
  public Execution execution(Machine machine) {
    return config.resolve(builtModel, machine);
  }

  /**
   * Trains (or resumes) into {@code outDir} in the forms of {@code execution}, then writes the feature maps of the
   * final weights, computed by the same forms, into its {@code features/} ({@link FeatureMapWriter}; a failure
   * there is noted, the results are kept) and hands them to the listeners ({@link TrainListener#onFeatureMaps}).
   *
   * @param execution this job's execution ({@link #execution(Machine)})
   * @param figures draws the feature-map PNGs beside the arrays, or null for the arrays only
   * @throws io.cnnlab.data.MissingDatasetException when the data set is not installed, naming the command
   *     that installs it
   */
  public TrainResult run(Execution execution, Path outDir, List<TrainListener> listeners, FeatureFigures figures)
      throws IOException {
    ImageSet train = limit(Datasets.open(dataset, dataRoot, Split.TRAIN), trainLimit);
    ImageSet fullTest = Datasets.open(dataset, dataRoot, Split.TEST);
    ImageSet test = limit(fullTest, testLimit);
    DataLoader trainLoader = new DataLoader(train,
        LoaderOptions.training(config.batchSize(), config.seed()).withNormalization(INPUT).withWorkers(workers));
    DataLoader testLoader = new DataLoader(test,
        LoaderOptions.evaluation(config.batchSize()).withNormalization(INPUT).withWorkers(workers));
    Trainer trainer = new Trainer(builtModel, config, identity());
    TrainResult result = trainer.train(execution, trainLoader, testLoader, outDir, listeners);
    FeatureMapWriter.write(builtModel, execution, outDir, fullTest, figures, System.err,
        maps -> listeners.forEach(l -> l.onFeatureMaps(maps)));
    return result;
  }

  private static ImageSet limit(ImageSet set, int limit) {
    return limit == 0 ? set : set.head(limit);
  }

  /** Equal settings; the built model follows from them. */
  @Override
  public boolean equals(Object o) {
    return o instanceof TrainingJob j && model.equals(j.model) && dataset == j.dataset
        && Objects.equals(dataRoot, j.dataRoot) && trainLimit == j.trainLimit && testLimit == j.testLimit
        && Objects.equals(config, j.config) && workers == j.workers;
  }

  @Override
  public int hashCode() {
    return Objects.hash(model, dataset, dataRoot, trainLimit, testLimit, config, workers);
  }

  /** The settings, in the form a record would print them. */
  @Override
  public String toString() {
    return "TrainingJob[model=" + model + ", dataset=" + dataset + ", dataRoot=" + dataRoot + ", trainLimit="
        + trainLimit + ", testLimit=" + testLimit + ", config=" + config + ", workers=" + workers + "]";
  }
}
