package io.cnnlab.bench.results;

import io.cnnlab.bench.EagerVsGraph;
import io.cnnlab.bench.GraphProfile;
import io.cnnlab.bench.MatmulPeak;
import io.cnnlab.bench.MemoryBench;
import io.cnnlab.bench.PeerRatios;
import io.cnnlab.bench.PeerResult;
import io.cnnlab.bench.RssTrace;
import io.cnnlab.bench.StepComposition;
import io.cnnlab.bench.StepVariant;
import io.cnnlab.bench.ThroughputRow;
import io.cnnlab.bench.TuneBench;
import io.cnnlab.data.loading.LoaderThroughput;
import io.cnnlab.output.TextTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The benchmark's results as tables: what is printed on the console and written as CSV. */
public final class BenchTables {
  /** Columns of {@code throughput.csv}; {@link ThroughputCsv} reads them back. */
  public static final List<String> THROUGHPUT_HEADER = List.of("model", "mode", "batch", "threads", "towers",
      "img_per_s", "min_img_per_s", "max_img_per_s", "step_ms", "steps_per_round", "rounds", "flop_per_image", "gflops",
      "peak_gflops", "peak_share");

  private BenchTables() {}

  /**
   * Throughput rows with the floating-point rate achieved and its share of the matrix-product peak measured with
   * the same thread count ({@code peaks}: threads -> peak rate; empty cells where it was not measured).
   */
  public static TextTable throughput(List<ThroughputRow> rows, Map<Integer, Double> peaks) {
    List<List<String>> cells = new ArrayList<>();
    for (ThroughputRow r : rows) {
      Double peak = peaks.get(r.threads());
      cells.add(List.of(r.model(), r.mode().label(), Integer.toString(r.batch()), Integer.toString(r.threads()),
          Integer.toString(r.towers()), f0(r.imagesPerSecond().median()), f0(r.imagesPerSecond().min()), f0(r.imagesPerSecond().max()),
          f2(r.medianStepMillis()), Integer.toString(r.stepsPerRound()), Integer.toString(r.imagesPerSecond().count()),
          f0(r.flopsPerImage()), f2(r.gflops()), peak == null ? "" : f1(peak),
          peak == null ? "" : f3(r.gflops() / peak)));
    }
    return new TextTable("Training and inference throughput (random data, trainer's step)", THROUGHPUT_HEADER,
        cells);
  }

  /** Peak measurements; {@code when.get(i)} says when {@code peaks.get(i)} was taken (before, after...). */
  public static TextTable peaks(List<String> when, List<MatmulPeak.Result> peaks) {
    List<List<String>> cells = new ArrayList<>();
    for (int i = 0; i < peaks.size(); i++) {
      MatmulPeak.Result p = peaks.get(i);
      cells.add(List.of(when.get(i), Integer.toString(p.size()), Integer.toString(p.threads()),
          f1(p.gflops().median()), f1(p.gflops().min()), f1(p.gflops().max()), Integer.toString(p.gflops().count())));
    }
    return new TextTable("Practical peak: float32 matrix product in TensorFlow",
        List.of("when", "size", "threads", "gflops", "min_gflops", "max_gflops", "repeats"), cells);
  }

  public static TextTable steps(List<StepComposition.Parts> parts) {
    List<List<String>> cells = new ArrayList<>();
    for (StepComposition.Parts p : parts) {
      cells.add(List.of(Integer.toString(p.threads()), Integer.toString(p.workers()), Integer.toString(p.steps()),
          f3(p.waitMs()), f3(p.feedMs()), f3(p.runMs()), f3(p.fetchMs()), f3(p.totalMs()), f2(100 * p.waitShare()),
          f2(p.epochSeconds()), f0(p.imagesPerSecond())));
    }
    return new TextTable("Step composition, textbook LeNet on Fashion-MNIST (ms per step)",
        List.of("threads", "workers", "steps", "wait_ms", "feed_ms", "run_ms", "fetch_ms", "total_ms",
            "wait_percent", "epoch_s", "img_per_s"), cells);
  }

  public static TextTable eager(List<EagerVsGraph.Comparison> rows) {
    List<List<String>> cells = new ArrayList<>();
    for (EagerVsGraph.Comparison c : rows) {
      cells.add(List.of(Integer.toString(c.batch()), Integer.toString(c.threads()), f0(c.eager().median()),
          f0(c.graph().median()), f2(c.speedup()), String.format(Locale.ROOT, "%.2e", c.maxDifference())));
    }
    return new TextTable("LeNet forward pass: eager (op by op) vs graph",
        List.of("batch", "threads", "eager_img_per_s", "graph_img_per_s", "graph_over_eager", "max_logit_diff"),
        cells);
  }

