package io.cnnlab.training.tensorboard;

import com.google.protobuf.ByteString;
import io.cnnlab.runs.FeatureMaps;
import io.cnnlab.runs.RunFolder;
import io.cnnlab.training.EpochMetrics;
import io.cnnlab.training.LiveModel;
import io.cnnlab.training.LiveModel.NamedArray;
import io.cnnlab.training.TrainListener;
import io.cnnlab.training.TrainResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.tensorflow.proto.Event;
import org.tensorflow.proto.Summary;

/**
 * A run's TensorBoard event files, written into one folder ({@code tensorboard/} of a run folder, so that
 * {@code tensorboard --logdir reports} lists a sweep's runs as {@code <experiment>/<variant>-seed<k>/tensorboard}).
 *
 * <p>The files are TensorFlow's own {@code Event} protos in TFRecord framing, written from Java rather than by
 * TensorFlow's summary ops: the scalars are numbers the trainer already holds, so nothing joins the training graph
 * or its session runs, and between two points a step costs this listener one comparison.
 *
 * <p>Tags, and the step each is written at:
 * <ul>
 *   <li>{@code step/loss}, {@code step/accuracy}, {@code step/images_per_second}, {@code step/learning_rate}: every
 *       {@code every} steps and at each epoch's last step, at the global step ({@code (epoch - 1) * stepsPerEpoch +
 *       step}); loss, accuracy and rate are over the steps since the previous point, the rate by wall-clock time;
 *   <li>{@code epoch/train_loss}, {@code epoch/train_accuracy}, {@code epoch/test_loss}, {@code epoch/test_accuracy},
 *       {@code epoch/learning_rate}, {@code epoch/images_per_second} and {@code epoch/seconds/<part>} (data_wait,
 *       feed, step, eval, checkpoint, wall): per epoch, at the epoch's number, as in {@code metrics.csv};
 *   <li>{@code weights/<variable>} and {@code gradients/<variable>}: histograms per epoch, at its number (the
 *       gradients on a fixed batch, see {@link LiveModel#gradients()}, for epochs long enough to afford them:
 *       {@link #GRADIENTS_FROM_EPOCH_SECONDS});
 *   <li>{@code kernels/<first kernel>}: the first convolution's filters at the end, at the last epoch;
 *   <li>{@code features/<nn>-<layer>/image/<k>}: the feature maps the run computed for its report ({@link
 *       #onFeatureMaps}), of the first {@value #FEATURE_IMAGES} images, the input and every spatial layer, at the
 *       last epoch (where a {@code TrainingJob} runs the trainer: the library's trainer alone computes none);
 *   <li>the training graph, once.
 * </ul>
 * A resumed run continues the steps of the epochs its checkpoint restored ({@link ResumedEvents}). Without a
 * {@link LiveModel} (a simulated run) only the scalars are written.
 */
public final class TensorBoardWriter implements TrainListener {
  /** Steps between two points of the {@code step/} scalars. */
  public static final int DEFAULT_EVERY = 20;

  /** Tags on the global step axis start with this; every other tag is on the epoch axis. */
  static final String STEP_PREFIX = "step/";

  /** Test images whose feature maps are shown. */
  static final int FEATURE_IMAGES = 3;

  /**
   * Gradient histograms are written for epochs that took at least this long: reading the gradients runs a pass of
   * its own, whose first run in a process costs a large share of a short epoch (a LeNet's), little of a long one.
   */
  public static final double GRADIENTS_FROM_EPOCH_SECONDS = 60;

  private final Path dir;
  private final int every;
  private final double gradientsFromSeconds;
  private List<NamedArray> lastWeights = List.of();
  private long finishedEpoch;
  private EventFile file;
  private LiveModel model;
  private int stepsPerEpoch;
  private int windowEpoch;
  private long windowSamples;
  private double windowLoss;
  private double windowCorrect;
  private long windowNanos;

  /**
   * Writes into {@code dir} with a point of the step scalars every {@link #DEFAULT_EVERY} steps and gradient
   * histograms for epochs of at least {@link #GRADIENTS_FROM_EPOCH_SECONDS}.
   */
  public TensorBoardWriter(Path dir) {
    this(dir, DEFAULT_EVERY, GRADIENTS_FROM_EPOCH_SECONDS);
  }

  /**
   * @param dir the folder of the event files, created if needed
   * @param every steps between two points of the step scalars (>= 1)
   * @param gradientsFromSeconds write gradient histograms for epochs that took at least this many seconds (0: all)
   */
  public TensorBoardWriter(Path dir, int every, double gradientsFromSeconds) {
    if (every < 1) {
      throw new IllegalArgumentException("TensorBoard's step scalars need every >= 1 steps, got " + every);
    }
    this.dir = dir;
    this.every = every;
    this.gradientsFromSeconds = gradientsFromSeconds;
  }

  /** Writes into the {@code tensorboard/} folder of the run folder {@code runDir} ({@link RunFolder}). */
  public static TensorBoardWriter inRun(Path runDir) {
    return new TensorBoardWriter(new RunFolder(runDir).tensorboard());
  }

  /** The folder of the event files. */
  public Path dir() {
    return dir;
  }

  @Override
  public void onStart(RunStart start) {
    stepsPerEpoch = start.stepsPerEpoch();
    model = start.model();
    long restored = start.firstEpoch() - 1L;
    boolean graphKept = ResumedEvents.keep(dir, restored, restored * stepsPerEpoch);
    if (start.firstEpoch() > start.epochs()) {
      return; // nothing trains: the files stay as the finished run left them
    }
    file = EventFile.create(dir, now());
    if (model != null && !graphKept) {
      file.write(Event.newBuilder().setWallTime(now()).setGraphDef(ByteString.copyFrom(model.graphDef())).build());
    }
    file.flush();
  }

