package io.cnnlab.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * SHA-256 manifests of data-set content, in {@code sha256sum} format ({@code <hex>  <name>}). Names are of the
 * decompressed content ({@code train-images-idx3-ubyte}, never {@code .gz}), and so are the checksums: a mirror's
 * gzip and Debian's recompressed gzip of the same bytes verify alike.
 *
 * <p>The committed manifests are {@code <root>/<directory>.sha256}; CIFAR-100, whose archive we could not
 * checksum in advance, gets {@code <root>/cifar-100/SHA256SUMS} written at its first install.
 */
public final class Manifest {
  private Manifest() {}

  /** The manifest for a data-set folder, if there is one. */
  public static Optional<Path> locate(Path root, String directory) {
    Path committed = root.resolve(directory + ".sha256");
    if (Files.isRegularFile(committed)) {
      return Optional.of(committed);
    }
    Path firstUse = root.resolve(directory).resolve("SHA256SUMS");
    return Files.isRegularFile(firstUse) ? Optional.of(firstUse) : Optional.empty();
  }

  /** Content name to lower-case hex SHA-256, in file order. */
  public static Map<String, String> read(Path manifest) throws IOException {
    Map<String, String> out = new LinkedHashMap<>();
    List<String> lines;
    try {
      lines = Files.readAllLines(manifest);
    } catch (IOException e) {
      throw DatasetFormatException.naming(manifest, "a SHA256SUMS list in UTF-8", e);
    }
    for (int n = 0; n < lines.size(); n++) {
      String line = lines.get(n).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] parts = line.split("\\s+\\*?", 2);
      if (parts.length != 2 || !parts[0].matches("[0-9a-fA-F]{64}")) {
        throw new DatasetFormatException(
            manifest, "line " + (n + 1) + " is '" + line + "', expected '<64 hex digits>  <file name>'");
      }
      out.put(parts[1], parts[0].toLowerCase(java.util.Locale.ROOT));
    }
    return out;
  }

  /** The content name a file is listed under: its name without a {@code .gz} suffix. */
  public static String contentName(Path file) {
    String name = file.getFileName().toString();
    return name.endsWith(".gz") ? name.substring(0, name.length() - 3) : name;
  }

  /** Hex SHA-256 of {@code file}'s content, decompressed first when it is gzipped. */
  public static String contentSha256(Path file) throws IOException {
    try (InputStream in = IdxReader.open(file)) {
      return digest(in, "SHA-256");
    } catch (java.util.zip.ZipException | java.io.EOFException e) {
      throw new DatasetFormatException(file, "truncated or corrupt gzip stream (" + e.getMessage()
          + "); the file is damaged, install it again", e);
    } catch (IOException e) {
      throw DatasetFormatException.naming(file, "a data file to checksum", e);
    }
  }

  /**
   * Hex digest of {@code file}'s bytes as stored, never decompressed: what archives' published MD5s and
   * {@code sha256sum} give.
   *
   * @param algorithm {@code MD5} or {@code SHA-256}
   */
  public static String fileDigest(Path file, String algorithm) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return digest(in, algorithm);
    } catch (IOException e) {
      throw DatasetFormatException.naming(file, "a file to checksum", e);
    }
  }

  /**
   * What in {@code dir} does not match {@code manifest}: every listed name must be there, raw or as
   * {@code name.gz}, with the listed SHA-256 of its content. Empty when all match.
   */
  public static List<String> mismatches(Path dir, Path manifest) throws IOException {
    List<String> problems = new ArrayList<>();
    for (Map.Entry<String, String> listed : read(manifest).entrySet()) {
      Path raw = dir.resolve(listed.getKey());
      Path file = Files.isRegularFile(raw) ? raw : dir.resolve(listed.getKey() + ".gz");
      if (!Files.isRegularFile(file)) {
        problems.add("missing " + raw + "(.gz)");
        continue;
      }
      String actual = contentSha256(file);
      if (!actual.equals(listed.getValue())) {
        problems.add("checksum mismatch: " + file + " has content sha256 " + actual + ", manifest " + manifest
            + " expects " + listed.getValue());
      }
    }
    return problems;
  }

  private static String digest(InputStream in, String algorithm) throws IOException {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance(algorithm);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalArgumentException("this Java runtime has no " + algorithm + " digest", e);
    }
    byte[] buffer = new byte[1 << 16];
    for (int n; (n = in.read(buffer)) > 0; ) {
      digest.update(buffer, 0, n);
    }
    return HexFormat.of().formatHex(digest.digest());
  }
}
