package io.cnnlab.data;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The data sets cnnlab reads, with where they live under the data root ({@code datasets/}) and their shapes.
 * CIFAR-100 is one set of files read with either of its two label sets.
 */
public enum DatasetId {
  MNIST("mnist", "mnist", 28, 28, 1, ClassNames.DIGITS),
  FASHION_MNIST("fashion-mnist", "fashion-mnist", 28, 28, 1, ClassNames.FASHION_MNIST),
  CIFAR100_COARSE("cifar100-coarse", "cifar-100", 32, 32, 3, ClassNames.CIFAR100_COARSE),
  CIFAR100_FINE("cifar100-fine", "cifar-100", 32, 32, 3, ClassNames.CIFAR100_FINE);

  private final String cliName;
  private final String directory;
  private final int height;
  private final int width;
  private final int channels;
  private final List<String> classNames;

  DatasetId(String cliName, String directory, int height, int width, int channels, List<String> classNames) {
    this.cliName = cliName;
    this.directory = directory;
    this.height = height;
    this.width = width;
    this.channels = channels;
    this.classNames = classNames;
  }

  /** Name on the command line and in reports, e.g. {@code fashion-mnist}. */
  public String cliName() {
    return cliName;
  }

  /** Folder under the data root that {@code make datasets} installs it into. */
  public String directory() {
    return directory;
  }

  public int height() {
    return height;
  }

  public int width() {
    return width;
  }

  public int channels() {
    return channels;
  }

  public List<String> classNames() {
    return classNames;
  }

  /**
   * Whether its pictures are light objects on a dark background (MNIST's digits, Fashion-MNIST's garments): a
   * photo of a dark object on light paper must be inverted before a model of it sees what it was trained on.
   */
  public boolean lightOnDark() {
    return !isCifar100();
  }

  public boolean isCifar100() {
    return directory.equals("cifar-100");
  }

  /**
   * Base names of the files holding {@code split}, relative to {@link #directory()}: images then labels for
   * the IDX sets (each may also be stored gzipped, with {@code .gz} appended), one {@code .bin} for CIFAR-100.
   */
  public List<String> files(Split split) {
    if (isCifar100()) {
      return List.of(split == Split.TRAIN ? "train.bin" : "test.bin");
    }
    String prefix = split == Split.TRAIN ? "train" : "t10k";
    return List.of(prefix + "-images-idx3-ubyte", prefix + "-labels-idx1-ubyte");
  }

  /** Published number of samples in {@code split}. */
  public int expectedCount(Split split) {
    if (isCifar100()) {
      return split == Split.TRAIN ? 50_000 : 10_000;
    }
    return split == Split.TRAIN ? 60_000 : 10_000;
  }

  /** Parses a command-line name ({@code fashion-mnist}) or the constant's name ({@code FASHION_MNIST}). */
  public static DatasetId parse(String name) {
    for (DatasetId id : values()) {
      if (id.cliName.equalsIgnoreCase(name) || id.name().equalsIgnoreCase(name.replace('-', '_'))) {
        return id;
      }
    }
    throw new IllegalArgumentException(
        "unknown data set '" + name + "'; expected one of "
            + Arrays.stream(values()).map(DatasetId::cliName).collect(Collectors.joining(", ")));
  }

  @Override
  public String toString() {
    return cliName.toLowerCase(Locale.ROOT);
  }
}
