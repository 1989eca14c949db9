package io.cnnlab.architecture;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One row of a package table in ARCHITECTURE.md: {@code | `name` | `a`, `b` (or "nothing") | what it holds |}.
 *
 * @param name {@code training}, or {@code io.cnnlab} for the root package
 * @param mayImport the rows it may depend on
 */
record PackageRow(String name, List<String> mayImport) {
  private static final Pattern CODE = Pattern.compile("`([^`]+)`");

  /** The ArchUnit package identifier: the package with its subpackages, the root package alone. */
  String packageIdentifier() {
    return name.equals("io.cnnlab") ? "io.cnnlab" : "io.cnnlab." + name + "..";
  }

  /** The package's folder relative to the source root. */
  Path folder() {
    return Path.of(packageIdentifier().replace("..", "").replace('.', '/'));
  }

  /** The rows of the table in {@code file}'s section {@code heading} (a line such as {@code ## Packages}). */
  static List<PackageRow> read(Path file, String heading) throws IOException {
    List<PackageRow> rows = new ArrayList<>();
    boolean inSection = false;
    for (String line : Files.readAllLines(file)) {
      if (line.startsWith("## ")) {
        inSection = line.equals(heading);
      }
      if (!inSection || !line.startsWith("| `")) {
        continue;
      }
      String[] cells = line.split("\\|");
      if (cells.length < 4) {
        throw new IllegalStateException(file + ": a table row needs package, may-import and description: " + line);
      }
      Matcher name = CODE.matcher(cells[1]);
      if (!name.find()) {
        throw new IllegalStateException(file + ": no `package` in the first cell of " + line);
      }
      List<String> allowed = new ArrayList<>();
      Matcher m = CODE.matcher(cells[2]);
      while (m.find()) {
        allowed.add(m.group(1));
      }
      if (allowed.isEmpty() && !cells[2].trim().equals("nothing")) {
        throw new IllegalStateException(file + ": the may-import cell is neither `packages` nor 'nothing': " + line);
      }
      rows.add(new PackageRow(name.group(1), List.copyOf(allowed)));
    }
    if (rows.isEmpty()) {
      throw new IllegalStateException(file + ": no package table (rows starting with | `name`) under " + heading);
    }
    return rows;
  }
}
