package io.cnnlab.bench.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cnnlab.bench.EagerVsGraph;
import io.cnnlab.bench.Mode;
import io.cnnlab.bench.PeerRatios;
import io.cnnlab.bench.RssTrace;
import io.cnnlab.bench.Stats;
import io.cnnlab.bench.StepComposition;
import io.cnnlab.bench.ThroughputRow;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.data.category.CategoryDataset;
import org.junit.jupiter.api.Test;

/** The benchmark's charts hold the measured values in the groups and series their titles promise. */
class BenchChartsTest {
  private static CategoryDataset data(JFreeChart chart) {
    return ((CategoryPlot) chart.getPlot()).getDataset();
  }

  private static double value(JFreeChart chart, String series, String group) {
    return data(chart).getValue(series, group).doubleValue();
  }

  @Test
  void eagerShowsThousandImagesPerSecondPerBatch() {
    var c1 = new EagerVsGraph.Comparison(1, 2, new Stats(500, 400, 600, 3), new Stats(2_000, 1_900, 2_100, 3), 0);
    var c64 = new EagerVsGraph.Comparison(64, 2, new Stats(9_000, 8_000, 9_500, 3), new Stats(30_000, 29_000,
        31_000, 3), 0);
    JFreeChart chart = BenchCharts.eager(2, List.of(c1, c64));
    assertEquals("LeNet forward: eager vs graph, 2 threads", chart.getTitle().getText());
    assertEquals(List.of("batch 1", "batch 64"), data(chart).getColumnKeys());
    assertEquals(0.5, value(chart, "eager", "batch 1"), 1e-12);
    assertEquals(30.0, value(chart, "graph", "batch 64"), 1e-12);
  }

  @Test
  void stepsSplitEachThreadCountIntoItsFourParts() {
    var one = new StepComposition.Parts(1, 2, 100, 0.1, 0.2, 9.0, 0.3, 5.0, 12_000);
    var two = new StepComposition.Parts(2, 2, 100, 0.05, 0.2, 6.0, 0.3, 3.5, 17_000);
    JFreeChart chart = BenchCharts.steps(256, List.of(one, two));
    assertEquals(List.of("data wait", "feeding", "session run", "fetching"), data(chart).getRowKeys());
    assertEquals(List.of("1 thread", "2 threads"), data(chart).getColumnKeys());
    assertEquals(9.0, value(chart, "session run", "1 thread"), 1e-12);
    assertEquals(0.05, value(chart, "data wait", "2 threads"), 1e-12);
  }

  @Test
  void peersShowCnnlabOncePerGroupBesideEveryPeer() {
    var djl = new PeerRatios.Ratio("lenet-textbook", Mode.TRAIN, 256, 2, "djl", 24_000, 16_000, 1.2);
    var torch = new PeerRatios.Ratio("lenet-textbook", Mode.TRAIN, 256, 2, "torch", 24_000, 12_000, 1.5);
    JFreeChart chart = BenchCharts.peers(List.of(djl, torch)).orElseThrow();
    assertEquals(List.of("textbook train bs256"), data(chart).getColumnKeys());
    assertEquals(List.of("cnnlab", "djl", "torch"), data(chart).getRowKeys());
    assertEquals(24.0, value(chart, "cnnlab", "textbook train bs256"), 1e-12);
    assertEquals(12.0, value(chart, "torch", "textbook train bs256"), 1e-12);
    assertTrue(BenchCharts.peers(List.of()).isEmpty(), "no ratios, no chart");
  }

  @Test
  void rssInMegabytesPerSample() {
    RssTrace trace = new RssTrace(List.of(new RssTrace.Sample(1, 204_800, 204_800, 0, 0),
        new RssTrace.Sample(2, 307_200, 307_200, 0, 0)));
    JFreeChart chart = BenchCharts.rss("Resident memory", trace, "epoch ");
    assertEquals(List.of("epoch 1", "epoch 2"), data(chart).getColumnKeys());
    assertEquals(200.0, value(chart, "RSS", "epoch 1"), 1e-12); // 204,800 KB / 1024
    assertEquals(300.0, value(chart, "RSS", "epoch 2"), 1e-12);
  }

  @Test
  void throughputChartsLeNetOnlyAndGflopsTheLargestBatchBesideThePeak() {
    var small = new ThroughputRow("lenet-textbook", Mode.TRAIN, 64, 1, 1, new Stats(10_000, 9_000, 11_000, 3), 10,
        1e6);
    var big = new ThroughputRow("lenet-textbook", Mode.TRAIN, 256, 2, 2, new Stats(20_000, 19_000, 21_000, 3), 10,
        1e6);
    var alex = new ThroughputRow("alexnet-budget", Mode.TRAIN, 256, 2, 2, new Stats(500, 450, 550, 3), 1, 2e8);
    JFreeChart images = BenchCharts.throughput(Mode.TRAIN, List.of(small, big, alex));
    assertEquals(List.of("textbook bs64", "textbook bs256"), data(images).getColumnKeys(), "AlexNet left out");
    assertEquals(10.0, value(images, "1 thread", "textbook bs64"), 1e-12);
    assertEquals(20.0, value(images, "2 threads", "textbook bs256"), 1e-12);

    Map<Integer, Double> peaks = new LinkedHashMap<>();
    peaks.put(2, 110.0);
    JFreeChart gflops = BenchCharts.gflops(Mode.TRAIN, List.of(small, big, alex), peaks);
    assertTrue(gflops.getTitle().getText().contains("batch 256"), gflops.getTitle().getText());
    assertEquals(List.of("lenet-textbook", "alexnet-budget", "matmul peak"), data(gflops).getColumnKeys());
    assertEquals(20.0, value(gflops, "2 thr", "lenet-textbook"), 1e-9); // 1e6 FLOP x 20,000 img/s
    assertEquals(100.0, value(gflops, "2 thr", "alexnet-budget"), 1e-9); // 2e8 FLOP x 500 img/s
    assertEquals(110.0, value(gflops, "2 thr", "matmul peak"), 1e-12);
    assertEquals(List.of("2 thr"), data(gflops).getRowKeys(), "the 1-thread row has batch 64, not the largest");
  }
}
