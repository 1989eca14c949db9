package io.cnnlab.experiments;

import com.fasterxml.jackson.annotation.JsonAlias;
import io.cnnlab.check.ParseErrors;
import io.cnnlab.data.DatasetId;
import io.cnnlab.experiments.tasks.ConvBenchSettings;
import io.cnnlab.graph.ConvFormChoice;
import io.cnnlab.models.ModelSettings;
import io.cnnlab.training.TrainConfig;
import io.cnnlab.training.optim.OptimizerKind;
import io.cnnlab.training.optim.ScheduleSyntax;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The settings of one run, the one record both ways into a run go through: {@code cnnlab train} builds it from
 * its options, a declaration's {@code defaults}, a variant's overrides and the {@code smoke} overrides are
 * blocks of this shape merged key by key. It is validated here ({@link #check()}, {@link #job}) and mapped here,
 * once, to the {@link TrainConfig} ({@link #trainConfig}), the model ({@link #model()}, a {@link ModelSettings})
 * and the {@link TrainingJob}; {@link PlannedRun#configuration} hashes what these build. A {@code null} field
 * keeps the default of {@link TrainConfig} (training) or of the task (others). Which keys apply depends on the
 * experiment's {@link Kind}.
 *
 * <p>Names: a component's name is the setting's name everywhere: the declaration's key, the manifest's
 * {@code settings} key, and, written in kebab case, the command line's option ({@code learningRate} is
 * {@code --learning-rate}); the metrics CSV writes it in snake case ({@code learning_rate}). Earlier names
 * still read as aliases ({@link JsonAlias}: {@code lr}, {@code batch}).
 *
 * @param model the model (training kinds)
 * @param optimizer {@code sgd}, {@code momentum}, {@code nesterov} or {@code adam}
 * @param learningRate base learning rate
 * @param schedule learning-rate schedule in {@link ScheduleSyntax}
 * @param momentum momentum of {@code momentum} and {@code nesterov}
 * @param weightDecay coupled L2 weight decay
 * @param batchSize batch size
 * @param epochs epochs
 * @param threads TensorFlow intra-op threads (default: every core)
 * @param towers data-parallel towers a batch is split into (0 = automatic)
 * @param deterministic one thread, the plain forms and fixed seeds: two runs give identical metrics
 * @param convForm {@code auto} (default) or {@code plain}: the convolution forms ({@link ConvFormChoice})
 * @param workers data-loader threads preparing batches ahead (default 2)
 * @param trainLimit use only the first this many training samples (0 = all)
 * @param testLimit use only the first this many test samples (0 = all)
 * @param photos edges: use only the first this many photographs, sorted by name (0 = all)
 * @param conv conv-1x1: the sizes compared
 */
public record RunSettings(
    ModelSettings model,
    String optimizer,
    @JsonAlias("lr") Double learningRate,
    String schedule,
    Double momentum,
    Double weightDecay,
    @JsonAlias("batch") Integer batchSize,
    Integer epochs,
    Integer threads,
    Integer towers,
    Boolean deterministic,
    String convForm,
    Integer workers,
    Integer trainLimit,
    Integer testLimit,
    Integer photos,
    ConvBenchSettings conv) {

  /** Loader workers when a declaration does not say. */
  public static final int DEFAULT_WORKERS = 2;

  /** No setting given: every default. */
  public static final RunSettings NONE =
      new RunSettings(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
          null);

  /** The command-line option of a setting: its name in kebab case, {@code learningRate -> --learning-rate}. */
  public static String option(String key) {
    return "--" + key.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
  }

  /**
   * {@code message} with the setting it starts with written as its command-line option ({@code learningRate must
   * be ...} becomes {@code --learning-rate must be ...}); other messages unchanged.
   */
  public static String asOption(String message) {
    for (java.lang.reflect.RecordComponent c : RunSettings.class.getRecordComponents()) {
      String key = c.getName();
      if (message.startsWith(key + " ") || message.startsWith(key + ":")) {
        return option(key) + message.substring(key.length());
      }
    }
    return message;
  }

  /**
   * Checks the settings that are counts, naming the key; the training settings are checked by {@link #job}.
   *
   * @throws IllegalArgumentException naming the setting that is out of range
   */
  public void check() {
    atLeast("threads", threads, 1, "");
    atLeast("towers", towers, 0, " (0 = automatic)");
    atLeast("workers", workers, 0, " (0 = on the training thread)");
    atLeast("trainLimit", trainLimit, 0, " (0 = all)");
    atLeast("testLimit", testLimit, 0, " (0 = all)");
    atLeast("photos", photos, 0, " (0 = all)");
  }

  private static void atLeast(String key, Integer value, int min, String note) {
    if (value != null && value < min) {
      throw new IllegalArgumentException(key + " must be >= " + min + note + ", got " + value);
    }
  }

  /**
   * The training configuration for {@code seed}.
   *
   * @throws IllegalArgumentException naming the setting that is out of range
   */
  public TrainConfig trainConfig(long seed) {
    TrainConfig.Builder b = TrainConfig.builder().seed(seed);
    if (epochs != null) {
      b.epochs(epochs);
    }
    if (batchSize != null) {
      b.batchSize(batchSize);
    }
    if (optimizer != null) {
      b.optimizer(ParseErrors.keyed("optimizer", () -> OptimizerKind.parse(optimizer)));
    }
    if (learningRate != null) {
      b.learningRate(learningRate);
    }
    if (momentum != null) {
      b.momentum(momentum);
    }
    if (weightDecay != null) {
      b.weightDecay(weightDecay);
    }
    if (threads != null) {
      b.threads(threads);
    }
    if (towers != null) {
      b.towers(towers);
    }
    if (deterministic != null) {
      b.deterministic(deterministic);
    }
    if (convForm != null) {
      b.convForm(ParseErrors.keyed("convForm", () -> ConvFormChoice.parse(convForm)));
    }
    TrainConfig config = b.build();
    return schedule == null ? config
        : config.toBuilder().schedule(ParseErrors.keyed("schedule", () -> ScheduleSyntax.parse(schedule, config.epochs()))).build();
  }

  /**
   * The training job these settings describe on {@code dataset} for {@code seed}: every training setting is
   * checked here, the model's against the data set.
   *
   * @throws IllegalArgumentException naming the setting that is missing, out of range or does not fit
   */
  public TrainingJob job(DatasetId dataset, Path dataRoot, long seed) {
    check();
    if (model == null) {
      throw new IllegalArgumentException("model must be given for a training run");
    }
    TrainConfig config = trainConfig(seed);
    try {
      // The job builds its model: settings that do not fit the data set fail here, at planning time.
      return new TrainingJob(model, dataset, dataRoot, orZero(trainLimit), orZero(testLimit), config,
          workers == null ? DEFAULT_WORKERS : workers);
    } catch (IllegalArgumentException e) {
      String m = e.getMessage();
      boolean keyed = java.util.Arrays.stream(ModelSettings.class.getRecordComponents())
          .anyMatch(c -> m.startsWith(c.getName() + ": "));
      throw new IllegalArgumentException("model" + (keyed ? "." : ": ") + m, e);
    }
  }

  /** Effective threads on this machine: the given count, or every core. */
  public int threadsOrDefault() {
    return threads != null ? threads : io.cnnlab.tf.Sessions.defaultThreads();
  }

  /** The threads asked for, as the configuration hash records them: the count, or {@code all} for every core. */
  public String threadsRequested() {
    return threads != null ? threads.toString() : "all";
  }

  /**
   * The non-null fields as {@code name -> text}, in component order, for manifests and reports; the names are
   * the declaration's keys.
   */
  public Map<String, String> given() {
    Map<String, String> m = new LinkedHashMap<>();
    for (java.lang.reflect.RecordComponent c : RunSettings.class.getRecordComponents()) {
      Object value = read(c, this);
      if (value != null) {
        m.put(c.getName(), value instanceof Record r ? compact(r) : value.toString());
      }
    }
    return m;
  }

  /** A record's non-null components as {@code {a: 1, b: x}}, the way a declaration writes them. */
  static String compact(Record r) {
    StringBuilder sb = new StringBuilder("{");
    for (java.lang.reflect.RecordComponent c : r.getClass().getRecordComponents()) {
      Object v = read(c, r);
      if (v != null) {
        sb.append(sb.length() > 1 ? ", " : "").append(c.getName()).append(": ").append(v);
      }
    }
    return sb.append('}').toString();
  }

  private static Object read(java.lang.reflect.RecordComponent c, Record r) {
    try {
      return c.getAccessor().invoke(r);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot read " + c.getName() + " of " + r.getClass().getSimpleName(), e);
    }
  }

  private static int orZero(Integer v) {
    return v == null ? 0 : v;
  }
}
