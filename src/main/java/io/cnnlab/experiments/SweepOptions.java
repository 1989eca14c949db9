package io.cnnlab.experiments;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How a sweep runs.
 *
 * @param root where run folders, {@code experiment.json} and the verdict tables go ({@code reports}, or
 *     {@code reports/smoke} for smoke runs so they never mix with real results)
 * @param dataRoot where {@code make datasets} installed the data
 * @param smoke tiny subsets and one epoch (the declarations' smoke settings); first seed only unless
 *     {@code seeds} says otherwise
 * @param seeds run this many seeds per variant (the declared ones first), or null for the declaration's
 * @param force rerun finished runs instead of reusing them
 * @param device {@code cpu} or {@code gpu}, recorded in every manifest and part of the configuration hash
 */
public record SweepOptions(Path root, Path dataRoot, boolean smoke, Integer seeds, boolean force, String device) {
  public SweepOptions {
    if (seeds != null && seeds < 1) {
      throw new IllegalArgumentException("--seeds must be >= 1, got " + seeds);
    }
    if (!device.equals("cpu") && !device.equals("gpu")) {
      throw new IllegalArgumentException("--device must be cpu or gpu, got '" + device + "'");
    }
  }

  /** The sweep root for a reports folder: the folder itself, or its {@code smoke} subfolder. */
  public static Path rootFor(Path reports, boolean smoke) {
    return smoke ? reports.resolve("smoke") : reports;
  }

  /** The seeds to run of {@code declared}: all (or the first for smoke), or the first N, extended past the list. */
  public List<Long> seedsOf(List<Long> declared) {
    int n = seeds != null ? seeds : smoke ? 1 : declared.size();
    List<Long> out = new ArrayList<>(declared.subList(0, Math.min(n, declared.size())));
    long next = declared.stream().mapToLong(Long::longValue).max().orElse(0) + 1;
    while (out.size() < n) {
      out.add(next++);
    }
    return out;
  }
}
