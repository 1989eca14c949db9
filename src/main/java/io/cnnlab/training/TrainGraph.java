package io.cnnlab.training;

import io.cnnlab.models.Model;
import io.cnnlab.models.ModelOutputs;
import io.cnnlab.nn.BatchChunks;
import io.cnnlab.nn.GraphForms;
import io.cnnlab.nn.Losses;
import io.cnnlab.nn.StepSeed;
import io.cnnlab.training.checkpoint.VariableSaver;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * The training graph of one model: the fed inputs, the loss and accuracy, the training step and a saver.
 *
 * <p>Fed every step: {@link #images()} {@code [N, H, W, C]}, {@link #labels()} {@code [N]}, the scalar
 * {@link #training()} flag and the scalar {@link #learningRate()}. One session run of {@link #trainStep()}
 * computes gradients, applies the optimizer and runs the model's own training updates (batch-norm moving
 * averages), then advances {@link #globalStep()}; fetch {@link #loss()} and {@link #correct()} in the same run.
 *
 * <p>Every random draw of a step (dropout masks) is keyed by the seed and the global step
 * ({@link StepSeed}); the step is a variable, so the checkpoint holds it and a resumed run draws on where
 * the interrupted one stopped.
 */
public final class TrainGraph {
  private final Model model;
  private final Placeholder<TFloat32> images;
  private final Placeholder<TInt32> labels;
  private final Placeholder<TBool> training;
  private final Placeholder<TFloat32> learningRate;
  private final Variable<TInt64> globalStep;
  private final ModelOutputs outputs;
  private final Operand<TFloat32> loss;
  private final Operand<TFloat32> objective;
  private final Operand<TFloat32> correct;
  private final Operand<TInt32> predictions;
  private final List<Variable<TFloat32>> trainable;
  private final Op trainStep;
  private final VariableSaver saver;
  private final int towers;

  private TrainGraph(Graph graph, Model model, TrainConfig config) {
    this.model = model;
    this.towers = Towers.resolve(model, config);
    Ops tf = Ops.create(graph);
    images = tf.withName("images").placeholder(TFloat32.class, Placeholder.shape(
        Shape.of(-1, model.inputHeight(), model.inputWidth(), model.inputChannels())));
    labels = tf.withName("labels").placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
    training = tf.withName("training").placeholder(TBool.class, Placeholder.shape(Shape.scalar()));
    learningRate = tf.withName("learning_rate").placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));

    globalStep = tf.withName("global_step").variable(tf.withInitScope().constant(0L));
    StepSeed random = StepSeed.of(config.seed(), globalStep);

    var before = new HashSet<>(TrainableVariables.variableNames(graph));
    outputs = GraphForms.buildPlainIf(config.deterministic(), () -> GraphForms.buildForBatch(
        config.batchSize() / towers, config.effectiveThreads() / towers,
        () -> towers == 1 ? model.build(tf, images, training, random) : buildTowers(graph, tf, random)));
    loss = tf.withName("loss").identity(
        Losses.softmaxCrossEntropy(tf, outputs.logits(), labels, model.classes()));
    objective = withWeightDecay(tf, loss, outputs.decayedWeights(), config.weightDecay());
    trainable = TrainableVariables.find(graph, before, outputs.trainingUpdates(), objective);
    correct = tf.withName("correct").identity(Losses.correctCount(tf, outputs.logits(), labels));
    predictions = tf.withName("predictions").identity(Losses.predictions(tf, outputs.logits()));

    Op optimizerStep =
        config.optimizer().create(config.momentum()).minimize(tf, objective, trainable, learningRate);
    List<Op> all = new ArrayList<>(outputs.trainingUpdates());
    all.add(optimizerStep);
    // After the update, so after every draw of the step: each mask reaches the gradients the update applies.
    Op advance = tf.withControlDependencies(all).withName("advance_step").assignAdd(globalStep, tf.constant(1L));
    trainStep = tf.withControlDependencies(List.of(advance)).withName("train_step").noOp();
    saver = new VariableSaver(graph);
  }

  /**
   * The model built once per slice of the batch ({@link Towers}): slice 0 at the root scope, where the
   * variables are created, the others in scopes {@code tower1}, {@code tower2}... sharing them. Logits and
   * taps are the slices' joined back in batch order, without padding rows, so the loss and its gradient are
   * the whole batch's.
   */
  private ModelOutputs buildTowers(Graph graph, Ops tf, StepSeed random) {
    Ops split = tf.withSubScope("towers");
    List<Operand<TFloat32>> slices = BatchChunks.split(split, images, towers);
    List<Operand<TFloat32>> rowWeights = Towers.rowWeights(split, images, towers);
    List<String> before = TrainableVariables.variableNames(graph);
    List<ModelOutputs> built = model.buildTowers(tf, slices, rowWeights, training, random);
    List<String> made = new ArrayList<>(TrainableVariables.variableNames(graph));
    made.removeAll(before);
    // The towers share one set of variables, made at the root by slice 0 (Initializers.variable): a variable
    // a tower made for itself would sit in its scope ("tower1/conv1_kernel") and train a model of its own.
    List<String> own = made.stream().filter(n -> n.contains("/")).toList();
    if (!own.isEmpty()) {
      throw new IllegalStateException(model.name() + " cannot be split into towers: its towers made variables "
          + "of their own " + own + " instead of sharing slice 0's");
    }
    Ops merge = tf.withSubScope("towers");
    Operand<TInt32> rows = BatchChunks.rows(merge, images);
    List<ModelOutputs.Tap> taps = new ArrayList<>();
    List<ModelOutputs.Tap> first = built.get(0).taps();
    for (int t = 0; t < first.size(); t++) {
      List<Operand<TFloat32>> parts = new ArrayList<>(towers);
      for (ModelOutputs b : built) {
        parts.add(b.taps().get(t).output());
      }
      taps.add(new ModelOutputs.Tap(first.get(t).name(), BatchChunks.join(merge, parts, rows)));
    }
    List<Operand<TFloat32>> logits = new ArrayList<>(towers);
    built.forEach(b -> logits.add(b.logits()));
    return new ModelOutputs(BatchChunks.join(merge.withSubScope("logits"), logits, rows),
        built.get(0).trainingUpdates(), taps, built.get(0).decayedWeights());
  }

  /**
   * Builds the training graph of {@code model} into {@code graph}, with the optimizer, weight decay, seed
   * and towers ({@link Towers#resolve(Model, TrainConfig)}) of {@code config}.
   */
  public static TrainGraph build(Graph graph, Model model, TrainConfig config) {
    if (model.classes() < 2 || model.inputHeight() < 1 || model.inputWidth() < 1 || model.inputChannels() < 1) {
      throw new IllegalArgumentException("model " + model.name() + " must take images of positive size and "
          + "have >= 2 classes, got " + model.inputHeight() + "x" + model.inputWidth() + "x"
          + model.inputChannels() + " and " + model.classes() + " classes");
    }
    return new TrainGraph(graph, model, config);
  }

  /** {@code loss + wd/2 * sum(w^2)} over the decayed weights ({@code l2Loss} is {@code sum(w^2)/2}). */
  static Operand<TFloat32> withWeightDecay(
      Ops tf, Operand<TFloat32> loss, List<Operand<TFloat32>> weights, double weightDecay) {
    if (weightDecay == 0 || weights.isEmpty()) {
      return loss;
    }
    List<Operand<TFloat32>> squares = new ArrayList<>();
    for (Operand<TFloat32> w : weights) {
      squares.add(tf.nn.l2Loss(w));
    }
    Operand<TFloat32> sum = squares.size() == 1 ? squares.get(0) : tf.math.addN(squares);
    return tf.withName("objective").math.add(loss, tf.math.mul(tf.constant((float) weightDecay), sum));
  }

  /** Data-parallel towers the batch is split into (1: the model is built once, on the whole batch). */
  public int towers() {
    return towers;
  }

  /**
   * The session configuration for {@code threads} threads: with towers, {@link Towers#sessionConfig}
   * runs them side by side; with one, every thread works inside each op.
   */
  public ConfigProto sessionConfig(int threads) {
    return Towers.sessionConfig(threads, towers);
  }

  /** The model the graph was built from. */
  public Model model() {
    return model;
  }

  /** Fed images {@code [N, H, W, C]}, float, NHWC. */
  public Placeholder<TFloat32> images() {
    return images;
  }

  /** Fed class indices {@code [N]}. */
  public Placeholder<TInt32> labels() {
    return labels;
  }

  /** Fed scalar: true in training steps, false in evaluation. */
  public Placeholder<TBool> training() {
    return training;
  }

  /** Fed scalar learning rate of the step; only the training step reads it. */
  public Placeholder<TFloat32> learningRate() {
    return learningRate;
  }

  /**
   * Training steps run so far (int64 scalar variable, checkpointed with the weights): the step part of the
   * key of every random draw.
   */
  public Variable<TInt64> globalStep() {
    return globalStep;
  }

  /** What the model's build returned (logits, taps, decayed weights). */
  public ModelOutputs outputs() {
    return outputs;
  }

  /** Mean cross-entropy of the batch (what is reported). */
  public Operand<TFloat32> loss() {
    return loss;
  }

  /** What the optimizer minimizes: {@link #loss()} plus the weight-decay term. */
  public Operand<TFloat32> objective() {
    return objective;
  }

  /** Correctly classified samples of the batch, as a float scalar. */
  public Operand<TFloat32> correct() {
    return correct;
  }

  /** Predicted class per sample. */
  public Operand<TInt32> predictions() {
    return predictions;
  }

  /** Variables the optimizer trains, in graph order. */
  public List<Variable<TFloat32>> trainable() {
    return List.copyOf(trainable);
  }

  /** The op to run once per training step. */
  public Op trainStep() {
    return trainStep;
  }

  /** Saves and restores every variable of the graph. */
  public VariableSaver saver() {
    return saver;
  }
}
