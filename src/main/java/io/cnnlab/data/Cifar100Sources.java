package io.cnnlab.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where CIFAR-100 may already be on a machine, in the order {@code datasets/install-cifar100.sh} tries them (keep
 * the two in step): the path given as {@code CIFAR100=} (an archive, a folder in either layout, or a folder
 * holding those, such as a torchvision root), then the Keras cache ({@code $KERAS_HOME} or {@code ~/.keras}, under
 * {@code datasets/}: Keras 2's {@code cifar-100-python.tar.gz} and {@code cifar-100-python/}, Keras 3's
 * {@code cifar-100-python-target_archive} and {@code cifar-100-python-target/cifar-100-python/}). Archives come
 * before folders because their published MD5 can be checked.
 */
public final class Cifar100Sources {
  private Cifar100Sources() {}

  /** The file the install script writes into {@code cifar-100/}: where that copy came from. */
  public static final String SOURCE_FILE = "SOURCE";

  /** What a place holds. */
  public enum Kind {
    ARCHIVE("archive, binary or python by its MD5"),
    BINARY_ARCHIVE("binary archive"),
    PYTHON_ARCHIVE("python archive"),
    BINARY_FOLDER("binary layout"),
    PYTHON_FOLDER("python layout");

    private final String label;

    Kind(String label) {
      this.label = label;
    }

    @Override
    public String toString() {
      return label;
    }
  }

  /** A copy of CIFAR-100 found at {@code path}. */
  public record Found(Path path, Kind kind) {}

  /** The Keras cache: {@code $KERAS_HOME}, else {@code ~/.keras}. */
  public static Path kerasHome(String kerasHomeEnv, Path userHome) {
    return kerasHomeEnv != null && !kerasHomeEnv.isBlank() ? Path.of(kerasHomeEnv) : userHome.resolve(".keras");
  }

  /** Every place looked at, in order: under {@code given} (when not null) and in the Keras cache. */
  public static List<Path> places(Path given, Path kerasHome) {
    List<Path> out = new ArrayList<>();
    if (given != null) {
      out.add(given);
      for (String name : List.of("cifar-100-binary.tar.gz", "cifar-100-python.tar.gz", "cifar-100-binary",
          "cifar-100-python")) {
        out.add(given.resolve(name));
      }
    }
    Path keras = kerasHome.resolve("datasets");
    out.add(keras.resolve("cifar-100-python.tar.gz"));
    out.add(keras.resolve("cifar-100-python-target_archive"));
    out.add(keras.resolve("cifar-100-python"));
    out.add(keras.resolve("cifar-100-python-target").resolve("cifar-100-python"));
    return out;
  }

  /** The copies found, in the order tried. */
  public static List<Found> find(Path given, Path kerasHome) {
    List<Found> out = new ArrayList<>();
    for (Path p : places(given, kerasHome)) {
      classify(p).ifPresent(out::add);
    }
    return out;
  }

  /**
   * What {@code path} holds, judged by names only (the install script checks the content): a folder with
   * {@code train.bin} and {@code test.bin}, one with {@code train}, {@code test} and {@code meta}, or a file: an
   * archive, named for the binary or python version or not (Keras 3 stores the python one as {@code *_archive}).
   */
  static Optional<Kind> kindOf(Path path) {
    if (Files.isDirectory(path)) {
      if (Files.isRegularFile(path.resolve("train.bin")) && Files.isRegularFile(path.resolve("test.bin"))) {
        return Optional.of(Kind.BINARY_FOLDER);
      }
      boolean python = Cifar100Pickles.FILES.stream().allMatch(f -> Files.isRegularFile(path.resolve(f)));
      return python ? Optional.of(Kind.PYTHON_FOLDER) : Optional.empty();
    }
    if (Files.isRegularFile(path)) {
      String name = path.getFileName().toString();
      if (name.contains("binary")) {
        return Optional.of(Kind.BINARY_ARCHIVE);
      }
      if (name.contains("python")) {
        return Optional.of(Kind.PYTHON_ARCHIVE);
      }
      return Optional.of(Kind.ARCHIVE);
    }
    return Optional.empty();
  }

  private static Optional<Found> classify(Path path) {
    return kindOf(path).map(k -> new Found(path, k));
  }

  /** The first line of {@code dir/SOURCE}, which the install script wrote, if there is one. */
  public static Optional<String> installedFrom(Path dir) {
    Path file = dir.resolve(SOURCE_FILE);
    try {
      if (Files.isRegularFile(file)) {
        return Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).findFirst();
      }
    } catch (IOException e) {
      return Optional.of("(" + file + " unreadable: " + e.getMessage() + ")");
    }
    return Optional.empty();
  }
}
