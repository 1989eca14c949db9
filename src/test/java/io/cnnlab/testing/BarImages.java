package io.cnnlab.testing;

import io.cnnlab.data.DatasetId;
import io.cnnlab.data.ImageSet;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * A data set a small network learns in two epochs: 28x28 gray images in which class k is a bright horizontal bar at
 * rows 2k+4 and 2k+5 on noise, labels cycling 0..9, written as a Fashion-MNIST install (IDX files) so that runs
 * read them as the real data set.
 */
public final class BarImages {
  private BarImages() {}

  public static final int CLASSES = 10;
  public static final int SIDE = 28;

  /** {@code n} bar images drawn with {@code seed}. */
  public static ImageSet bars(String name, int n, long seed) {
    Random random = new Random(seed);
    byte[] pixels = new byte[n * SIDE * SIDE];
    byte[] labels = new byte[n];
    for (int i = 0; i < n; i++) {
      int label = i % CLASSES;
      labels[i] = (byte) label;
      for (int p = 0; p < SIDE * SIDE; p++) {
        int row = p / SIDE;
        int value = (row / 2 == label + 2 ? 200 : 20) + random.nextInt(40);
        pixels[i * SIDE * SIDE + p] = (byte) value;
      }
    }
    return new ImageSet(name, pixels, labels, SIDE, SIDE, 1, DatasetId.FASHION_MNIST.classNames());
  }

  /**
   * Writes {@code train} and {@code test} as {@code dataRoot/fashion-mnist}'s IDX files.
   *
   * @return the folder written
   */
  public static Path writeFashionMnist(Path dataRoot, ImageSet train, ImageSet test) throws IOException {
    Path dir = Files.createDirectories(dataRoot.resolve(DatasetId.FASHION_MNIST.directory()));
    writeIdx(dir, "train", train);
    writeIdx(dir, "t10k", test);
    return dir;
  }

  /** Writes {@code set} as the IDX image and label files of {@code prefix} (train, t10k). */
  private static void writeIdx(Path dir, String prefix, ImageSet set) throws IOException {
    ByteArrayOutputStream images = new ByteArrayOutputStream();
    ByteArrayOutputStream labels = new ByteArrayOutputStream();
    try (DataOutputStream i = new DataOutputStream(images); DataOutputStream l = new DataOutputStream(labels)) {
      i.writeInt(0x00000803);
      i.writeInt(set.count());
      i.writeInt(SIDE);
      i.writeInt(SIDE);
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
}
