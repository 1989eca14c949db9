package io.cnnlab.bench.results;

import io.cnnlab.bench.EagerVsGraph;
import io.cnnlab.bench.Mode;
import io.cnnlab.bench.PeerRatios;
import io.cnnlab.bench.RssTrace;
import io.cnnlab.bench.StepComposition;
import io.cnnlab.bench.ThroughputRow;
import io.cnnlab.output.ComparisonBarChart.Bar;
import io.cnnlab.output.ComparisonBarChart;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jfree.chart.JFreeChart;

/** The benchmark's results as charts: what {@code cnnlab bench} writes as PNG next to each CSV. */
public final class BenchCharts {
  private BenchCharts() {}

  /** Thousand images per second of LeNet's forward pass, eager and graph, one group per batch size. */
  public static JFreeChart eager(int threads, List<EagerVsGraph.Comparison> results) {
    List<Bar> bars = new ArrayList<>();
    for (EagerVsGraph.Comparison c : results) {
      bars.add(new Bar("batch " + c.batch(), "eager", c.eager().median() / 1000));
      bars.add(new Bar("batch " + c.batch(), "graph", c.graph().median() / 1000));
    }
    return ComparisonBarChart.create("LeNet forward: eager vs graph, " + threads + " threads",
        "thousand images per second", bars);
  }

  /** Milliseconds per training step in data wait, feeding, session run and fetching, one group per thread count. */
  public static JFreeChart steps(int batch, List<StepComposition.Parts> parts) {
    List<Bar> bars = new ArrayList<>();
    for (StepComposition.Parts p : parts) {
      String g = threadsLabel(p.threads());
      bars.add(new Bar(g, "data wait", p.waitMs()));
      bars.add(new Bar(g, "feeding", p.feedMs()));
      bars.add(new Bar(g, "session run", p.runMs()));
      bars.add(new Bar(g, "fetching", p.fetchMs()));
    }
    return ComparisonBarChart.create("Training step composition, textbook LeNet, batch " + batch,
        "milliseconds per step", bars);
  }

  /**
   * Thousand images per second of cnnlab and each peer, one group per model variant, mode and batch; empty
   * when no peer result matched cnnlab's rows.
   */
  public static Optional<JFreeChart> peers(List<PeerRatios.Ratio> ratios) {
    List<Bar> bars = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    for (PeerRatios.Ratio r : ratios) {
      String group = r.model().substring(r.model().indexOf('-') + 1) + " " + r.mode().label() + " bs" + r.batch();
      if (seen.add(group)) {
        bars.add(new Bar(group, "cnnlab", r.cnnlab() / 1000));
      }
      bars.add(new Bar(group, r.peer(), r.peerRate() / 1000));
    }
    return bars.isEmpty() ? Optional.empty()
        : Optional.of(ComparisonBarChart.create("LeNet: cnnlab and peers, same run", "thousand images per second",
            bars));
  }

  /** Resident megabytes at each sample, labelled {@code prefix + sample point} (e.g. "epoch 3"). */
  public static JFreeChart rss(String title, RssTrace trace, String prefix) {
    List<Bar> bars = new ArrayList<>();
    for (RssTrace.Sample s : trace.samples()) {
      bars.add(new Bar(prefix + s.at(), "RSS", s.rssKb() / 1024.0));
    }
    return ComparisonBarChart.create(title, "MB resident", bars);
  }

  /** Images per second of the LeNet models: one group per model and batch, one bar per thread count. */
  public static JFreeChart throughput(Mode mode, List<ThroughputRow> rows) {
    List<Bar> bars = new ArrayList<>();
    for (ThroughputRow r : rows) {
      if (r.model().startsWith("lenet")) {
        bars.add(new Bar(r.model().substring("lenet-".length()) + " bs" + r.batch(), threadsLabel(r.threads()),
            r.imagesPerSecond().median() / 1000));
      }
    }
    return ComparisonBarChart.create("LeNet " + mode.label() + " throughput", "thousand images per second", bars);
  }

  /** GFLOP/s of every model at the largest batch and each thread count, next to the matmul peak. */
  public static JFreeChart gflops(Mode mode, List<ThroughputRow> rows, Map<Integer, Double> peaks) {
    int maxBatch = rows.stream().mapToInt(ThroughputRow::batch).max().orElse(1);
    List<Bar> bars = new ArrayList<>();
    for (ThroughputRow r : rows) {
      if (r.batch() == maxBatch) {
        bars.add(new Bar(r.model(), r.threads() + " thr", r.gflops()));
      }
    }
    peaks.forEach((t, g) -> bars.add(new Bar("matmul peak", t + " thr", g)));
    return ComparisonBarChart.create("Achieved GFLOP/s, " + mode.label() + ", batch " + maxBatch
        + " (training = 3 x forward MACs x 2)", "GFLOP/s", bars);
  }

  private static String threadsLabel(int threads) {
    return threads + (threads == 1 ? " thread" : " threads");
  }
}