  public static TextTable peers(List<PeerRatios.Ratio> ratios, List<PeerResult> unavailable) {
    List<List<String>> cells = new ArrayList<>();
    for (PeerRatios.Ratio r : ratios) {
      cells.add(List.of(r.model(), r.mode().label(), Integer.toString(r.batch()), Integer.toString(r.threads()),
          r.peer(), f0(r.cnnlab()), f0(r.peerRate()), f2(r.ratio()), r.hasTarget() ? f1(r.target()) : "",
          r.hasTarget() ? (r.meetsTarget() ? "met" : "missed") : ""));
    }
    for (PeerResult p : unavailable) {
      cells.add(List.of("-", "", "", "", p.peer(), "", "", "", "", "unavailable: " + p.unavailableReason()));
    }
    return new TextTable("cnnlab / peer throughput, same run, same malloc setting",
        List.of("model", "mode", "batch", "threads", "peer", "cnnlab_img_per_s", "peer_img_per_s", "ratio",
            "target", "verdict"), cells);
  }

  public static TextTable rss(String run, RssTrace trace, String unit) {
    List<List<String>> cells = new ArrayList<>();
    for (RssTrace.Sample s : trace.samples()) {
      cells.add(List.of(run, Long.toString(s.at()), f1(s.rssKb() / 1024.0), f1(s.peakKb() / 1024.0),
          f1(s.heapUsedKb() / 1024.0), f1(s.heapCommittedKb() / 1024.0)));
    }
    return new TextTable("Resident memory along " + run,
        List.of("run", unit, "rss_mb", "peak_mb", "java_heap_used_mb", "java_heap_committed_mb"), cells);
  }

  /** One row per child-process run: peak, first and last sampled RSS, growth, run and process seconds. */
  public static TextTable memory(List<MemoryBench.Outcome> runs) {
    List<List<String>> cells = new ArrayList<>();
    for (MemoryBench.Outcome o : runs) {
      RssTrace t = o.trace();
      cells.add(List.of(o.name(), f1(t.peakKb() / 1024.0), f1(t.samples().get(0).rssKb() / 1024.0),
          f1(t.samples().get(t.samples().size() - 1).rssKb() / 1024.0), f1(t.growthKb() / 1024.0),
          f2(o.runSeconds()), f2(o.processSeconds())));
    }
    return new TextTable("Resident memory per run (child processes)",
        List.of("run", "peak_mb", "first_sample_mb", "last_sample_mb", "growth_mb", "run_s", "process_s"), cells);
  }

  /**
   * The {@code top} slowest nodes of {@code model}'s traced step of the {@code kind} named ("Training",
   * "Inference"), with their share of node time.
   */
  public static TextTable profile(String model, String kind, int batch, int threads, GraphProfile.Profile p,
      int top) {
    List<List<String>> cells = new ArrayList<>();
    for (GraphProfile.Node n : p.nodes().subList(0, Math.min(top, p.nodes().size()))) {
      cells.add(List.of(n.node(), n.kernel(), f3(n.millisPerStep()), f1(100 * n.millisPerStep() / p.nodeMillis())));
    }
    return new TextTable(String.format(Locale.ROOT,
        "%s step of %s, batch %d, %d threads: %.2f ms per traced step, %.2f ms in %d nodes", kind, model, batch,
        threads, p.stepMillis(), p.nodeMillis(), p.nodes().size()),
        List.of("node", "kernel", "ms_per_step", "percent_of_node_time"), cells);
  }

  /** One row per step variant: its settings, images per second and ratio to the trainer's step. */
  public static TextTable tune(String model, int batch, List<TuneBench.Row> rows) {
    List<List<String>> cells = new ArrayList<>();
    for (TuneBench.Row r : rows) {
      StepVariant v = r.variant();
      cells.add(List.of(v.label(), "" + v.towers(), "" + v.intraThreads(), "" + v.interThreads(), "" + v.xlaJit(),
          "" + v.freshTensors(), v.fetch().name().toLowerCase(Locale.ROOT), f0(r.imagesPerSecond().median()),
          f0(r.imagesPerSecond().min()), f0(r.imagesPerSecond().max()), f3(r.ratio())));
    }
    return new TextTable("Training-step settings, " + model + " batch " + batch + " (interleaved)",
        List.of("variant", "towers", "intra", "inter", "xla_jit", "fresh_tensors", "fetch", "img_per_s",
            "min_img_per_s", "max_img_per_s", "ratio"), cells);
  }

  /**
   * Loader images per second per worker count, the consumer's wait share and the multiple of {@code need}
   * (images per second LeNet training consumes).
   */
  public static TextTable loader(String dataset, int batch, List<LoaderThroughput.Result> results, double need) {
    List<List<String>> cells = new ArrayList<>();
    for (LoaderThroughput.Result r : results) {
      cells.add(List.of(Integer.toString(r.workers()), f0(r.imagesPerSecond()), f1(100 * r.waitSeconds() / r.seconds()),
          f1(r.imagesPerSecond() / need)));
    }
    return new TextTable("Loader images/s alone (consumer does nothing), " + dataset + " batch " + batch,
        List.of("workers", "img_per_s", "consumer_wait_percent", "x_lenet_need"), cells);
  }

  static String f0(double v) {
    return String.format(Locale.ROOT, "%.0f", v);
  }

  static String f1(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }

  static String f2(double v) {
    return String.format(Locale.ROOT, "%.2f", v);
  }

  static String f3(double v) {
    return String.format(Locale.ROOT, "%.3f", v);
  }
}
