package io.cnnlab.data;

import io.cnnlab.data.PickleValues.NumpyArray;
import io.cnnlab.data.PickleValues.PyStr;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * CIFAR-100's python layout ({@code cifar-100-python/{train,test,meta}}, what torchvision and Keras download, or
 * the same dicts saved again from Python 3), read through {@link PickleReader} and converted to the binary layout's
 * bytes, so training reads one format.
 *
 * <p>{@code train} and {@code test} each pickle a dict: {@code data}, a uint8 array of N x 3,072 (R, G, B planes of
 * 32x32 per row); {@code fine_labels} and {@code coarse_labels}, lists of N ints; {@code filenames} and
 * {@code batch_label} (not needed). {@code meta} holds {@code fine_label_names} (100) and
 * {@code coarse_label_names} (20), in label order.
 */
public final class Cifar100Pickles {
  private Cifar100Pickles() {}

  /** The files of the python layout. */
  public static final List<String> FILES = List.of("train", "test", "meta");

  /** One split: {@code count} images of 3,072 bytes (R, G, B planes) in {@code planes}, with both labels. */
  public record Batch(Path file, int count, byte[] planes, byte[] coarseLabels, byte[] fineLabels) {}

  /** Class names from {@code meta}, in label order. */
  public record Names(List<String> coarse, List<String> fine) {}

  /** What {@link #convert} wrote. */
  public record Conversion(int train, int test, Names names) {}

  /** Reads one split ({@code train} or {@code test}), checking the array's shape and every label. */
  public static Batch readBatch(Path file) throws IOException {
    Map<?, ?> dict = dict(file, PickleReader.read(file));
    Object data = entry(file, dict, "data");
    if (!(data instanceof NumpyArray array) || !array.built()) {
      throw new DatasetFormatException(file, "'data' is " + PickleValues.describe(data)
          + ", expected a numpy uint8 array of N x 3072");
    }
    if (array.shape.length != 2 || array.shape[1] != 3 * Cifar100Reader.PLANE) {
      throw new DatasetFormatException(file, "'data' has shape " + array.shapeText() + ", expected (N, 3072): one row"
          + " of 3,072 bytes (R, G, B planes of 32x32) per image");
    }
    int count = array.shape[0];
    byte[] coarse = labels(file, dict, "coarse_labels", count, Cifar100Reader.COARSE_CLASSES);
    byte[] fine = labels(file, dict, "fine_labels", count, Cifar100Reader.FINE_CLASSES);
    return new Batch(file, count, array.data, coarse, fine);
  }

  /** Reads {@code meta}: 20 coarse and 100 fine class names. */
  public static Names readMeta(Path file) throws IOException {
    Map<?, ?> dict = dict(file, PickleReader.read(file));
    return new Names(
        names(file, dict, "coarse_label_names", Cifar100Reader.COARSE_CLASSES),
        names(file, dict, "fine_label_names", Cifar100Reader.FINE_CLASSES));
  }

  /**
   * Converts {@code from/{train,test,meta}} into {@code to/}: {@code train.bin} and {@code test.bin} (3,074-byte
   * records: coarse label, fine label, 3,072 pixel bytes) and the two class-name lists, one name a line, as the
   * binary archive has them. One split is held in memory at a time.
   */
  public static Conversion convert(Path from, Path to) throws IOException {
    for (String name : FILES) {
      if (!Files.isRegularFile(from.resolve(name))) {
        throw new DatasetFormatException(from, "has no '" + name + "' file; expected the CIFAR-100 python layout "
            + "(train, test and meta, as cifar-100-python.tar.gz unpacks them)");
      }
    }
    Names names = readMeta(from.resolve("meta"));
    Files.createDirectories(to);
    int train = writeBinary(readBatch(from.resolve("train")), to.resolve("train.bin"));
    int test = writeBinary(readBatch(from.resolve("test")), to.resolve("test.bin"));
    Files.write(to.resolve(ClassNames.CIFAR100_COARSE_FILE), lines(names.coarse()));
    Files.write(to.resolve(ClassNames.CIFAR100_FINE_FILE), lines(names.fine()));
    return new Conversion(train, test, names);
  }

  /** Writes {@code batch} as binary-layout records; returns the record count. */
  static int writeBinary(Batch batch, Path file) throws IOException {
    int pixels = 3 * Cifar100Reader.PLANE;
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
      for (int i = 0; i < batch.count(); i++) {
        out.write(batch.coarseLabels()[i]);
        out.write(batch.fineLabels()[i]);
        out.write(batch.planes(), i * pixels, pixels);
      }
    }
    return batch.count();
  }

  private static byte[] lines(List<String> names) {
    return names.stream().map(n -> n + "\n").collect(Collectors.joining()).getBytes(StandardCharsets.ISO_8859_1);
  }

  private static Map<?, ?> dict(Path file, Object top) throws DatasetFormatException {
    if (top instanceof Map<?, ?> d) {
      return d;
    }
    throw new DatasetFormatException(file, "pickles " + PickleValues.describe(top) + ", expected a dict");
  }

  /** {@code dict[key]}, the key a Python 2 str or Python 3 bytes (as CIFAR-100 has it) or a unicode string. */
  private static Object entry(Path file, Map<?, ?> dict, String key) throws DatasetFormatException {
    PyStr asStr = PyStr.of(key);
    if (dict.containsKey(asStr)) {
      return dict.get(asStr);
    }
    if (dict.containsKey(key)) {
      return dict.get(key);
    }
    List<String> keys = new ArrayList<>();
    for (Object k : dict.keySet()) {
      keys.add(k instanceof PyStr s ? s.text() : String.valueOf(k));
    }
    throw new DatasetFormatException(file, "has no '" + key + "' entry (its keys: " + String.join(", ", keys)
        + "); expected CIFAR-100's python layout");
  }

  private static byte[] labels(Path file, Map<?, ?> dict, String key, int count, int classes)
      throws DatasetFormatException {
    if (!(entry(file, dict, key) instanceof List<?> list)) {
      throw new DatasetFormatException(file, "'" + key + "' is " + PickleValues.describe(entry(file, dict, key))
          + ", expected a list of ints");
    }
    if (list.size() != count) {
      throw new DatasetFormatException(file, "'" + key + "' has " + list.size() + " labels for the " + count
          + " images in 'data'");
    }
    byte[] out = new byte[count];
    for (int i = 0; i < count; i++) {
      Object v = list.get(i);
      if (!(v instanceof Integer label) || label < 0 || label >= classes) {
        throw new DatasetFormatException(file, key + "[" + i + "] is " + PickleValues.describe(v) + ", expected an int"
            + " from 0 to " + (classes - 1));
      }
      out[i] = (byte) (int) label;
    }
    return out;
  }

  private static List<String> names(Path file, Map<?, ?> dict, String key, int classes) throws DatasetFormatException {
    if (!(entry(file, dict, key) instanceof List<?> list) || list.size() != classes) {
      throw new DatasetFormatException(file, "'" + key + "' is " + PickleValues.describe(entry(file, dict, key))
          + ", expected a list of " + classes + " names");
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < classes; i++) {
      Object v = list.get(i);
      String name = v instanceof PyStr s ? s.text() : v instanceof String s ? s : null;
      if (name == null || name.isBlank() || !name.strip().equals(name) || name.contains("\n")) {
        throw new DatasetFormatException(file, key + "[" + i + "] is " + PickleValues.describe(v)
            + ", expected a class name (text without surrounding spaces or line breaks)");
      }
      out.add(name);
    }
    return List.copyOf(out);
  }
}
