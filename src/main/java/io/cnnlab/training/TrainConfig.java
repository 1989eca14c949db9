package io.cnnlab.training;

import io.cnnlab.graph.ConvFormChoice;
import io.cnnlab.graph.Execution;
import io.cnnlab.graph.ExecutionOptions;
import io.cnnlab.graph.Machine;
import io.cnnlab.models.Model;
import io.cnnlab.training.optim.LearningRateSchedule;
import io.cnnlab.training.optim.OptimizerKind;
import io.cnnlab.training.optim.ScheduleSyntax;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Everything the trainer needs to know about a run, validated on construction.
 *
 * <p>Weight decay is coupled L2 as in PyTorch's {@code SGD(weight_decay=wd)}: the objective gets
 * {@code wd/2 * sum(w^2)} over the model's decayed weights, so each of their gradients gains
 * {@code wd * w}. With Adam this is L2 regularization, not AdamW's decoupled decay. Reported losses are
 * the cross-entropy alone, comparable between training and test.
 *
 * @param epochs epochs to train in total (a resumed run continues up to this many)
 * @param batchSize largest batch the sources may yield
 * @param optimizer update rule
 * @param learningRate base rate, scaled by {@code schedule} at every step
 * @param momentum velocity decay for {@link OptimizerKind#MOMENTUM} and {@link OptimizerKind#NESTEROV}
 * @param weightDecay L2 coefficient {@code wd} (0 for none)
 * @param schedule learning-rate schedule, a factor of {@code learningRate}
 * @param seed seed of the model's initializers and dropout
 * @param execution how the run asks to be computed: convolution forms, threads, towers, deterministic mode
 *     (resolved on the machine that runs it into an {@code io.cnnlab.graph.Execution})
 * @param checkpointEvery checkpoint every this many epochs (the last epoch always gets one)
 */
public record TrainConfig(
    int epochs,
    int batchSize,
    OptimizerKind optimizer,
    double learningRate,
    double momentum,
    double weightDecay,
    LearningRateSchedule schedule,
    long seed,
    ExecutionOptions execution,
    int checkpointEvery) {

  // The defaults of Builder: help texts and option defaults read these, so no default is written twice.
  public static final int DEFAULT_EPOCHS = 10;
  public static final int DEFAULT_BATCH_SIZE = 256;
  /** {@link OptimizerKind} token of the default update rule. */
  public static final String DEFAULT_OPTIMIZER = "sgd";
  public static final double DEFAULT_LEARNING_RATE = 0.9;
  public static final double DEFAULT_MOMENTUM = 0.9;
  public static final double DEFAULT_WEIGHT_DECAY = 0;
  /** {@link ScheduleSyntax} of the default schedule. */
  public static final String DEFAULT_SCHEDULE = "constant";
  public static final long DEFAULT_SEED = 42;
  public static final int DEFAULT_CHECKPOINT_EVERY = 1;

  /** Version of {@link #canonical()}; bump it when the meaning of a field changes. */
  // 2: dropout masks keyed by the global step (a run draws other masks than under 1), batch norm in towers.
  // 3: a run ends by writing its feature maps (features/), so run folders of 2 are rerun by the harness.
  // 4: the requested execution (convolution forms, threads, towers) is part of the run's identity.
  static final String CANONICAL_VERSION = "cnnlab-train-4";

  public TrainConfig {
    require(epochs >= 1, "epochs must be >= 1, got " + epochs);
    require(batchSize >= 1, "batchSize must be >= 1, got " + batchSize);
    require(optimizer != null, "optimizer must be one of sgd, momentum, nesterov, adam, got null");
    require(learningRate > 0 && Double.isFinite(learningRate),
        "learningRate must be a finite number > 0, got " + learningRate);
    require(momentum >= 0 && momentum < 1, "momentum must be in [0, 1), got " + momentum);
    require(weightDecay >= 0 && Double.isFinite(weightDecay),
        "weightDecay must be a finite number >= 0, got " + weightDecay);
    require(schedule != null, "schedule must be given (LearningRateSchedule.constant() for none), got null");
    require(execution != null, "execution must be given (ExecutionOptions.DEFAULT for the defaults), got null");
    require(checkpointEvery >= 1, "checkpointEvery must be >= 1 epoch, got " + checkpointEvery);
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }

  /** A builder starting from the defaults of {@link Builder}. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from this configuration. */
  public Builder toBuilder() {
    return new Builder()
        .epochs(epochs).batchSize(batchSize).optimizer(optimizer).learningRate(learningRate)
        .momentum(momentum).weightDecay(weightDecay).schedule(schedule).seed(seed).execution(execution)
        .checkpointEvery(checkpointEvery);
  }

  /** How a run of {@code model} with this configuration computes on {@code machine}: {@link #execution()} resolved. */
  public Execution resolve(Model model, Machine machine) {
    return Execution.resolve(execution, machine, model.network(), batchSize);
  }

  /** The rate fed at step {@code step} (0-based) of epoch {@code epoch} (0-based). */
  public double learningRateAt(int epoch, int step, int stepsPerEpoch) {
    return learningRate * schedule.factor(epoch, step, stepsPerEpoch);
  }

  /**
   * The fields that change what a run computes, as stable text: batch size, optimizer, base rate,
   * momentum (only for the optimizers that use it), weight decay, schedule, seed and the requested execution
   * (forms, threads and towers change the last bits; deterministic mode changes more). Left out on purpose:
   * {@code epochs} (it only says where to stop, so a finished run can be extended; a cosine schedule carries its
   * own horizon) and {@code checkpointEvery}.
   */
  public String canonical() {
    StringBuilder s = new StringBuilder(CANONICAL_VERSION);
    s.append(";batchSize=").append(batchSize);
    s.append(";optimizer=").append(optimizer.name().toLowerCase(java.util.Locale.ROOT));
    s.append(";learningRate=").append(learningRate);
    if (optimizer.usesMomentum()) {
      s.append(";momentum=").append(momentum);
    }
    s.append(";weightDecay=").append(weightDecay);
    s.append(";schedule=").append(schedule.canonical());
    s.append(";seed=").append(seed);
    s.append(";execution=").append(execution.canonical());
    return s.toString();
  }

  /** SHA-256 (hex) of {@link #canonical()}. */
  public String hash() {
    return sha256(canonical());
  }

  /**
   * SHA-256 (hex) of the configuration together with the caller's {@code identity} (model configuration,
   * data set name, subset size...): the key a checkpoint must match to be resumed.
   */
  public String runHash(String identity) {
    return sha256(canonicalRun(identity));
  }

  /** The text {@link #runHash(String)} hashes. */
  public String canonicalRun(String identity) {
    if (identity == null) {
      throw new IllegalArgumentException("run identity must be given (model config + data set), got null");
    }
    return canonical() + ";identity=" + identity;
  }

  static String sha256(String text) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /**
   * Mutable builder; each setter sets the field of the same name, {@link #build()} validates. Defaults (the
   * {@code DEFAULT_*} constants) are the textbook's LeNet run: 10 epochs, batch 256, SGD at 0.9, constant
   * rate, no weight decay, seed 42, the default execution (automatic forms and towers, every core), checkpoint
   * every epoch.
   */
  public static final class Builder {
    private int epochs = DEFAULT_EPOCHS;
    private int batchSize = DEFAULT_BATCH_SIZE;
    private OptimizerKind optimizer = OptimizerKind.parse(DEFAULT_OPTIMIZER);
    private double learningRate = DEFAULT_LEARNING_RATE;
    private double momentum = DEFAULT_MOMENTUM;
    private double weightDecay = DEFAULT_WEIGHT_DECAY;
    private LearningRateSchedule schedule = ScheduleSyntax.parse(DEFAULT_SCHEDULE, DEFAULT_EPOCHS);
    private long seed = DEFAULT_SEED;
    private ExecutionOptions execution = ExecutionOptions.DEFAULT;
    private int checkpointEvery = DEFAULT_CHECKPOINT_EVERY;

    private Builder() {}

    public Builder epochs(int v) {
      epochs = v;
      return this;
    }

    public Builder batchSize(int v) {
      batchSize = v;
      return this;
    }

    public Builder optimizer(OptimizerKind v) {
      optimizer = v;
      return this;
    }

    public Builder learningRate(double v) {
      learningRate = v;
      return this;
    }

    public Builder momentum(double v) {
      momentum = v;
      return this;
    }

    public Builder weightDecay(double v) {
      weightDecay = v;
      return this;
    }

    public Builder schedule(LearningRateSchedule v) {
      schedule = v;
      return this;
    }

    public Builder seed(long v) {
      seed = v;
      return this;
    }

    public Builder execution(ExecutionOptions v) {
      execution = v;
      return this;
    }

    /** TensorFlow threads; 0 (the default) means every core of the machine that runs. */
    public Builder threads(int v) {
      execution = execution.withThreads(v);
      return this;
    }

    /** Towers a batch is split into; 0 (the default) chooses automatically. */
    public Builder towers(int v) {
      execution = execution.withTowers(v);
      return this;
    }

    public Builder deterministic(boolean v) {
      execution = execution.withDeterministic(v);
      return this;
    }

    public Builder convForm(ConvFormChoice v) {
      execution = execution.withConvForm(v);
      return this;
    }

    public Builder checkpointEvery(int v) {
      checkpointEvery = v;
      return this;
    }

    public TrainConfig build() {
      return new TrainConfig(epochs, batchSize, optimizer, learningRate, momentum, weightDecay, schedule,
          seed, execution, checkpointEvery);
    }
  }
}
