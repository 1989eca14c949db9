package io.cnnlab.training;

import io.cnnlab.data.loading.Batch;
import io.cnnlab.data.loading.BatchSource;
import io.cnnlab.data.loading.BatchStream;
import io.cnnlab.graph.Execution;
import io.cnnlab.graph.Machine;
import io.cnnlab.models.Model;
import io.cnnlab.runs.PredictionsColumns;
import io.cnnlab.runs.RunFolder;
import io.cnnlab.tf.Graphs;
import io.cnnlab.tf.Sessions;
import io.cnnlab.tf.Tensors;
import io.cnnlab.training.checkpoint.CheckpointDamagedException;
import io.cnnlab.training.checkpoint.CheckpointStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Trains a model epoch by epoch, evaluating, checkpointing and reporting after each.
 *
 * <p>Files in the output directory (named by {@link RunFolder}): {@code checkpoint/} (see {@link
 * CheckpointStore}) and, at the end, {@code predictions.csv} ({@link PredictionsColumns}). Metrics files are the listeners' business (see
 * {@link CsvMetricsWriter}). A run started again on the same directory with the same configuration and
 * identity resumes after the last checkpointed epoch; a different one is refused.
 */
public final class Trainer {

  private final Model model;
  private final TrainConfig config;
  private final String identity;

  /**
   * @param model the network to train
   * @param config optimizer, schedule, seed and the rest
   * @param identity what else makes the run what it is (model configuration, data set name, subset size);
   *     part of the checkpoint's hash, so a checkpoint is never resumed on other data or another model
   */
  public Trainer(Model model, TrainConfig config, String identity) {
    if (model == null || config == null || identity == null) {
      throw new IllegalArgumentException("model, config and identity must all be given");
    }
    this.model = model;
    this.config = config;
    this.identity = identity;
  }

  /** The hash a checkpoint of this run carries. */
  public String runHash() {
    return config.runHash(identity);
  }

  /** How this run computes on {@code machine}: the configuration's request resolved for the model's network. */
  public Execution execution(Machine machine) {
    return config.resolve(model, machine);
  }

  /** As {@link #train(Execution, BatchSource, BatchSource, Path, List)} on this process's machine. */
  public TrainResult train(BatchSource trainData, BatchSource testData, Path outDir, List<TrainListener> listeners) {
    return train(execution(Machine.detect()), trainData, testData, outDir, listeners);
  }

