package peer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.zip.GZIPInputStream;

/**
 * One split of an IDX image data set (MNIST layout, as Fashion-MNIST ships it): 28x28 grey images
 * scaled to [0, 1] and their class labels, read from {@code <prefix>-images-idx3-ubyte[.gz]} and
 * {@code <prefix>-labels-idx1-ubyte[.gz]}.
 */
final class IdxSplit {

    static final int SIDE = 28;
    static final int PIXELS = SIDE * SIDE;
    private static final int IMAGE_MAGIC = 0x00000803;
    private static final int LABEL_MAGIC = 0x00000801;

    /** n * 784 pixels, row major, one image after the other. */
    final float[] images;
    /** n labels as floats (DJL's sparse softmax cross-entropy takes float labels). */
    final float[] labels;
    final int count;

    private IdxSplit(float[] images, float[] labels) {
        this.images = images;
        this.labels = labels;
        this.count = labels.length;
    }

    /** Reads split {@code prefix} ("train" or "t10k") from {@code dir}, raw or gzip-compressed. */
    static IdxSplit read(Path dir, String prefix) throws IOException {
        Path imageFile = locate(dir, prefix + "-images-idx3-ubyte");
        Path labelFile = locate(dir, prefix + "-labels-idx1-ubyte");
        ByteBuffer img = ByteBuffer.wrap(readAll(imageFile));
        ByteBuffer lab = ByteBuffer.wrap(readAll(labelFile));
        expect(img.remaining() >= 16 && img.getInt() == IMAGE_MAGIC, imageFile, "an IDX image file (magic 0x803)");
        int n = img.getInt();
        int rows = img.getInt();
        int cols = img.getInt();
        expect(rows == SIDE && cols == SIDE, imageFile, "28x28 images, found " + rows + "x" + cols);
        expect(img.remaining() == (long) n * PIXELS, imageFile, n + " images after the header");
        expect(lab.remaining() >= 8 && lab.getInt() == LABEL_MAGIC, labelFile, "an IDX label file (magic 0x801)");
        int ln = lab.getInt();
        expect(ln == n && lab.remaining() == n, labelFile, n + " labels, as many as " + imageFile.getFileName());
        float[] images = new float[n * PIXELS];
        for (int i = 0; i < images.length; i++) {
            images[i] = (img.get() & 0xff) / 255f;
        }
        float[] labels = new float[n];
        for (int i = 0; i < n; i++) {
            int c = lab.get() & 0xff;
            expect(c < 10, labelFile, "labels 0..9, found " + c + " at index " + i);
            labels[i] = c;
        }
        return new IdxSplit(images, labels);
    }

    /** This split with its samples in a seeded random order (Fisher-Yates). */
    IdxSplit shuffled(Random random) {
        float[] img = new float[images.length];
        float[] lab = new float[count];
        int[] order = new int[count];
        for (int i = 0; i < count; i++) {
            order[i] = i;
        }
        for (int i = count - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        for (int i = 0; i < count; i++) {
            System.arraycopy(images, order[i] * PIXELS, img, i * PIXELS, PIXELS);
            lab[i] = labels[order[i]];
        }
        return new IdxSplit(img, lab);
    }

    private static Path locate(Path dir, String stem) throws IOException {
        for (Path p : new Path[] {dir.resolve(stem), dir.resolve(stem + ".gz")}) {
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        throw new IOException(stem + " (or " + stem + ".gz) not found in " + dir.toAbsolutePath());
    }

    private static byte[] readAll(Path file) throws IOException {
        if (!file.getFileName().toString().endsWith(".gz")) {
            return Files.readAllBytes(file);
        }
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file), 1 << 16)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IOException(file + ": not a readable gzip file (" + e.getMessage() + ")", e);
        }
    }

    private static void expect(boolean ok, Path file, String what) throws IOException {
        if (!ok) {
            throw new IOException(file + ": expected " + what);
        }
    }
}
