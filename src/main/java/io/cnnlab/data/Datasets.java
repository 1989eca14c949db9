package io.cnnlab.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Opens the installed data sets by name. The layout under the data root is the one {@code make datasets}
 * creates: {@code mnist/} and {@code fashion-mnist/} with {@code {train,t10k}-{images-idx3,labels-idx1}-ubyte}
 * (raw or {@code .gz}), and {@code cifar-100/{train,test}.bin}.
 */
public final class Datasets {
  private Datasets() {}

  /** Where {@code make datasets} installs, relative to the project root. */
  public static final Path DEFAULT_ROOT = Path.of("datasets");

  /** Reads {@code split} of {@code id} from {@code root} into memory. */
  public static ImageSet open(DatasetId id, Path root, Split split) throws IOException {
    String name = id.cliName() + "/" + split.label();
    if (id.isCifar100()) {
      return openCifar100(root, split).imageSet(name, id == DatasetId.CIFAR100_FINE);
    }
    List<Path> files = resolve(id, root, split);
    return IdxReader.readImageSet(name, files.get(0), files.get(1), id.classNames());
  }

  /**
   * The class names of {@code id} in label order: for CIFAR-100 those of the installed archive (its
   * {@code meta} or {@code .txt} lists, see {@link ClassNames#cifar100}), else the built-in lists.
   */
  public static List<String> classNames(DatasetId id, Path root) throws IOException {
    if (id.isCifar100()) {
      return ClassNames.cifar100(root.resolve(id.directory()), id == DatasetId.CIFAR100_FINE);
    }
    return id.classNames();
  }

  /** Reads {@code split} of CIFAR-100 with both its label sets. */
  public static Cifar100Reader.Records openCifar100(Path root, Split split) throws IOException {
    return Cifar100Reader.read(resolve(DatasetId.CIFAR100_FINE, root, split).get(0));
  }

  /**
   * The files holding {@code split} of {@code id}, in the order of {@link DatasetId#files(Split)}.
   *
   * @throws MissingDatasetException naming the first file not found and how to install it
   */
  public static List<Path> resolve(DatasetId id, Path root, Split split) throws MissingDatasetException {
    Path dir = root.resolve(id.directory());
    List<Path> out = new ArrayList<>();
    for (String base : id.files(split)) {
      out.add(find(dir, base).orElseThrow(() -> new MissingDatasetException(id, dir.resolve(base))));
    }
    return out;
  }

  /** {@code dir/base} if it exists, else {@code dir/base.gz} if that exists. */
  public static Optional<Path> find(Path dir, String base) {
    Path raw = dir.resolve(base);
    if (Files.isRegularFile(raw)) {
      return Optional.of(raw);
    }
    Path gz = dir.resolve(base + ".gz");
    return Files.isRegularFile(gz) ? Optional.of(gz) : Optional.empty();
  }

  /** Whether every file of both splits of {@code id} is present (not whether it is intact). */
  public static boolean isInstalled(DatasetId id, Path root) {
    for (Split split : Split.values()) {
      for (String base : id.files(split)) {
        if (find(root.resolve(id.directory()), base).isEmpty()) {
          return false;
        }
      }
    }
    return true;
  }
}