  /**
   * Trains up to {@code config.epochs()} epochs in the forms of {@code execution}, resuming from
   * {@code outDir/checkpoint} if it holds a checkpoint of this run.
   *
   * @param execution this run's execution ({@link #execution(Machine)})
   * @throws CheckpointMismatchException if the checkpoint was made for another configuration or identity
   * @throws CheckpointDamagedException if the checkpoint's files are missing or unreadable (nothing is deleted)
   * @throws NonFiniteLossException if the training loss becomes NaN or infinite (files already written stay)
   */
  public TrainResult train(Execution execution, BatchSource trainData, BatchSource testData, Path outDir,
      List<TrainListener> listeners) {
    try {
      Files.createDirectories(outDir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create output directory " + outDir, e);
    }
    String hash = config.runHash(identity);
    String canonical = config.canonicalRun(identity);
    CheckpointStore store = new CheckpointStore(new RunFolder(outDir).checkpoint());
    Optional<CheckpointStore.State> restored = store.load();
    restored.ifPresent(s -> store.requireSameRun(s, hash, canonical));

    try (Graph graph = Graphs.create()) {
      TrainGraph g = TrainGraph.build(graph, model, config, execution);
      try (Session session = Sessions.open(graph, execution.sessionConfig());
          TBool trainFlag = TBool.scalarOf(true);
          TBool evalFlag = TBool.scalarOf(false)) {
        List<EpochMetrics> history = new ArrayList<>();
        if (restored.isPresent()) {
          restore(g, session, restored.get(), store);
          history.addAll(restored.get().history());
        } else {
          session.initialize();
        }
        int resumedAfter = history.size();
        var start = new TrainListener.RunStart(config.epochs(), resumedAfter + 1, trainData.batchesPerEpoch(),
            trainData.samplesPerEpoch(), history, new LiveModel(graph, session, g, trainData));
        try {
          listeners.forEach(l -> l.onStart(start));
          Evaluation last = null;
          for (int epoch = resumedAfter + 1; epoch <= config.epochs(); epoch++) {
            EpochRun run = new EpochRun(session, g, trainFlag, listeners);
            TrainedPass trained = run.train(trainData, epoch);
            long t0 = System.nanoTime();
            last = Evaluation.run(session, g, testData, evalFlag, epoch == config.epochs());
            EpochMetrics m = run.finish(epoch, trained, last, (System.nanoTime() - t0) / 1e9);
            if (epoch % config.checkpointEvery() == 0 || epoch == config.epochs()) {
              m = store.save(session, g.saver(), hash, canonical, history, m);
            }
            history.add(m);
            EpochMetrics done = m;
            listeners.forEach(l -> l.onEpochEnd(done));
          }
          if (last == null) { // every epoch was done before: predict with the restored weights
            last = Evaluation.run(session, g, testData, evalFlag, true);
          }
          Path predictions = new RunFolder(outDir).predictions();
          last.writePredictions(predictions);
          TrainResult result = new TrainResult(history, resumedAfter, outDir, predictions, hash, execution);
          listeners.forEach(l -> l.onFinish(result));
          return result;
        } catch (RuntimeException e) {
          listeners.forEach(l -> l.onFailure(e));
          throw e;
        }
      }
    }
  }

  /**
   * Reads the checkpoint's variables into {@code session}. A format-1 checkpoint predates the global step:
   * it restores without it, so the step starts again at 0 (exact for runs without dropout, whose steps draw
   * nothing; with dropout such a run was not resume-exact before either).
   *
   * @throws CheckpointDamagedException naming the variable files when TensorFlow cannot read them into this
   *     graph (truncated files, a missing variable, another shape)
   */
  private void restore(TrainGraph g, Session session, CheckpointStore.State state, CheckpointStore store) {
    Set<String> absent = state.holdsGlobalStep() ? Set.of() : Set.of(g.globalStep().op().name());
    try {
      g.saver().restore(session, state.variablesPrefix().toString(), absent);
    } catch (RuntimeException e) { // TensorFlow reports unreadable files and missing keys as various unchecked types
      throw new CheckpointDamagedException(state.variablesPrefix(), "(the variables after epoch "
          + state.epochsCompleted() + ") cannot be restored into " + model.name() + "'s training graph; expected "
          + "the variables " + g.saver().names() + " (" + e.getMessage() + ")", store.dir(), e);
    }
  }

  /** One epoch's training pass, timed part by part. */
  private final class EpochRun {
    private final Session session;
    private final TrainGraph g;
    private final TBool trainFlag;
    private final List<TrainListener> listeners;
    private final long startNanos = System.nanoTime();

    EpochRun(Session session, TrainGraph g, TBool trainFlag, List<TrainListener> listeners) {
      this.session = session;
      this.g = g;
      this.trainFlag = trainFlag;
      this.listeners = listeners;
    }

    /** Trains epoch {@code epoch} (1-based). */
    TrainedPass train(BatchSource data, int epoch) {
      long feedNanos = 0;
      long stepNanos = 0;
      double lossSum = 0;
      double correctSum = 0;
      long samples = 0;
      double learningRate = 0;
      long waitNanos;
      try (BatchStream stream = data.epoch(epoch - 1)) {
        int steps = stream.batchCount();
        long waitBefore = stream.waitNanos();
        int step = 0;
        while (stream.hasNext()) {
          Batch b = stream.next();
          checkBatch(b, model, config.batchSize(), "training");
          if (step >= steps) {
            throw new IllegalStateException("the training source yielded more batches in epoch " + epoch
                + " than the " + steps + " its stream announced");
          }
          learningRate = config.learningRateAt(epoch - 1, step, steps);
          long t0 = System.nanoTime();
          try (TFloat32 x = Tensors.floats(b.images(), b.shape());
              TInt32 y = Tensors.ints(b.labels(), b.size());
              TFloat32 learningRateFed = TFloat32.scalarOf((float) learningRate)) {
            long t1 = System.nanoTime();
            feedNanos += t1 - t0;
            float loss;
            float correct;
            try (Result r = session.runner().feed(g.images(), x).feed(g.labels(), y)
                .feed(g.training(), trainFlag).feed(g.learningRate(), learningRateFed)
                .addTarget(g.trainStep()).fetch(g.loss()).fetch(g.correct()).run()) {
              loss = Tensors.scalar(r.get(0));
              correct = Tensors.scalar(r.get(1));
            }
            stepNanos += System.nanoTime() - t1;
            step++;
            if (!Float.isFinite(loss)) {
              throw new NonFiniteLossException(epoch, step, learningRate, loss);
            }
            lossSum += (double) loss * b.size();
            correctSum += correct;
            samples += b.size();
          }
          var progress = new TrainListener.StepProgress(epoch, config.epochs(), step, steps,
              samples, System.nanoTime() - startNanos, lossSum / samples, correctSum / samples, learningRate);
          listeners.forEach(l -> l.onStep(progress));
        }
        waitNanos = stream.waitNanos() - waitBefore;
      }
      if (samples == 0) {
        throw new IllegalStateException("the training source yielded no samples in epoch " + epoch);
      }
      double timed = (feedNanos + stepNanos) / 1e9;
      return new TrainedPass(new EpochMetrics.Pass(lossSum / samples, correctSum / samples),
          timed > 0 ? samples / timed : Double.NaN, waitNanos / 1e9, feedNanos / 1e9, stepNanos / 1e9, learningRate);
    }

    /** Epoch {@code epoch}'s metrics: its training pass, the evaluation and its wall-clock time so far. */
    EpochMetrics finish(int epoch, TrainedPass trained, Evaluation test, double evalSeconds) {
      return new EpochMetrics(epoch, trained.pass(), new EpochMetrics.Pass(test.loss(), test.accuracy()),
          new EpochMetrics.Timing(trained.examplesPerSecond(), (System.nanoTime() - startNanos) / 1e9,
              trained.dataWaitSeconds(), trained.feedSeconds(), trained.stepSeconds(), evalSeconds, 0),
          trained.learningRate());
    }
  }

  /** An epoch's training pass and its times, before the evaluation. */
  private record TrainedPass(EpochMetrics.Pass pass, double examplesPerSecond, double dataWaitSeconds,
      double feedSeconds, double stepSeconds, double learningRate) {}

  /** Rejects a batch the model cannot take, naming what was expected. */
  static void checkBatch(Batch b, Model model, int maxSize, String which) {
    if (b.height() != model.inputHeight() || b.width() != model.inputWidth()
        || b.channels() != model.inputChannels()) {
      throw new IllegalArgumentException("a " + which + " batch holds " + b.height() + "x" + b.width() + "x"
          + b.channels() + " images but model " + model.name() + " takes " + model.inputHeight() + "x"
          + model.inputWidth() + "x" + model.inputChannels());
    }
    if (b.size() < 1 || b.size() > maxSize) {
      throw new IllegalArgumentException("a " + which + " batch holds " + b.size()
          + " samples; expected 1 to the configured batch size " + maxSize);
    }
    for (int label : b.labels()) {
      if (label < 0 || label >= model.classes()) {
        throw new IllegalArgumentException("a " + which + " batch has label " + label + " but model "
            + model.name() + " has classes 0 to " + (model.classes() - 1));
      }
    }
  }

  /**
   * Training throughput of {@code model} on random data with the optimizer, batch size and seed of
   * {@code config}, in the forms of {@code execution}: {@code batchSize * steps} divided by the summed time of
   * the training steps (after warm-up).
   */
  public static Throughput measureThroughput(Model model, TrainConfig config, Execution execution, int steps) {
    return ThroughputProbe.measure(model, config, execution, steps);
  }
}
