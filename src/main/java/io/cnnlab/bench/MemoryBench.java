package io.cnnlab.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs {@link MemoryRun}s in child JVMs (same class path, JVM options and environment as this one) and
 * collects their resident-memory traces.
 */
public final class MemoryBench {
  private MemoryBench() {}

  /**
   * One child's result.
   *
   * @param name what ran
   * @param trace resident memory per epoch or block of steps
   * @param runSeconds the run's own wall time (data loading included, JVM start not)
   * @param processSeconds the child process's wall time, JVM start included
   * @param lastLines the rss lines as printed, for epoch details (test accuracy, data wait)
   */
  public record Outcome(String name, RssTrace trace, double runSeconds, double processSeconds,
      List<Map<String, String>> lastLines) {}

  /**
   * Starts {@code cnnlab bench memory-child ARGS...} and waits for it.
   *
   * @throws IOException when the child cannot start or fails (its exit status and last output line named)
   */
  public static Outcome run(String name, List<String> childArgs) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("io.cnnlab.cli.CnnlabCli");
    command.add("bench");
    command.add("memory-child");
    command.addAll(childArgs);
    ProcessBuilder pb = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
    long start = System.nanoTime();
    Process p = pb.start();
    List<String> lines = new ArrayList<>();
    try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = in.readLine()) != null; ) {
        lines.add(line);
      }
    }
    int status;
    try {
      status = p.waitFor();
    } catch (InterruptedException e) {
      p.destroy();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting for the memory child '" + name + "'", e);
    }
    double processSeconds = (System.nanoTime() - start) / 1e9;
    if (status != 0) {
      throw new IOException("memory child '" + name + "' exited with status " + status + "; last output: "
          + (lines.isEmpty() ? "(none)" : lines.get(lines.size() - 1)));
    }
    return parse(name, lines, processSeconds);
  }

  /** Reads the child's output lines: {@code kind=rss ...} samples and the {@code kind=done ...} line. */
  static Outcome parse(String name, List<String> lines, double processSeconds) {
    List<RssTrace.Sample> samples = new ArrayList<>();
    List<Map<String, String>> rssLines = new ArrayList<>();
    double runSeconds = Double.NaN;
    for (String line : lines) {
      if (!line.startsWith("kind=")) {
        continue;
      }
      Map<String, String> kv = KeyValues.parse(line);
      switch (kv.get("kind")) {
        case "rss" -> {
          samples.add(new RssTrace.Sample((long) KeyValues.number(kv, "at", line),
              (long) KeyValues.number(kv, "rss_kb", line), (long) KeyValues.number(kv, "peak_kb", line),
              (long) KeyValues.number(kv, "heap_used_kb", line),
              (long) KeyValues.number(kv, "heap_committed_kb", line)));
          rssLines.add(kv);
        }
        case "done" -> runSeconds = KeyValues.number(kv, "wall_s", line);
        default -> { }
      }
    }
    if (samples.isEmpty() || Double.isNaN(runSeconds)) {
      throw new IllegalStateException("memory child '" + name + "' printed no rss samples or no done line");
    }
    return new Outcome(name, new RssTrace(samples), runSeconds, processSeconds, List.copyOf(rssLines));
  }
}
