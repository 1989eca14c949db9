package io.cnnlab.experiments;

import io.cnnlab.data.DatasetId;
import io.cnnlab.data.ImageSet;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/** A learnable stand-in for Fashion-MNIST in the real IDX files: class k is a bright bar at rows 2k+4, 2k+5. */
final class BarsDataset {
  private static final int CLASSES = 10;

  private BarsDataset() {}

  /** {@code n} images, labels cycling 0..9, on noise of {@code seed}. */
  static ImageSet bars(String name, int n, long seed) {
    Random random = new Random(seed);
    byte[] pixels = new byte[n * 28 * 28];
    byte[] labels = new byte[n];
    for (int i = 0; i < n; i++) {
      int label = i % CLASSES;
      labels[i] = (byte) label;
      for (int p = 0; p < 28 * 28; p++) {
        int row = p / 28;
        int value = (row / 2 == label + 2 ? 200 : 20) + random.nextInt(40);
        pixels[i * 28 * 28 + p] = (byte) value;
      }
    }
    return new ImageSet(name, pixels, labels, 28, 28, 1, DatasetId.FASHION_MNIST.classNames());
  }

  /** Writes {@code set} as the IDX image and label files of {@code prefix} (train, t10k). */
  static void writeIdx(Path dir, String prefix, ImageSet set) throws IOException {
    ByteArrayOutputStream images = new ByteArrayOutputStream();
    ByteArrayOutputStream labels = new ByteArrayOutputStream();
    try (DataOutputStream i = new DataOutputStream(images); DataOutputStream l = new DataOutputStream(labels)) {
      i.writeInt(0x00000803);
      i.writeInt(set.count());
      i.writeInt(28);
      i.writeInt(28);
      l.writeInt(0x00000801);
      l.writeInt(set.count());
      for (int k = 0; k < set.count(); k++) {
        i.write(set.image(k));
        l.writeByte(set.label(k));
      }
    }
    Files.write(dir.resolve(prefix + "-images-idx3-ubyte"), images.toByteArray());
    Files.write(dir.resolve(prefix + "-labels-idx1-ubyte"), labels.toByteArray());
  }

  /** A Fashion-MNIST folder under {@code dataRoot} with {@code train} and {@code test} bar images. */
  static void install(Path dataRoot, int train, int test) throws IOException {
    Path fmnist = Files.createDirectories(dataRoot.resolve(DatasetId.FASHION_MNIST.directory()));
    writeIdx(fmnist, "train", bars("bars/train", train, 1));
    writeIdx(fmnist, "t10k", bars("bars/test", test, 2));
  }
}