  @Override
  public void onStep(StepProgress p) {
    if (file == null || (p.step() % every != 0 && p.step() != p.stepsPerEpoch())) {
      return;
    }
    if (p.epoch() != windowEpoch) {
      windowEpoch = p.epoch();
      windowSamples = 0;
      windowLoss = 0;
      windowCorrect = 0;
      windowNanos = 0;
    }
    double loss = p.meanLoss() * p.samples();
    double correct = p.accuracy() * p.samples();
    long samples = p.samples() - windowSamples;
    double seconds = (p.epochNanos() - windowNanos) / 1e9;
    write((long) (p.epoch() - 1) * stepsPerEpoch + p.step(), List.of(
        Summaries.scalar("step/loss", (loss - windowLoss) / samples),
        Summaries.scalar("step/accuracy", (correct - windowCorrect) / samples),
        Summaries.scalar("step/images_per_second", seconds > 0 ? samples / seconds : 0),
        Summaries.scalar("step/learning_rate", p.learningRate())));
    file.flush();
    windowSamples = p.samples();
    windowLoss = loss;
    windowCorrect = correct;
    windowNanos = p.epochNanos();
  }

  @Override
  public void onEpochEnd(EpochMetrics m) {
    if (file == null) {
      return;
    }
    EpochMetrics.Timing t = m.timing();
    write(m.epoch(), List.of(
        Summaries.scalar("epoch/train_loss", m.train().loss()),
        Summaries.scalar("epoch/train_accuracy", m.train().accuracy()),
        Summaries.scalar("epoch/test_loss", m.test().loss()),
        Summaries.scalar("epoch/test_accuracy", m.test().accuracy()),
        Summaries.scalar("epoch/learning_rate", m.learningRate()),
        Summaries.scalar("epoch/images_per_second", t.examplesPerSecond()),
        Summaries.scalar("epoch/seconds/data_wait", t.dataWaitSeconds()),
        Summaries.scalar("epoch/seconds/feed", t.feedSeconds()),
        Summaries.scalar("epoch/seconds/step", t.stepSeconds()),
        Summaries.scalar("epoch/seconds/eval", t.evalSeconds()),
        Summaries.scalar("epoch/seconds/checkpoint", t.checkpointSeconds()),
        Summaries.scalar("epoch/seconds/wall", t.wallSeconds())));
    if (model != null) {
      Summary.Builder histograms = Summary.newBuilder();
      lastWeights = model.weights();
      lastWeights.forEach(w -> histograms.addValue(Summaries.histogram("weights/" + w.name(), w.values())));
      if (t.wallSeconds() >= gradientsFromSeconds) {
        model.gradients().forEach(g -> histograms.addValue(Summaries.histogram("gradients/" + g.name(), g.values())));
      }
      file.write(Event.newBuilder().setWallTime(now()).setStep(m.epoch()).setSummary(histograms).build());
    }
    file.flush();
  }

  @Override
  public void onFinish(TrainResult result) {
    if (file == null) {
      return;
    }
    try {
      finishedEpoch = result.last().epoch();
      kernels();
    } finally {
      file.close();
      file = null;
    }
  }

  @Override
  public void onFailure(Exception cause) {
    if (file != null) {
      file.close(); // what was written stays: the run may resume
      file = null;
    }
  }

  /**
   * The feature maps of the first {@value #FEATURE_IMAGES} images, the input and every layer, into an event file
   * of their own (the run's is closed by then); nothing when no epoch was trained in this process.
   */
  @Override
  public void onFeatureMaps(FeatureMaps maps) {
    if (finishedEpoch == 0) {
      return;
    }
    Summary.Builder images = Summary.newBuilder();
    List<FeatureMaps.Example> examples = maps.examples();
    for (int k = 0; k < Math.min(FEATURE_IMAGES, examples.size()); k++) {
      FeatureMaps.Example e = examples.get(k);
      List<FeatureMaps.Layer> layers = new ArrayList<>();
      layers.add(new FeatureMaps.Layer("input", e.height(), e.width(), e.channels(), e.pixels()));
      layers.addAll(e.layers());
      for (int i = 0; i < layers.size(); i++) {
        FeatureMaps.Layer l = layers.get(i);
        Mosaics.Png png = Mosaics.featureMap(new long[] {1, l.height(), l.width(), l.channels()}, l.values(), 0,
            i == 0);
        String tag = String.format(Locale.ROOT, "features/%02d-%s/image/%d", i, l.name(), k);
        images.addValue(Summaries.image(tag, png.width(), png.height(), png.channels(), png.bytes()));
      }
    }
    try (EventFile end = EventFile.create(dir, now())) {
      end.write(Event.newBuilder().setWallTime(now()).setStep(finishedEpoch).setSummary(images).build());
    }
  }

  /** The first convolution's filters, from the last epoch's weights (unchanged since). */
  private void kernels() {
    for (NamedArray w : lastWeights) {
      if (w.shape().length == 4) {
        Mosaics.Png png = Mosaics.kernels(w.shape(), w.values());
        file.write(Event.newBuilder().setWallTime(now()).setStep(finishedEpoch).setSummary(Summary.newBuilder()
            .addValue(Summaries.image("kernels/" + w.name(), png.width(), png.height(), png.channels(), png.bytes())))
            .build());
        return;
      }
    }
  }

  private void write(long step, List<Summary.Value> values) {
    file.write(Event.newBuilder().setWallTime(now()).setStep(step)
        .setSummary(Summary.newBuilder().addAllValue(values)).build());
  }

  private static double now() {
    return System.currentTimeMillis() / 1e3;
  }
}
