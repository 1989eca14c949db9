package io.cnnlab.cli.bench;

import io.cnnlab.bench.PeerRatios;
import io.cnnlab.bench.PeerResult;
import io.cnnlab.bench.ThroughputRow;
import io.cnnlab.bench.results.BenchCharts;
import io.cnnlab.bench.results.BenchReport;
import io.cnnlab.bench.results.BenchTables;
import io.cnnlab.bench.results.ThroughputCsv;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code cnnlab bench peers}: cnnlab/peer ratios from the peers' output and cnnlab's throughput CSVs. */
@Command(name = "peers", mixinStandardHelpOptions = true,
    description = "Reads the output of bench/peers/run-peers.sh and the throughput-train/infer.csv in --out;"
        + " prints and writes the ratio cnnlab/peer per model, mode and batch size (peers.csv, peers.png).")
final class BenchPeersCommand implements Callable<Integer> {
  /** The malloc thresholds {@code make bench} runs everything under (bench/peers/README.md). */
  static final String TUNED_MALLOC =
      "glibc.malloc.mmap_threshold=33554432:glibc.malloc.trim_threshold=2147483648";

  @Mixin BenchOptions bench = new BenchOptions();

  @Option(names = "--peer-output", required = true, paramLabel = "FILE",
      description = "standard output of bench/peers/run-peers.sh")
  Path peerOutput;

  @Override
  public Integer call() throws IOException {
    if (!Files.isRegularFile(peerOutput)) {
      System.err.println("cnnlab bench peers: --peer-output " + peerOutput + " is not a file (expected the"
          + " standard output of bench/peers/run-peers.sh)");
      return 2;
    }
    List<ThroughputRow> mine = new ArrayList<>();
    for (String mode : List.of("train", "infer")) {
      Path csv = bench.out.resolve("throughput-" + mode + ".csv");
      if (Files.isRegularFile(csv)) {
        mine.addAll(ThroughputCsv.read(csv));
      }
    }
    if (mine.isEmpty()) {
      System.err.println("cnnlab bench peers: no throughput-train.csv or throughput-infer.csv in " + bench.out
          + " (run cnnlab bench train/infer/all with --out " + bench.out + " first)");
      return 2;
    }
    List<PeerResult> peers;
    try {
      peers = PeerResult.parse(Files.readAllLines(peerOutput));
    } catch (IllegalArgumentException e) {
      System.err.println("cnnlab bench peers: " + peerOutput + ": " + e.getMessage());
      return 2;
    }
    report(bench.report(), mine, peers);
    return 0;
  }

  static void report(BenchReport report, List<ThroughputRow> mine, List<PeerResult> peers) throws IOException {
    List<PeerRatios.Ratio> ratios = PeerRatios.compute(mine, peers);
    List<PeerResult> unavailable = peers.stream().filter(p -> !p.available()).toList();
    var table = BenchTables.peers(ratios, unavailable);
    report.table("peers", table);
    List<String> lines = new ArrayList<>();
    String cnnlabMalloc = mallocSetting(System.getenv("GLIBC_TUNABLES"));
    Set<String> peerMallocs = new LinkedHashSet<>();
    peers.stream().filter(PeerResult::available).forEach(p -> peerMallocs.add(p.malloc()));
    lines.add("- malloc: cnnlab ran with " + cnnlabMalloc + ", the peers with " + peerMallocs
        + (peerMallocs.equals(Set.of(cnnlabMalloc)) ? " (same setting)" : " (NOT the same setting: ratios unfair)"));
    for (PeerRatios.Ratio r : ratios) {
      if (r.hasTarget()) {
        lines.add(String.format(Locale.ROOT, "- %s %s batch %d, %d threads: cnnlab %,.0f vs %s %,.0f img/s = %.2fx"
                + " (target %.1fx: %s)", r.model(), r.mode().label(), r.batch(), r.threads(), r.cnnlab(), r.peer(),
            r.peerRate(), r.ratio(), r.target(), r.meetsTarget() ? "met" : "missed"));
      }
    }
    for (PeerResult p : unavailable) {
      lines.add("- " + p.peer() + " could not run: " + p.unavailableReason());
    }
    var chart = BenchCharts.peers(ratios);
    if (chart.isPresent()) {
      report.chart("peers", chart.get());
    }
    lines.forEach(report.console()::println);
    report.section("peers", "cnnlab against peers", lines, List.of(table));
  }

  /** {@code tuned}, {@code default} or {@code custom}, as the peers name the malloc setting. */
  static String mallocSetting(String tunables) {
    if (tunables == null || tunables.isEmpty()) {
      return "default";
    }
    return tunables.equals(TUNED_MALLOC) ? "tuned" : "custom";
  }
}
