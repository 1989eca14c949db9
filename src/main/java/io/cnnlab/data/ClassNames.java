package io.cnnlab.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Class names of the data sets, indexed by label. CIFAR-100's lists are in the order of the archive's
 * {@code coarse_label_names.txt} and {@code fine_label_names.txt} (alphabetical), which is the label order.
 */
public final class ClassNames {
  private ClassNames() {}

  /** The binary archive's lists (one name a line), also written when the python layout's meta is converted. */
  public static final String CIFAR100_COARSE_FILE = "coarse_label_names.txt";

  public static final String CIFAR100_FINE_FILE = "fine_label_names.txt";

  /**
   * CIFAR-100's fine or coarse names as the archive installed in {@code dir} lists them, or the built-in lists
   * when the folder has none (a folder of bare {@code .bin} files).
   *
   * @throws DatasetFormatException when the list does not hold exactly 100 (fine) or 20 (coarse) names
   */
  public static List<String> cifar100(Path dir, boolean fine) throws IOException {
    List<String> builtIn = fine ? CIFAR100_FINE : CIFAR100_COARSE;
    Path file = dir.resolve(fine ? CIFAR100_FINE_FILE : CIFAR100_COARSE_FILE);
    if (!Files.isRegularFile(file)) {
      return builtIn;
    }
    // Blank lines are skipped: the lists end in line breaks.
    List<String> names;
    try {
      names = Files.readAllLines(file, StandardCharsets.ISO_8859_1).stream()
          .map(String::strip).filter(s -> !s.isEmpty()).toList();
    } catch (IOException e) {
      throw DatasetFormatException.naming(file, "a list of class names, one a line", e);
    }
    if (names.size() != builtIn.size()) {
      throw new DatasetFormatException(file, names.size() + " class names, expected " + builtIn.size()
          + " (one a line, in label order)");
    }
    return names;
  }

  /** MNIST: the digits 0 to 9. */
  public static final List<String> DIGITS = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");

  /** Fashion-MNIST, as published by Zalando Research. */
  public static final List<String> FASHION_MNIST =
      List.of(
          "t-shirt/top", "trouser", "pullover", "dress", "coat",
          "sandal", "shirt", "sneaker", "bag", "ankle boot");

  /** CIFAR-100's 20 superclasses (coarse labels). */
  public static final List<String> CIFAR100_COARSE =
      List.of(
          "aquatic_mammals", "fish", "flowers", "food_containers", "fruit_and_vegetables",
          "household_electrical_devices", "household_furniture", "insects", "large_carnivores",
          "large_man-made_outdoor_things", "large_natural_outdoor_scenes", "large_omnivores_and_herbivores",
          "medium_mammals", "non-insect_invertebrates", "people", "reptiles", "small_mammals", "trees",
          "vehicles_1", "vehicles_2");

  /** CIFAR-100's 100 classes (fine labels). */
  public static final List<String> CIFAR100_FINE =
      List.of(
          "apple", "aquarium_fish", "baby", "bear", "beaver", "bed", "bee", "beetle", "bicycle", "bottle",
          "bowl", "boy", "bridge", "bus", "butterfly", "camel", "can", "castle", "caterpillar", "cattle",
          "chair", "chimpanzee", "clock", "cloud", "cockroach", "couch", "crab", "crocodile", "cup", "dinosaur",
          "dolphin", "elephant", "flatfish", "forest", "fox", "girl", "hamster", "house", "kangaroo", "keyboard",
          "lamp", "lawn_mower", "leopard", "lion", "lizard", "lobster", "man", "maple_tree", "motorcycle",
          "mountain", "mouse", "mushroom", "oak_tree", "orange", "orchid", "otter", "palm_tree", "pear",
          "pickup_truck", "pine_tree", "plain", "plate", "poppy", "porcupine", "possum", "rabbit", "raccoon",
          "ray", "road", "rocket", "rose", "sea", "seal", "shark", "shrew", "skunk", "skyscraper", "snail",
          "snake", "spider", "squirrel", "streetcar", "sunflower", "sweet_pepper", "table", "tank",
          "telephone", "television", "tiger", "tractor", "train", "trout", "tulip", "turtle", "wardrobe",
          "whale", "willow_tree", "wolf", "woman", "worm");
}
