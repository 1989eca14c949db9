package io.cnnlab.bench;

import io.cnnlab.models.Model;
import io.cnnlab.graph.Summary;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Training and inference images per second for models x batch sizes x thread counts. One process, one
 * graph per model; every combination is warmed up first, then the rounds go round all combinations in turn
 * (interleaved), so a burst of load from elsewhere hits all of them alike; the median round is reported.
 */
public final class ThroughputBench {
  /**
   * How long to measure.
   *
   * @param roundImages images per timed round of a light model (steps = roundImages / batch, at least 1)
   * @param rounds timed rounds of a light model
   * @param heavyRounds timed rounds of a heavy model, one step each (after one warm-up step)
   * @param seed seed of the random data and the model's initial weights
   */
  public record Plan(int roundImages, int rounds, int heavyRounds, long seed) {
    public Plan {
      if (roundImages < 1 || rounds < 1 || heavyRounds < 1) {
        throw new IllegalArgumentException("round images, rounds and heavy rounds must be >= 1, got "
            + roundImages + ", " + rounds + ", " + heavyRounds);
      }
    }

    /**
     * A few seconds per light model; a heavy one gets 3 timed steps per setting, the median reported (single
     * steps of the textbook AlexNet at 224 vary widely on the same build, bench/PERFORMANCE.md).
     */
    public static Plan standard() {
      return new Plan(8192, 5, 3, 1);
    }

    /** About a quarter of {@link #standard()}. */
    public static Plan quick() {
      return new Plan(3072, 3, 1, 1);
    }

    int steps(BenchModel m, int batch) {
      return m.heavy() ? 1 : Math.max(1, roundImages / batch);
    }

    int roundsFor(BenchModel m) {
      return m.heavy() ? heavyRounds : rounds;
    }
  }

  private ThroughputBench() {}

  /**
   * Measures every combination; {@code progress} gets each model's rows as they are done, {@code log} a line per
   * model saying how its largest setting computes.
   *
   * @param threads intra-op thread counts (the trainer's step otherwise: {@link StepVariant#trainer})
   */
  public static List<ThroughputRow> run(List<BenchModel> models, List<Mode> modes, List<Integer> batches,
      List<Integer> threads, Plan plan, BenchExecution execution, Consumer<String> log,
      Consumer<List<ThroughputRow>> progress) {
    io.cnnlab.tf.Sessions.requirePerSessionPools("the throughput bench", threads);
    List<ThroughputRow> all = new ArrayList<>();
    for (BenchModel bm : models) {
      List<ThroughputRow> rows = measure(bm, modes, batches, threads, plan, execution, log);
      progress.accept(rows);
      all.addAll(rows);
    }
    return all;
  }

  private record Key(Mode mode, int batch, int threads) {}

  private static List<ThroughputRow> measure(BenchModel bm, List<Mode> modes, List<Integer> batches,
      List<Integer> threads, Plan plan, BenchExecution execution, Consumer<String> log) {
    Model model = bm.build();
    long macs = Summary.of(model).macs();
    Map<Key, double[]> rates = new LinkedHashMap<>();
    for (int b : batches) {
      for (int t : threads) {
        for (Mode m : modes) {
          rates.put(new Key(m, b, t), new double[plan.roundsFor(bm)]);
        }
      }
    }
    try (StepBench bench = new StepBench(model, plan.seed(), execution)) {
      int batch = java.util.Collections.max(batches);
      int t = java.util.Collections.max(threads);
      log.accept(bm.name() + ", batch " + batch + ", " + t + " threads: "
          + bench.execution(StepVariant.trainer(t), batch).describe());
      for (Key k : rates.keySet()) { // warm-up: graph rewrites, oneDNN primitive caches, allocator, JIT
        int steps = bm.heavy() ? 1 : Math.max(2, plan.steps(bm, k.batch()) / 4);
        time(bench, k, steps);
      }
      for (int r = 0; r < plan.roundsFor(bm); r++) {
        for (var e : rates.entrySet()) {
          int steps = plan.steps(bm, e.getKey().batch());
          e.getValue()[r] = (double) steps * e.getKey().batch() / time(bench, e.getKey(), steps);
        }
      }
    }
    List<ThroughputRow> rows = new ArrayList<>();
    for (var e : rates.entrySet()) {
      Key k = e.getKey();
      int towers = StepVariant.trainer(k.threads()).resolve(model, k.batch(), execution).towers();
      rows.add(new ThroughputRow(bm.name(), k.mode(), k.batch(), k.threads(), towers, Stats.of(e.getValue()),
          plan.steps(bm, k.batch()), FlopCount.perImage(k.mode(), macs)));
    }
    return rows;
  }

  private static double time(StepBench bench, Key k, int steps) {
    StepVariant v = StepVariant.trainer(k.threads());
    return k.mode() == Mode.TRAIN ? bench.trainSeconds(v, k.batch(), steps) : bench.inferSeconds(v, k.batch(), steps);
  }
}
