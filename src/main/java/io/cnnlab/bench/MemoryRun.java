package io.cnnlab.bench;

import io.cnnlab.data.DatasetId;
import io.cnnlab.experiments.TrainingJob;
import io.cnnlab.models.ModelSettings;
import io.cnnlab.training.EpochMetrics;
import io.cnnlab.training.TrainConfig;
import io.cnnlab.training.TrainListener;
import io.cnnlab.training.TrainResult;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * What the memory benchmark's child process runs, printing one {@code kind=rss at=... rss_kb=... peak_kb=...}
 * line per epoch or block of steps and a final {@code kind=done wall_s=...} line ({@link MemoryBench} reads
 * them). A child of its own, so the peak resident set is this run's alone.
 */
public final class MemoryRun {
  private MemoryRun() {}

  /** Trains the textbook LeNet on Fashion-MNIST as {@code cnnlab train} does by default, in the bench's forms. */
  public static void lenetEpochs(Path dataRoot, int epochs, BenchExecution execution, PrintStream out)
      throws IOException {
    TrainConfig config = TrainConfig.builder().epochs(epochs).execution(execution.options(0, 0)).build();
    train(new TrainingJob(ModelSettings.of("lenet"), DatasetId.FASHION_MNIST, dataRoot, 0, 0, config, 2), execution,
        out);
  }

  /** Trains the 1/256-budget AlexNet on Fashion-MNIST (lr 0.01, batch 128, as the README's example). */
  public static void alexnetBudget(Path dataRoot, int epochs, int trainLimit, BenchExecution execution,
      PrintStream out) throws IOException {
    ModelSettings settings = new ModelSettings("alexnet", null, null, null, null, null, null, null, "1/256", null, null);
    TrainConfig config = TrainConfig.builder().epochs(epochs).batchSize(128).learningRate(0.01)
        .execution(execution.options(0, 0)).build();
    train(new TrainingJob(settings, DatasetId.FASHION_MNIST, dataRoot, trainLimit, 0, config, 2), execution, out);
  }

  /**
   * {@code steps} training steps of the textbook LeNet at batch {@code batch} on random data, sampling every
   * {@code every} steps after a full garbage collection. Without it, the resident set grows by the young
   * generation being touched for the first time (TensorFlow Java leaves ~6 KB of Java garbage per step; with
   * a 4 GB heap the first collection may come only after tens of thousands of steps), which hides what is
   * measured here: native memory. Collected, the heap's share is small and steady, and growth is native.
   */
  public static void lenetSteps(int steps, int batch, int every, BenchExecution execution, PrintStream out) {
    if (steps < 1 || every < 1 || batch < 1) {
      throw new IllegalArgumentException("steps, batch and sampling interval must be >= 1");
    }
    long start = System.nanoTime();
    try (StepBench bench = new StepBench(BenchModel.LENET_TEXTBOOK.build(), 1, execution)) {
      StepVariant trainer = StepVariant.trainer(io.cnnlab.tf.Sessions.defaultThreads());
      for (int done = 0; done < steps; ) {
        int n = Math.min(every, steps - done);
        bench.trainSeconds(trainer, batch, n);
        done += n;
        System.gc();
        rss(out, done);
      }
    }
    out.printf(Locale.ROOT, "kind=done wall_s=%.2f%n", (System.nanoTime() - start) / 1e9);
  }

  private static void train(TrainingJob job, BenchExecution execution, PrintStream out) throws IOException {
    Path dir = Files.createTempDirectory("cnnlab-memory-");
    long start = System.nanoTime();
    try {
      TrainResult result = job.run(job.execution(execution.machine()), dir, java.util.List.of(new TrainListener() {
        @Override
        public void onEpochEnd(EpochMetrics m) {
          ProcStatus s = ProcStatus.read();
          out.printf(Locale.ROOT, "kind=rss at=%d rss_kb=%d peak_kb=%d %s epoch_s=%.2f wait_s=%.3f img_per_s=%.0f"
                  + " test_acc=%.4f%n", m.epoch(), s.rssKb(), s.peakKb(), heap(), m.timing().wallSeconds(),
              m.timing().dataWaitSeconds(), m.timing().examplesPerSecond(), m.test().accuracy());
        }
      }), null);
      out.printf(Locale.ROOT, "kind=done wall_s=%.2f test_acc=%.4f%n", (System.nanoTime() - start) / 1e9,
          result.last().test().accuracy());
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  /** The Java heap now: {@code heap_used_kb=... heap_committed_kb=...}. */
  private static String heap() {
    Runtime r = Runtime.getRuntime();
    return "heap_used_kb=" + (r.totalMemory() - r.freeMemory()) / 1024 + " heap_committed_kb=" + r.totalMemory() / 1024;
  }

  private static void rss(PrintStream out, long at) {
    ProcStatus s = ProcStatus.read();
    out.printf(Locale.ROOT, "kind=rss at=%d rss_kb=%d peak_kb=%d %s%n", at, s.rssKb(), s.peakKb(), heap());
    out.flush();
  }
}
