package io.cnnlab.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What is installed under a data root: per data set and split, the files, their size on disk, the record
 * count and whether the content matches the manifest. A quick look reads headers only; a full check also reads
 * every record through the readers (record sizes, label ranges, image/label agreement).
 */
public final class DatasetInventory {
  private DatasetInventory() {}

  /** The data sets as installed: CIFAR-100's two label sets share one set of files. */
  public static final List<DatasetId> INSTALLED = List.of(DatasetId.MNIST, DatasetId.FASHION_MNIST, DatasetId.CIFAR100_FINE);

  /**
   * One split of one installed data set.
   *
   * @param dataset folder name ({@code mnist}, {@code fashion-mnist}, {@code cifar-100})
   * @param files file names found (empty when missing)
   * @param bytes size on disk
   * @param count records found, or -1 when unknown
   * @param expectedCount the published count
   * @param checksum {@code ok}, {@code mismatch}, {@code missing} (files absent), {@code no manifest} or
   *     {@code not in manifest}
   * @param problem what is wrong, or empty when this split is usable and verified
   */
  public record Entry(
      String dataset, Split split, List<String> files, long bytes, int count, int expectedCount, String checksum,
      String problem) {
    public boolean ok() {
      return problem.isEmpty();
    }
  }

  /** Inspects every data set under {@code root}; {@code fullRead} also reads every record. */
  public static List<Entry> inspect(Path root, boolean fullRead) {
    List<Entry> out = new ArrayList<>();
    for (DatasetId id : INSTALLED) {
      Map<String, String> manifest = null;
      String manifestProblem = "";
      Optional<Path> manifestFile = Manifest.locate(root, id.directory());
      try {
        if (manifestFile.isPresent()) {
          manifest = Manifest.read(manifestFile.get());
        }
      } catch (IOException e) {
        manifestProblem = e.getMessage();
      }
      for (Split split : Split.values()) {
        out.add(inspect(root, id, split, manifest, manifestProblem, fullRead));
      }
    }
    return out;
  }

  private static Entry inspect(
      Path root, DatasetId id, Split split, Map<String, String> manifest, String manifestProblem, boolean fullRead) {
    String dataset = id.directory();
    int expected = id.expectedCount(split);
    List<Path> files;
    try {
      files = Datasets.resolve(id, root, split);
    } catch (MissingDatasetException e) {
      return new Entry(dataset, split, List.of(), 0, -1, expected, "missing", e.getMessage());
    }
    List<String> names = new ArrayList<>();
    long bytes = 0;
    List<String> problems = new ArrayList<>();
    String checksum = "ok";
    int count = -1;
    try {
      for (Path f : files) {
        names.add(f.getFileName().toString());
        bytes += Files.size(f);
        String status = checksum(f, manifest);
        if (!status.equals("ok")) {
          checksum = status;
          problems.add(f + ": checksum " + status);
        }
      }
      if (id.isCifar100()) { // the class-name lists beside the records, when the archive brought them
        Datasets.classNames(DatasetId.CIFAR100_COARSE, root);
        Datasets.classNames(DatasetId.CIFAR100_FINE, root);
      }
      count = fullRead ? Datasets.open(id, root, split).count() : headerCount(id, files);
      if (count != expected) {
        problems.add(count + " records, expected " + expected);
      }
    } catch (IOException | IllegalArgumentException e) {
      problems.add(e.getMessage());
    }
    if (!manifestProblem.isEmpty()) {
      problems.add(manifestProblem);
    }
    return new Entry(dataset, split, names, bytes, count, expected, checksum, String.join("; ", problems));
  }

  private static String checksum(Path file, Map<String, String> manifest) throws IOException {
    if (manifest == null) {
      return "no manifest";
    }
    String want = manifest.get(Manifest.contentName(file));
    if (want == null) {
      return "not in manifest";
    }
    return want.equals(Manifest.contentSha256(file)) ? "ok" : "mismatch";
  }

  /** Record count from headers (IDX) or file size (CIFAR-100), without reading the records. */
  private static int headerCount(DatasetId id, List<Path> files) throws IOException {
    if (id.isCifar100()) {
      long size = Files.size(files.get(0));
      if (size % Cifar100Reader.RECORD != 0) {
        throw new DatasetFormatException(files.get(0), size + " bytes is not a whole number of 3,074-byte records");
      }
      return (int) (size / Cifar100Reader.RECORD);
    }
    int images = headerSize(files.get(0), IdxReader.IMAGES_MAGIC);
    int labels = headerSize(files.get(1), IdxReader.LABELS_MAGIC);
    if (images != labels) {
      throw new DatasetFormatException(files.get(1), labels + " labels for " + images + " images in " + files.get(0));
    }
    return images;
  }

  private static int headerSize(Path file, int magic) throws IOException {
    int[] header = IdxReader.readHeader(file);
    if (header[0] != magic) {
      throw new DatasetFormatException(file, String.format("magic 0x%08x, expected 0x%08x", header[0], magic));
    }
    return header[1];
  }
}
