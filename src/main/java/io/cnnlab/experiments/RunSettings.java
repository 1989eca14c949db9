package io.cnnlab.experiments;

import io.cnnlab.data.DatasetId;
import io.cnnlab.experiments.tasks.ConvBenchSettings;
import io.cnnlab.models.ModelSettings;
import io.cnnlab.training.OptimizerKind;
import io.cnnlab.training.ScheduleSyntax;
import io.cnnlab.training.TrainConfig;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The settings of one run as a declaration gives them: its {@code defaults}, a variant's overrides and the
 * {@code smoke} overrides all have this shape and are merged key by key. A {@code null} field keeps the
 * default of {@link TrainConfig.Builder} (training) or of the task (others). Which keys apply depends on the
 * experiment's {@link Kind}.
 *
 * @param model the model (training kinds)
 * @param optimizer {@code sgd}, {@code momentum}, {@code nesterov} or {@code adam}
 * @param lr base learning rate
 * @param schedule learning-rate schedule in {@link ScheduleSyntax}
 * @param momentum momentum of {@code momentum} and {@code nesterov}
 * @param weightDecay coupled L2 weight decay
 * @param batch batch size
 * @param epochs epochs
 * @param threads TensorFlow intra-op threads (default: every core)
 * @param workers data-loader threads preparing batches ahead (default 2)
 * @param trainLimit use only the first this many training samples (0 = all)
 * @param testLimit use only the first this many test samples (0 = all)
 * @param photos edges: use only the first this many photographs, sorted by name (0 = all)
 * @param conv conv-1x1: the sizes compared
 */
public record RunSettings(
    ModelSettings model,
    String optimizer,
    Double lr,
    String schedule,
    Double momentum,
    Double weightDecay,
    Integer batch,
    Integer epochs,
    Integer threads,
    Integer workers,
    Integer trainLimit,
    Integer testLimit,
    Integer photos,
    ConvBenchSettings conv) {

  /** Loader workers when a declaration does not say. */
  public static final int DEFAULT_WORKERS = 2;

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
    if (batch != null) {
      b.batchSize(batch);
    }
    if (optimizer != null) {
      b.optimizer(OptimizerKind.parse(optimizer));
    }
    if (lr != null) {
      b.learningRate(lr);
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
    TrainConfig config = b.build();
    return schedule == null ? config
        : config.toBuilder().schedule(ScheduleSyntax.parse(schedule, config.epochs())).build();
  }

  /** The training job these settings describe on {@code dataset} for {@code seed}. */
  public TrainingJob job(DatasetId dataset, Path dataRoot, long seed) {
    if (model == null) {
      throw new IllegalArgumentException("model must be given for a training run");
    }
    // The job builds its model: settings that do not fit the data set fail here, at planning time.
    return new TrainingJob(model, dataset, dataRoot, orZero(trainLimit), orZero(testLimit),
        trainConfig(seed), workers == null ? DEFAULT_WORKERS : workers);
  }

  /** Effective threads: the given count, or every core. */
  public int threadsOrDefault() {
    return threads != null ? threads : io.cnnlab.tf.Sessions.defaultThreads();
  }

  /** The non-null fields as {@code key -> text}, in declaration order, for manifests and reports. */
  public Map<String, String> given() {
    Map<String, String> m = new LinkedHashMap<>();
    put(m, "model", model);
    put(m, "optimizer", optimizer);
    put(m, "lr", lr);
    put(m, "schedule", schedule);
    put(m, "momentum", momentum);
    put(m, "weightDecay", weightDecay);
    put(m, "batch", batch);
    put(m, "epochs", epochs);
    put(m, "threads", threads);
    put(m, "workers", workers);
    put(m, "trainLimit", trainLimit);
    put(m, "testLimit", testLimit);
    put(m, "photos", photos);
    put(m, "conv", conv);
    return m;
  }

  private static void put(Map<String, String> m, String key, Object value) {
    if (value != null) {
      m.put(key, value instanceof Record r ? compact(r) : value.toString());
    }
  }

  /** A record's non-null components as {@code {a: 1, b: x}}, the way a declaration writes them. */
  static String compact(Record r) {
    StringBuilder sb = new StringBuilder("{");
    for (java.lang.reflect.RecordComponent c : r.getClass().getRecordComponents()) {
      Object v;
      try {
        v = c.getAccessor().invoke(r);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("cannot read " + c.getName() + " of " + r.getClass().getSimpleName(), e);
      }
      if (v != null) {
        sb.append(sb.length() > 1 ? ", " : "").append(c.getName()).append(": ").append(v);
      }
    }
    return sb.append('}').toString();
  }

  private static int orZero(Integer v) {
    return v == null ? 0 : v;
  }
}
