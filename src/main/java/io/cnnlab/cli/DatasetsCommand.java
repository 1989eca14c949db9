package io.cnnlab.cli;

import io.cnnlab.data.DatasetInventory;
import io.cnnlab.data.DatasetInventory.Entry;
import io.cnnlab.data.Datasets;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code cnnlab datasets list|verify}: what is installed under the data root and whether it is intact. */
@Command(
    name = "datasets",
    mixinStandardHelpOptions = true,
    description = {
      "Shows the installed data sets (install them with `make datasets`).",
      "list: files, sizes, record counts from the headers, content checksums against the manifests.",
      "verify: the same, and also reads every record (sizes, label ranges, image/label agreement);"
          + " exits 1 when an installed data set fails."
    })
public final class DatasetsCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    return list(Datasets.DEFAULT_ROOT);
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "Installed data sets, sizes, counts, checksums.")
  int list(@Option(names = "--root", paramLabel = "DIR", defaultValue = "datasets", description = "data root (default: ${DEFAULT-VALUE})") Path root) {
    return report(root, false, System.out);
  }

  @Command(name = "verify", mixinStandardHelpOptions = true, description = "Like list, and reads every record; exit 1 on any failure.")
  int verify(@Option(names = "--root", paramLabel = "DIR", defaultValue = "datasets", description = "data root (default: ${DEFAULT-VALUE})") Path root) {
    return report(root, true, System.out);
  }

  static int report(Path root, boolean fullRead, PrintStream out) {
    if (!Files.isDirectory(root)) {
      System.err.println("datasets: " + root + " is not a folder; run `make datasets` or pass --root");
      return 2;
    }
    List<Entry> entries = DatasetInventory.inspect(root, fullRead);
    out.printf(Locale.ROOT, "%-14s %-6s %9s %8s  %-15s %s%n", "data set", "split", "size", "records", "checksum", "files");
    for (Entry e : entries) {
      out.printf(
          Locale.ROOT, "%-14s %-6s %9s %8s  %-15s %s%n", e.dataset(), e.split().label(),
          e.files().isEmpty() ? "-" : megabytes(e.bytes()), e.count() < 0 ? "-" : String.format(Locale.ROOT, "%,d", e.count()),
          e.checksum(), e.files().isEmpty() ? "-" : String.join(" ", e.files()));
    }
    int failures = 0;
    for (Entry e : entries) {
      if (e.ok()) {
        continue;
      }
      boolean missing = e.checksum().equals("missing");
      if (!missing) {
        failures++;
      }
      out.println((missing ? "missing: " : "PROBLEM: ") + e.dataset() + "/" + e.split().label() + ": " + e.problem());
    }
    if (fullRead) {
      out.println(failures == 0 ? "verify: every installed data set is intact" : "verify: " + failures + " split(s) failed");
    }
    return fullRead && failures > 0 ? 1 : 0;
  }

  private static String megabytes(long bytes) {
    return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
  }
}
