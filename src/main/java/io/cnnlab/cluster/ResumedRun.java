package io.cnnlab.cluster;

import io.cnnlab.runs.MetricsColumns;
import io.cnnlab.runs.RunAttempt;
import io.cnnlab.runs.RunFolder;
import io.cnnlab.runs.RunManifest;
import io.cnnlab.training.EpochMetrics;
import io.cnnlab.training.MetricsCsv;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Whether a run stopped once and resumed trained each epoch once, read from what it recorded rather than from what
 * a task printed: two attempts, the first stopped (interrupted, failed or vanished) after epochs 1..c, the second
 * starting after c and completing c+1..E; {@code metrics.csv} with epochs 1..E once, equal to an uninterrupted run's
 * (a deterministic run's: bit for bit, timings aside). What {@code bin/slurm-test} checks of its requeued task.
 */
public final class ResumedRun {
  private ResumedRun() {}

  /**
   * What the check found.
   *
   * @param resumedAfter the epochs the first attempt completed (c), or -1 when the attempts are not two
   * @param problems each way the record falls short
   */
  public record Result(int resumedAfter, List<String> problems) {
    public boolean holds() {
      return problems.isEmpty();
    }
  }

  /** Checks the run in {@code resumed} of {@code epochs} epochs against the same run in {@code uninterrupted}. */
  public static Result check(Path resumed, Path uninterrupted, int epochs) throws IOException {
    List<String> problems = new ArrayList<>();
    RunManifest m = RunManifest.read(new RunFolder(resumed).manifest());
    List<RunAttempt> a = m.attempts();
    int after = -1;
    if (a.size() != 2) {
      problems.add("expected 2 attempts, found " + a.size() + ": " + a);
    } else {
      RunAttempt first = a.get(0);
      RunAttempt second = a.get(1);
      after = first.epochs().size();
      if (first.status().equals(RunAttempt.COMPLETED) || first.status().equals(RunAttempt.RUNNING)) {
        problems.add("the first attempt ended " + first.status() + ", not stopped: " + first);
      }
      if (first.startedAfterEpoch() != 0 || !first.epochs().equals(range(1, after)) || after < 1) {
        problems.add("the first attempt should train epochs 1..c from the start, c >= 1: " + first);
      }
      if (!second.status().equals(RunAttempt.COMPLETED) || second.startedAfterEpoch() != after
          || !second.epochs().equals(range(after + 1, epochs))) {
        problems.add("the second attempt should start after epoch " + after + " and complete epochs " + (after + 1)
            + ".." + epochs + ": " + second);
      }
    }
    if (!m.isFinished() || m.epochsCompleted() != epochs) {
      problems.add("the run is " + m.status() + " after " + m.epochsCompleted() + " epochs, not finished after "
          + epochs);
    }
    List<EpochMetrics> got = rows(new RunFolder(resumed).metrics());
    List<EpochMetrics> want = rows(new RunFolder(uninterrupted).metrics());
    List<Integer> order = got.stream().map(EpochMetrics::epoch).toList();
    if (!order.equals(range(1, epochs))) {
      problems.add("metrics.csv has epochs " + order + ", expected each of 1.." + epochs + " once");
    } else if (want.size() != epochs) {
      problems.add("the uninterrupted run's metrics.csv has " + want.size() + " epochs, not " + epochs);
    } else {
      for (int e = 0; e < epochs; e++) {
        Map<String, Double> r = MetricsCsv.values(got.get(e));
        Map<String, Double> u = MetricsCsv.values(want.get(e));
        for (String column : MetricsColumns.HEADER) {
          if (!SweepComparison.TIMED.matcher(column).find() && !r.get(column).equals(u.get(column))) {
            problems.add("epoch " + (e + 1) + ": " + column + " " + r.get(column) + " resumed, " + u.get(column)
                + " uninterrupted");
          }
        }
      }
    }
    return new Result(after, problems);
  }

  /** {@code epoch 3} or {@code epochs 3-6}. */
  private static String span(int from, int to) {
    return from == to ? "epoch " + from : "epochs " + from + "-" + to;
  }

  private static List<Integer> range(int from, int to) {
    return IntStream.rangeClosed(from, to).boxed().toList();
  }

  private static List<EpochMetrics> rows(Path csv) throws IOException {
    try (Reader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
      return MetricsCsv.read(in, csv.toString());
    }
  }

  /**
   * {@code ResumedRun RESUMED_DIR UNINTERRUPTED_DIR EPOCHS}: prints each problem and a closing line; exits 1 when
   * there is one.
   */
  public static void main(String[] args) throws IOException {
    if (args.length != 3) {
      System.err.println("usage: ResumedRun RESUMED_RUN_DIR UNINTERRUPTED_RUN_DIR EPOCHS");
      System.exit(2);
    }
    int epochs = Integer.parseInt(args[2]);
    Result r = check(Path.of(args[0]), Path.of(args[1]), epochs);
    r.problems().forEach(p -> System.out.println("resumed run: " + p));
    System.out.println(r.holds() ? "resumed after epoch " + r.resumedAfter() + ": attempt 1 trained "
        + span(1, r.resumedAfter()) + ", attempt 2 trained " + span(r.resumedAfter() + 1, epochs)
        + ", metrics.csv equal to the uninterrupted run's" : "resumed run: FAILED the check");
    System.exit(r.holds() ? 0 : 1);
  }
}
