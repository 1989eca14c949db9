package io.cnnlab.data;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

/** Writes tiny data files in the real formats (IDX raw and gzipped, CIFAR-100 binary) for the tests. */
public final class Fixtures {
  private Fixtures() {}

  /** The bytes of an IDX file: big-endian magic and sizes, then {@code body}. */
  static byte[] idx(int magic, int[] sizes, byte[] body) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(magic);
      for (int s : sizes) {
        out.writeInt(s);
      }
      out.write(body);
    }
    return bytes.toByteArray();
  }

  static byte[] idxImages(int count, int rows, int cols, byte[] pixels) throws IOException {
    return idx(0x00000803, new int[] {count, rows, cols}, pixels);
  }

  static byte[] idxLabels(byte[] labels) throws IOException {
    return idx(0x00000801, new int[] {labels.length}, labels);
  }

  /** Writes {@code content} to {@code file}, gzipped when {@code gzip}; returns {@code file}. */
  static Path write(Path file, byte[] content, boolean gzip) throws IOException {
    Files.createDirectories(file.getParent());
    try (OutputStream out = gzip ? new GZIPOutputStream(Files.newOutputStream(file)) : Files.newOutputStream(file)) {
      out.write(content);
    }
    return file;
  }

  /** {@code n} random bytes from {@code seed}, covering the whole 0..255 range (signed bytes included). */
  public static byte[] randomBytes(int n, long seed) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    return b;
  }

  /** {@code n} labels in {@code [0, classes)} from {@code seed}. */
  static byte[] randomLabels(int n, int classes, long seed) {
    Random r = new Random(seed);
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) r.nextInt(classes);
    }
    return b;
  }

  /** One CIFAR-100 record: coarse label, fine label, then the R, G and B planes (1,024 bytes each). */
  static byte[] cifarRecord(int coarse, int fine, byte[] planes) {
    if (planes.length != 3072) {
      throw new IllegalArgumentException("planes: " + planes.length);
    }
    byte[] r = new byte[3074];
    r[0] = (byte) coarse;
    r[1] = (byte) fine;
    System.arraycopy(planes, 0, r, 2, 3072);
    return r;
  }

  /** A CIFAR-100 binary file of {@code records} concatenated. */
  static Path writeCifar(Path file, byte[]... records) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (byte[] r : records) {
      bytes.write(r);
    }
    return write(file, bytes.toByteArray(), false);
  }

  /**
   * An MNIST-layout data set under {@code root/directory}: {@code train} samples in train-*, {@code test} in
   * t10k-*, 28x28, labels 0..9, gzipped or raw. Pixels and labels are random from {@code seed}.
   */
  public static void writeMnistLayout(Path root, String directory, int train, int test, boolean gzip, long seed)
      throws IOException {
    Path dir = root.resolve(directory);
    String gz = gzip ? ".gz" : "";
    write(dir.resolve("train-images-idx3-ubyte" + gz), idxImages(train, 28, 28, randomBytes(train * 784, seed)), gzip);
    write(dir.resolve("train-labels-idx1-ubyte" + gz), idxLabels(randomLabels(train, 10, seed + 1)), gzip);
    write(dir.resolve("t10k-images-idx3-ubyte" + gz), idxImages(test, 28, 28, randomBytes(test * 784, seed + 2)), gzip);
    write(dir.resolve("t10k-labels-idx1-ubyte" + gz), idxLabels(randomLabels(test, 10, seed + 3)), gzip);
  }

  /** A CIFAR-100 layout under {@code root/cifar-100} with random records (valid labels). */
  static void writeCifarLayout(Path root, int train, int test, long seed) throws IOException {
    Random r = new Random(seed);
    for (String name : new String[] {"train.bin", "test.bin"}) {
      int n = name.equals("train.bin") ? train : test;
      byte[][] records = new byte[n][];
      for (int i = 0; i < n; i++) {
        records[i] = cifarRecord(r.nextInt(20), r.nextInt(100), randomBytes(3072, r.nextLong()));
      }
      writeCifar(root.resolve("cifar-100").resolve(name), records);
    }
  }

  /**
   * A CIFAR-100 split pickled as Python 2's cPickle writes the python layout (protocol 2): a dict of {@code data}
   * (uint8 array N x 3072), {@code fine_labels}, {@code coarse_labels}, {@code filenames}, {@code batch_label}.
   */
  static byte[] cifarBatchPickle(int[] coarse, int[] fine, byte[] planes) {
    java.util.List<String> files = new java.util.ArrayList<>();
    for (int i = 0; i < fine.length; i++) {
      files.add(String.format("image_%06d.png", i));
    }
    PickleWriter w = new PickleWriter().proto2().raw('}').put().mark();
    w.str("data").uint8Array(new int[] {fine.length, 3072}, planes);
    w.str("fine_labels").intList(fine);
    w.str("coarse_labels").intList(coarse);
    w.str("filenames").strList(files);
    w.str("batch_label").str("training batch 1 of 1");
    return w.raw('u').stop().bytes();
  }

  /** The python layout's {@code meta}: a dict of {@code fine_label_names} and {@code coarse_label_names}. */
  static byte[] cifarMetaPickle(java.util.List<String> coarse, java.util.List<String> fine) {
    PickleWriter w = new PickleWriter().proto2().raw('}').put().mark();
    w.str("fine_label_names").strList(fine);
    w.str("coarse_label_names").strList(coarse);
    return w.raw('u').stop().bytes();
  }

  /** One split's content: labels and R, G, B planes per image, random from a seed. */
  record CifarSplit(int[] coarse, int[] fine, byte[] planes) {
    static CifarSplit random(int n, long seed) {
      Random r = new Random(seed);
      int[] coarse = new int[n];
      int[] fine = new int[n];
      for (int i = 0; i < n; i++) {
        fine[i] = r.nextInt(100);
        coarse[i] = r.nextInt(20);
      }
      return new CifarSplit(coarse, fine, randomBytes(n * 3072, seed + 1));
    }

    byte[] pickle() {
      return cifarBatchPickle(coarse, fine, planes);
    }

    /** The split as Python 3 saves it again with {@code pickle.dump(d, f, protocol)}, numpy {@code numpyMajor}. */
    byte[] pickle3(int protocol, int numpyMajor) {
      return Python3PickleWriter.dump(dict(), protocol, numpyMajor);
    }

    /** The dict as Python 3 loads it with {@code encoding='latin1'}: str keys and names (the reader ignores key order). */
    java.util.Map<String, Object> dict() {
      java.util.Map<String, Object> d = new java.util.LinkedHashMap<>();
      d.put("filenames", java.util.stream.IntStream.range(0, fine.length)
          .mapToObj(i -> String.format("image_%06d.png", i)).toList());
      d.put("batch_label", "training batch 1 of 1");
      d.put("fine_labels", java.util.Arrays.stream(fine).boxed().toList());
      d.put("coarse_labels", java.util.Arrays.stream(coarse).boxed().toList());
      d.put("data", new Python3PickleWriter.Uint8Array(new int[] {fine.length, 3072}, planes));
      return d;
    }

    /** The same images as binary-layout records: coarse label, fine label, 3,072 pixel bytes. */
    byte[] binaryRecords() {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      for (int i = 0; i < fine.length; i++) {
        bytes.writeBytes(cifarRecord(coarse[i], fine[i], java.util.Arrays.copyOfRange(planes, i * 3072, (i + 1) * 3072)));
      }
      return bytes.toByteArray();
    }
  }

  /** A python-layout folder ({@code train}, {@code test}, {@code meta}) with the given splits and names. */
  static Path writePythonLayout(Path dir, CifarSplit train, CifarSplit test, java.util.List<String> coarseNames,
      java.util.List<String> fineNames) throws IOException {
    write(dir.resolve("train"), train.pickle(), false);
    write(dir.resolve("test"), test.pickle(), false);
    write(dir.resolve("meta"), cifarMetaPickle(coarseNames, fineNames), false);
    return dir;
  }

  /** The same folder as Python 3 saves it again: each file with {@code pickle.dump(d, f, protocol)}. */
  static Path writePython3Layout(Path dir, CifarSplit train, CifarSplit test, java.util.List<String> coarseNames,
      java.util.List<String> fineNames, int protocol, int numpyMajor) throws IOException {
    write(dir.resolve("train"), train.pickle3(protocol, numpyMajor), false);
    write(dir.resolve("test"), test.pickle3(protocol, numpyMajor), false);
    java.util.Map<String, Object> meta = new java.util.LinkedHashMap<>();
    meta.put("fine_label_names", fineNames);
    meta.put("coarse_label_names", coarseNames);
    write(dir.resolve("meta"), Python3PickleWriter.dump(meta, protocol, numpyMajor), false);
    return dir;
  }

  /** Names of the loader threads still alive. */
  public static java.util.List<String> liveLoaderThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.isAlive() && t.getName().startsWith("cnnlab-loader-"))
        .map(Thread::getName)
        .toList();
  }
}
