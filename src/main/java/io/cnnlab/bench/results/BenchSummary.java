package io.cnnlab.bench.results;

import io.cnnlab.runs.RunJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Assembles {@code summary.md} from {@code manifest.json} and the sections the benchmark parts wrote
 * ({@link BenchReport#section}), in a fixed order; sections not listed follow alphabetically.
 */
public final class BenchSummary {
  /** Section order of the summary. */
  public static final List<String> ORDER =
      List.of("peers", "throughput", "peak", "loader", "steps", "eager", "memory", "tune");

  private BenchSummary() {}

  /** Writes {@code DIR/summary.md}; returns its text. */
  public static String write(Path dir) throws IOException {
    StringBuilder md = new StringBuilder("# cnnlab benchmark\n\n");
    Path manifest = dir.resolve("manifest.json");
    if (Files.isRegularFile(manifest)) {
      Map<?, ?> m = RunJson.readLenient(manifest, Map.class, "bench manifest");
      for (String key : List.of("time", "device", "cpu", "cpu_extensions", "onednn", "conv_form", "cores",
          "tensorflow_runtime", "java", "load_average", "environment")) {
        if (m.containsKey(key)) {
          md.append("- ").append(key).append(": ").append(m.get(key)).append('\n');
        }
      }
      md.append('\n');
    }
    md.append("Figures are medians of interleaved rounds on this machine in this run; CSV files and charts beside"
        + " this file. Training GFLOP/s = 3 x forward MACs x 2 FLOP per image x images/s.\n\n");
    Path parts = dir.resolve(BenchReport.PARTS);
    List<String> names = new ArrayList<>();
    if (Files.isDirectory(parts)) {
      try (Stream<Path> files = Files.list(parts)) {
        files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".md"))
            .map(n -> n.substring(0, n.length() - 3)).sorted().forEach(names::add);
      }
    }
    List<String> ordered = new ArrayList<>();
    ORDER.stream().filter(names::contains).forEach(ordered::add);
    names.stream().filter(n -> !ORDER.contains(n)).forEach(ordered::add);
    for (String n : ordered) {
      md.append(Files.readString(parts.resolve(n + ".md"), StandardCharsets.UTF_8)).append('\n');
    }
    Files.writeString(dir.resolve("summary.md"), md, StandardCharsets.UTF_8);
    return md.toString();
  }
}
