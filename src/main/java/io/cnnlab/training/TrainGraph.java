package io.cnnlab.training;

import io.cnnlab.graph.Execution;
import io.cnnlab.graph.Lowering;
import io.cnnlab.graph.ModelOutputs;
import io.cnnlab.models.Model;
import io.cnnlab.nn.BatchChunks;
import io.cnnlab.nn.Losses;
import io.cnnlab.nn.StepSeed;
import io.cnnlab.training.checkpoint.VariableSaver;
import io.cnnlab.training.optim.GradientOptimizer;
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
 *
 * <p>The model is lowered in the forms of the run's {@link Execution}, once per tower ({@link Towers}).
 */
public final class TrainGraph {
  private final Model model;
  private final Execution execution;
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
  private final List<Operand<TFloat32>> gradients;
  private final Op trainStep;
  private final VariableSaver saver;

  private TrainGraph(Graph graph, Model model, TrainConfig config, Execution execution) {
    this.model = model;
    this.execution = execution;
    Ops tf = Ops.create(graph);
    images = tf.withName("images").placeholder(TFloat32.class, Placeholder.shape(
        Shape.of(-1, model.inputHeight(), model.inputWidth(), model.inputChannels())));
    labels = tf.withName("labels").placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
    training = tf.withName("training").placeholder(TBool.class, Placeholder.shape(Shape.scalar()));
    learningRate = tf.withName("learning_rate").placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));

    globalStep = tf.withName("global_step").variable(tf.withInitScope().constant(0L));
    StepSeed random = StepSeed.of(config.seed(), globalStep);

    var before = new HashSet<>(TrainableVariables.variableNames(graph));
    outputs = execution.towers() == 1 ? Lowering.build(tf, model, execution, images, training, random)
        : buildTowers(tf, random);
    loss = tf.withName("loss").identity(
        Losses.softmaxCrossEntropy(tf, outputs.logits(), labels, model.classes()));
    objective = withWeightDecay(tf, loss, outputs.decayedWeights(), config.weightDecay());
    trainable = TrainableVariables.find(graph, before, outputs.trainingUpdates(), objective);
    correct = tf.withName("correct").identity(Losses.correctCount(tf, outputs.logits(), labels));
    predictions = tf.withName("predictions").identity(Losses.predictions(tf, outputs.logits()));

    GradientOptimizer.Minimized minimized =
        config.optimizer().create(config.momentum()).minimizeWithGradients(tf, objective, trainable, learningRate);
    gradients = minimized.gradients();
    List<Op> all = new ArrayList<>(outputs.trainingUpdates());
    all.add(minimized.step());
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
  private ModelOutputs buildTowers(Ops tf, StepSeed random) {
    int towers = execution.towers();
    Ops split = tf.withSubScope("towers");
    List<Operand<TFloat32>> slices = BatchChunks.split(split, images, towers);
    List<Operand<TFloat32>> rowWeights = Towers.rowWeights(split, images, towers);
    List<ModelOutputs> built = Lowering.build(tf, model.network(), execution, slices, rowWeights, training, random);
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
   * Builds the training graph of {@code model} into {@code graph}, with the optimizer, weight decay and seed of
   * {@code config}, in the forms and towers of {@code execution} (resolved from {@code config.execution()}).
   *
   * @throws IllegalArgumentException when the execution was resolved for another request than the config's
   */
  public static TrainGraph build(Graph graph, Model model, TrainConfig config, Execution execution) {
    if (model.classes() < 2) {
      throw new IllegalArgumentException("model " + model.name() + " must have >= 2 classes, got " + model.classes());
    }
    if (!execution.requested().equals(config.execution())) {
      throw new IllegalArgumentException("the execution was resolved for " + execution.requested().canonical()
          + ", the configuration asks for " + config.execution().canonical());
    }
    return new TrainGraph(graph, model, config, execution);
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

  /** How the graph computes: its forms, towers and threads (the session's: {@link Execution#sessionConfig()}). */
  public Execution execution() {
    return execution;
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

  /**
   * The gradient of {@link #objective()} with respect to each of {@link #trainable()}, in the same order: what the
   * training step applies. Fetched without the step (on a batch fed with the training flag) they change nothing.
   */
  public List<Operand<TFloat32>> gradients() {
    return gradients;
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
