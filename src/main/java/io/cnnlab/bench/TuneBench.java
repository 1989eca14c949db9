package io.cnnlab.bench;

import io.cnnlab.models.Model;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Interleaved A/B of step settings ({@link StepVariant}) on one model and batch size in one process: every
 * variant runs once per round, rounds repeat, the median round counts. Ratios are against the first variant.
 */
public final class TuneBench {
  /**
   * @param variant what ran, its towers and thread pools {@link StepVariant#resolve resolved}
   * @param imagesPerSecond over the rounds
   * @param ratio median over the first variant's median
   */
  public record Row(StepVariant variant, Stats imagesPerSecond, double ratio) {}

  private TuneBench() {}

  /** The settings {@code cnnlab bench tune} compares, the trainer's first. */
  public static List<StepVariant> standardVariants(int cores) {
    StepVariant t = StepVariant.trainer(cores);
    return List.of(
        t,
        t.named("fetch-loss-only").withFetch(StepVariant.Fetch.LOSS),
        t.named("fetch-nothing").withFetch(StepVariant.Fetch.NONE),
        t.named("reused-tensors").withFreshTensors(false),
        t.named("1tower-intra" + cores + "-inter1").withThreads(cores, 1, 1),
        t.named("1tower-intra1-inter1").withThreads(1, 1, 1),
        t.named("1tower-intra1-inter2").withThreads(1, 2, 1),
        t.named("1tower-intra" + cores + "-inter2").withThreads(cores, 2, 1),
        t.named(cores + "towers-intra1-inter" + cores).withThreads(1, cores, cores),
        t.named(cores + "towers-intra1-inter1").withThreads(1, 1, cores),
        t.named("xla-jit").withJit(true));
  }

  public static List<Row> run(BenchModel bm, int batch, List<StepVariant> variants, int stepsPerRound, int rounds,
      long seed, BenchExecution execution) {
    if (variants.isEmpty() || stepsPerRound < 1 || rounds < 1) {
      throw new IllegalArgumentException("need variants, steps per round >= 1 and rounds >= 1");
    }
    Model model = bm.build();
    io.cnnlab.tf.Sessions.requirePerSessionPools("bench tune",
        variants.stream().map(v -> v.intraThreads() + "/" + v.interThreads()).toList());
    Map<StepVariant, double[]> rates = new LinkedHashMap<>();
    variants.forEach(v -> rates.put(v, new double[rounds]));
    try (StepBench bench = new StepBench(model, seed, execution)) {
      for (StepVariant v : rates.keySet()) {
        bench.trainSeconds(v, batch, Math.max(3, stepsPerRound / 3));
      }
      for (int r = 0; r < rounds; r++) {
        for (var e : rates.entrySet()) {
          e.getValue()[r] = (double) batch * stepsPerRound / bench.trainSeconds(e.getKey(), batch, stepsPerRound);
        }
      }
    }
    List<Row> rows = new ArrayList<>();
    double base = Stats.of(rates.get(variants.get(0))).median();
    for (var e : rates.entrySet()) {
      Stats s = Stats.of(e.getValue());
      rows.add(new Row(e.getKey().resolve(model, batch, execution), s, s.median() / base));
    }
    return rows;
  }
}
