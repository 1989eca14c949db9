package io.cnnlab.cluster;

import io.cnnlab.experiments.DataCheck;
import io.cnnlab.experiments.Declaration;
import io.cnnlab.experiments.DeclarationReader;
import io.cnnlab.experiments.PlannedRun;
import io.cnnlab.experiments.VerdictTable;
import io.cnnlab.runs.RunFolder;
import io.cnnlab.runs.RunManifest;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * A sweep run as cluster tasks against the same sweep run locally, run by run of the plan: every planned run whose
 * data is installed must be in both, finished, with the planned configuration hash and the same metrics (wall-clock
 * timings aside); the verdict tables must agree. What {@code bin/slurm-test} checks; a run left out of either sweep
 * is a difference, never a smaller count that still passes.
 */
public final class SweepComparison {
  /** Wall-clock measurements: present in both, values differ. */
  static final Pattern TIMED = Pattern.compile("(_seconds|_ms|per_second)$");

  /**
   * How far two processes' metrics may differ, relative: outside deterministic mode LeNet's blocked convolution
   * stages round differently from one process to the next in the last bits (bench/PERFORMANCE.md).
   */
  public static final double RELATIVE_TOLERANCE = 1e-5;

  private SweepComparison() {}

  /**
   * What the comparison found.
   *
   * @param compared planned runs found in both sweeps and compared
   * @param withData planned runs whose data is installed (the ones that must be compared)
   * @param planned every run of the plan
   * @param differences each difference, naming the run or experiment
   */
  public record Result(int compared, int withData, int planned, List<String> differences) {
    /** Whether every planned run with data was compared, there was one at least, and nothing differs. */
    public boolean agrees() {
      return differences.isEmpty() && compared == withData && withData > 0;
    }

    /** The closing line: {@code compared K of N planned runs with data}. */
    public String summary() {
      return "compared " + compared + " of " + withData + " planned runs with data";
    }
  }

  /**
   * Compares the runs of {@code plan} in {@code local} (a sweep root: {@code <experiment>/<run>/}) and
   * {@code cluster}, and their {@code verdicts.csv}. Whether a run has data is asked of the plan's declarations
   * and data root, as the tasks did ({@link DataCheck}).
   */
  public static Result compare(ClusterPlan plan, Path local, Path cluster) throws IOException {
    List<Declaration> declared = DeclarationReader.readAll(Path.of(plan.sweep().declarations()));
    Path dataRoot = Path.of(plan.sweep().dataRoot());
    List<String> differences = new ArrayList<>();
    int withData = 0;
    int compared = 0;
    for (ClusterPlan.Item item : plan.runs()) {
      Optional<Declaration> d = declared.stream().filter(x -> x.id().equals(item.experiment())).findFirst();
      if (d.isEmpty()) {
        differences.add(item.label() + ": experiment not declared in " + plan.sweep().declarations());
        continue;
      }
      if (DataCheck.missing(d.get(), dataRoot).isPresent()) {
        continue;
      }
      withData++;
      String run = PlannedRun.runName(item.variant(), item.seed());
      Optional<RunManifest> l = finished(local.resolve(item.experiment()).resolve(run), item, "local", differences);
      Optional<RunManifest> c = finished(cluster.resolve(item.experiment()).resolve(run), item, "cluster",
          differences);
      if (l.isPresent() && c.isPresent()) {
        compared++;
        metrics(item.label(), l.get().metrics(), c.get().metrics(), differences);
      }
    }
    verdicts(local.resolve("verdicts.csv"), cluster.resolve("verdicts.csv"), differences);
    return new Result(compared, withData, plan.runs().size(), differences);
  }

  /** The finished manifest of the planned run in {@code dir}, or a difference saying what is there instead. */
  private static Optional<RunManifest> finished(Path dir, ClusterPlan.Item item, String which,
      List<String> differences) {
    Path file = new RunFolder(dir).manifest();
    if (!Files.isRegularFile(file)) {
      differences.add(item.label() + ": no " + which + " run (" + file + " is missing)");
      return Optional.empty();
    }
    try {
      RunManifest m = RunManifest.read(file);
      if (!m.isFinished()) {
        differences.add(item.label() + ": the " + which + " run is " + m.status() + ", not finished (" + file + ")");
      } else if (!item.configHash().equals(m.configHash())) {
        differences.add(item.label() + ": the " + which + " run has configuration " + m.configHash()
            + ", the plan " + item.configHash());
      } else {
        return Optional.of(m);
      }
    } catch (IOException e) {
      differences.add(item.label() + ": " + e.getMessage());
    }
    return Optional.empty();
  }

  private static void metrics(String label, Map<String, Double> local, Map<String, Double> cluster,
      List<String> differences) {
    if (!local.keySet().equals(cluster.keySet())) {
      differences.add(label + ": metrics " + local.keySet() + " locally, " + cluster.keySet() + " on the cluster");
      return;
    }
    local.forEach((k, v) -> {
      double w = cluster.get(k);
      if (!TIMED.matcher(k).find() && Math.abs(v - w) > RELATIVE_TOLERANCE * Math.max(1, Math.max(Math.abs(v),
          Math.abs(w)))) {
        differences.add(label + ": " + k + " " + v + " locally, " + w + " on the cluster");
      }
    });
  }

  /** The verdict tables row by row; where a note carries a timing only what it does not measure. */
  private static void verdicts(Path local, Path cluster, List<String> differences) throws IOException {
    Map<String, Map<String, String>> l = rows(local);
    Map<String, Map<String, String>> c = rows(cluster);
    if (!l.keySet().equals(c.keySet())) {
      differences.add("verdicts: experiments " + l.keySet() + " locally, " + c.keySet() + " on the cluster");
      return;
    }
    Pattern timedNote = Pattern.compile("\\w+(_seconds|_ms|per_second): ");
    for (String e : l.keySet()) {
      List<String> columns = timedNote.matcher(l.get(e).get("note")).find()
          ? List.of("title", "kind", "smoke", "status", "metric", "low", "high", "runs")
          : VerdictTable.HEADER.stream().filter(h -> !h.equals("reused")).toList();
      for (String k : columns) {
        if (!l.get(e).get(k).equals(c.get(e).get(k))) {
          differences.add("verdicts: " + e + ": " + k + " '" + l.get(e).get(k) + "' locally, '" + c.get(e).get(k)
              + "' on the cluster");
        }
      }
    }
  }

  private static Map<String, Map<String, String>> rows(Path csv) throws IOException {
    Map<String, Map<String, String>> rows = new LinkedHashMap<>();
    try (Reader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
      for (CSVRecord r : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
        rows.put(r.get("experiment"), r.toMap());
      }
    }
    return rows;
  }

  /**
   * {@code SweepComparison PLAN LOCAL_ROOT CLUSTER_ROOT}: prints each difference, then {@link Result#summary};
   * exits 1 unless {@link Result#agrees}.
   */
  public static void main(String[] args) throws IOException {
    if (args.length != 3) {
      System.err.println("usage: SweepComparison PLAN_JSON LOCAL_SWEEP_ROOT CLUSTER_SWEEP_ROOT");
      System.exit(2);
    }
    Result r = compare(ClusterPlan.read(Path.of(args[0])), Path.of(args[1]), Path.of(args[2]));
    r.differences().forEach(d -> System.out.println("differs: " + d));
    System.out.println(r.summary());
    System.exit(r.agrees() ? 0 : 1);
  }
}
