package io.cnnlab.cluster;

import io.cnnlab.experiments.Declaration;
import io.cnnlab.experiments.PlannedRun;
import io.cnnlab.experiments.SweepOptions;
import io.cnnlab.runs.RunFileException;
import io.cnnlab.runs.RunJson;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The ordered list of a sweep's runs, written once by the submitting machine to {@code <root>/plan.json} and read
 * by every task: index {@code i} names one run (experiment, variant, seed, configuration hash, folder), the same
 * on every machine for the same declarations and commit. The order is the local sweep's: declarations by id,
 * variants as declared, seeds ascending. Every run is listed whether or not its data is installed where the plan
 * is written, so the indices do not depend on the planning machine.
 *
 * @param format {@link #FORMAT}
 * @param commit the commit that planned it ({@code git rev-parse HEAD}, or {@code unknown})
 * @param sweep how the tasks rebuild the runs (the folders are relative to where the tasks start)
 * @param runs the runs, {@code runs.get(i).index() == i}
 */
public record ClusterPlan(String format, String commit, Sweep sweep, List<Item> runs) {
  public static final String FORMAT = "cnnlab-plan-1";
  public static final String FILE = "plan.json";

  public ClusterPlan {
    runs = List.copyOf(runs);
  }

  /**
   * The sweep's settings, enough for a task to plan the same runs again.
   *
   * @param declarations the declarations' folder
   * @param root the sweep root (run folders, verdicts)
   * @param dataRoot the data sets' folder
   * @param experiments the experiment ids, in order
   * @param smoke smoke runs
   * @param seeds seeds per variant, or null for the declarations'
   * @param device {@code cpu} or {@code gpu}
   */
  public record Sweep(String declarations, String root, String dataRoot, List<String> experiments, boolean smoke,
      Integer seeds, String device) {
    public Sweep {
      experiments = List.copyOf(experiments);
    }

    /** The options the local sweep would run with (never forced: a task reuses a finished run). */
    public SweepOptions options() {
      return new SweepOptions(Path.of(root), Path.of(dataRoot), smoke, seeds, false, device);
    }
  }

  /**
   * One run of the plan.
   *
   * @param index its array index
   * @param experiment declaration id
   * @param variant variant name
   * @param seed seed
   * @param configHash SHA-256 of its effective configuration
   * @param dir its run folder
   */
  public record Item(int index, String experiment, String variant, long seed, String configHash, String dir) {
    /** {@code experiment/run}, for messages. */
    public String label() {
      return experiment + "/" + PlannedRun.runName(variant, seed);
    }
  }

  /** The plan of {@code chosen} (in that order) under {@code options}. */
  public static ClusterPlan of(List<Declaration> chosen, SweepOptions options, Path declarations, String commit) {
    List<Item> items = new ArrayList<>();
    for (PlannedRun run : runs(chosen, options)) {
      items.add(new Item(items.size(), run.declaration().id(), run.variant().name(), run.seed(), run.configHash(),
          run.dir().toString()));
    }
    Sweep sweep = new Sweep(declarations.toString(), options.root().toString(), options.dataRoot().toString(),
        chosen.stream().map(Declaration::id).toList(), options.smoke(), options.seeds(), options.device());
    return new ClusterPlan(FORMAT, commit, sweep, items);
  }

  /** Every run of {@code chosen}, in plan order. */
  public static List<PlannedRun> runs(List<Declaration> chosen, SweepOptions options) {
    List<PlannedRun> out = new ArrayList<>();
    for (Declaration d : chosen) {
      Path dir = options.root().resolve(d.id());
      for (Declaration.Variant v : d.variants()) {
        for (long seed : options.seedsOf(d.seeds())) {
          out.add(PlannedRun.of(d, v, seed, dir, options.dataRoot(), options.smoke(), options.device()));
        }
      }
    }
    return out;
  }

  /** The plan file of a sweep root. */
  public static Path fileFor(Path root) {
    return root.resolve(FILE);
  }

  /** Writes this plan to {@code file} (atomically). */
  public Path write(Path file) throws IOException {
    return RunJson.write(file, this);
  }

  /** The plan in {@code file}; refuses another format. */
  public static ClusterPlan read(Path file) throws IOException {
    ClusterPlan p = RunJson.readStrict(file, ClusterPlan.class, "sweep plan");
    if (!FORMAT.equals(p.format())) {
      throw new RunFileException(file, "sweep plan format '" + p.format() + "', expected " + FORMAT
          + " (written by another cnnlab version: plan again)");
    }
    for (int i = 0; i < p.runs().size(); i++) {
      if (p.runs().get(i).index() != i) {
        throw new RunFileException(file, "run " + i + " carries index " + p.runs().get(i).index());
      }
    }
    return p;
  }

  /** The run at {@code index}, or an error naming the valid range. */
  public Item item(int index) {
    if (index < 0 || index >= runs.size()) {
      throw new IllegalArgumentException("index " + index + " is outside the plan's runs 0.." + (runs.size() - 1));
    }
    return runs.get(index);
  }
}
