package io.cnnlab.cli;

import io.cnnlab.data.Cifar100Pickles;
import io.cnnlab.data.Cifar100Sources;
import io.cnnlab.data.DatasetInventory.Entry;
import io.cnnlab.data.DatasetInventory;
import io.cnnlab.data.Datasets;
import io.cnnlab.data.Manifest;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cnnlab datasets list|verify}: what is installed under the data root and whether it is intact;
 * {@code convert-cifar100}: the python layout of CIFAR-100 into the binary one (the install script calls it).
 */
@Command(
    name = "datasets",
    mixinStandardHelpOptions = true,
    description = {
      "Shows the installed data sets (install them with `make datasets`).",
      "list: files, sizes, record counts from the headers, content checksums against the manifests.",
      "verify: the same, and also reads every record (sizes, label ranges, image/label agreement);"
          + " exits 1 when an installed data set fails.",
      "Both say where CIFAR-100 was installed from, or, when it is not, where `make datasets` would find it.",
      "convert-cifar100: CIFAR-100's python layout (train, test, meta pickles) into train.bin, test.bin and the"
          + " class-name lists.",
      "check, digest: the install scripts' checksums, computed here so that they need no sha256sum or md5sum."
    })
public final class DatasetsCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    String cifar100 = System.getenv("CIFAR100");
    return list(Datasets.DEFAULT_ROOT, cifar100 == null || cifar100.isBlank() ? null : Path.of(cifar100));
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "Installed data sets, sizes, counts, checksums.")
  int list(
      @Option(names = "--root", paramLabel = "DIR", defaultValue = "datasets", description = "data root (default: ${DEFAULT-VALUE})") Path root,
      @Option(names = "--cifar100", paramLabel = "PATH", defaultValue = "${env:CIFAR100}",
          description = "where CIFAR-100 may be, as for make datasets CIFAR100=PATH (default: $CIFAR100)") Path cifar100) {
    return reportWithCifarSource(root, false, cifar100);
  }

  @Command(name = "verify", mixinStandardHelpOptions = true, description = "Like list, and reads every record; exit 1 on any failure.")
  int verify(
      @Option(names = "--root", paramLabel = "DIR", defaultValue = "datasets", description = "data root (default: ${DEFAULT-VALUE})") Path root,
      @Option(names = "--cifar100", paramLabel = "PATH", defaultValue = "${env:CIFAR100}",
          description = "where CIFAR-100 may be, as for make datasets CIFAR100=PATH (default: $CIFAR100)") Path cifar100) {
    return reportWithCifarSource(root, true, cifar100);
  }

  /** The report ({@code readAll}: every record read), then where CIFAR-100 came from or may be found. */
  private int reportWithCifarSource(Path root, boolean readAll, Path cifar100) {
    int status = report(root, readAll, System.out);
    if (status != 2) {
      cifarSource(root, cifar100, defaultKerasHome(), System.out);
    }
    return status;
  }

  @Command(name = "convert-cifar100", mixinStandardHelpOptions = true,
      description = "Converts CIFAR-100's python layout (FROM/train, test, meta) into TO/train.bin, test.bin,"
          + " coarse_label_names.txt and fine_label_names.txt. Exit 1 on a malformed file.")
  int convertCifar100(
      @Option(names = "--from", required = true, paramLabel = "DIR", description = "folder with train, test, meta") Path from,
      @Option(names = "--to", required = true, paramLabel = "DIR", description = "output folder") Path to) {
    try {
      Cifar100Pickles.Conversion c = Cifar100Pickles.convert(from, to);
      System.out.printf(Locale.ROOT, "%s -> %s: train %,d records, test %,d records, %d coarse and %d fine class names%n",
          from, to, c.train(), c.test(), c.names().coarse().size(), c.names().fine().size());
      return 0;
    } catch (IOException e) {
      System.err.println("datasets convert-cifar100: " + e.getMessage());
      return 1;
    }
  }

  @Command(name = "check", mixinStandardHelpOptions = true,
      description = "Checks DIR against a SHA-256 manifest (lines '<sha256>  <name>'): each name must be in DIR, raw"
          + " or as name.gz, with that checksum of its content. Names each problem on standard error; exit 1 on any.")
  int check(
      @Option(names = "--manifest", required = true, paramLabel = "FILE", description = "the manifest") Path manifest,
      @Option(names = "--quiet", description = "no messages, only the exit status") boolean quiet,
      @picocli.CommandLine.Parameters(paramLabel = "DIR", description = "the data set folder") Path dir) {
    try {
      List<String> problems = Manifest.mismatches(dir, manifest);
      if (!quiet) {
        problems.forEach(p -> System.err.println("datasets check: " + p));
      }
      return problems.isEmpty() ? 0 : 1;
    } catch (IOException e) {
      if (!quiet) {
        System.err.println("datasets check: " + e.getMessage());
      }
      return 1;
    }
  }

  @Command(name = "digest", mixinStandardHelpOptions = true,
      description = "Prints '<hex>  <FILE>' for each file, its bytes as stored (sha256sum's and md5sum's format).")
  int digest(
      @Option(names = "--md5", description = "MD5 (published archive checksums) instead of SHA-256") boolean md5,
      @picocli.CommandLine.Parameters(arity = "1..*", paramLabel = "FILE") List<Path> files) {
    try {
      for (Path f : files) {
        System.out.println(Manifest.fileDigest(f, md5 ? "MD5" : "SHA-256") + "  " + f);
      }
      return 0;
    } catch (IOException e) {
      System.err.println("datasets digest: " + e.getMessage());
      return 1;
    }
  }

  private static Path defaultKerasHome() {
    return Cifar100Sources.kerasHome(System.getenv("KERAS_HOME"), Path.of(System.getProperty("user.home")));
  }

  /** Where the installed CIFAR-100 came from, or where an uninstalled one was found (or looked for). */
  static void cifarSource(Path root, Path given, Path kerasHome, PrintStream out) {
    Path dir = root.resolve("cifar-100");
    Optional<String> from = Cifar100Sources.installedFrom(dir);
    if (Files.isRegularFile(dir.resolve("train.bin"))) {
      out.println("cifar-100: installed from " + from.orElse("an unrecorded source (installed before the install "
          + "script wrote " + Cifar100Sources.SOURCE_FILE + ")"));
      return;
    }
    List<Cifar100Sources.Found> found = Cifar100Sources.find(given, kerasHome);
    if (!found.isEmpty()) {
      Cifar100Sources.Found f = found.get(0);
      out.println("cifar-100: not installed; found " + f.path() + " (" + f.kind() + "): `make datasets"
          + (given == null ? "" : " CIFAR100=" + given) + "` installs it from there");
      return;
    }
    out.println("cifar-100: not installed; looked in " + (given == null ? "CIFAR100 (not set)" : given) + " and "
        + kerasHome.resolve("datasets") + ": no cifar-100-{binary,python}.tar.gz or unpacked copy");
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
