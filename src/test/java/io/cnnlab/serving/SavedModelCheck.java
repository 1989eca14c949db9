package io.cnnlab.serving;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Result;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TUint8;

/**
 * A program of its own that uses an export as any TensorFlow Java program would, with none of cnnlab's code: loads
 * the SavedModel, feeds the first N images of an IDX file (gzipped or not) as uint8 to {@code serving_default} and
 * prints, per image, {@code index,class,sum of its probabilities,p0,p1,...} (its probability of each class).
 *
 * <p>Usage: {@code SavedModelCheck MODEL_DIR IDX_IMAGES N}
 */
public final class SavedModelCheck {
  private SavedModelCheck() {}

  public static void main(String[] args) throws IOException {
    Path images = Path.of(args[1]);
    int n = Integer.parseInt(args[2]);
    int rows;
    int cols;
    byte[] pixels;
    try (InputStream raw = Files.newInputStream(images);
        DataInputStream in = new DataInputStream(images.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw)) {
      if (in.readInt() != 0x00000803) {
        throw new IOException(images + ": not an IDX image file");
      }
      n = Math.min(n, in.readInt());
      rows = in.readInt();
      cols = in.readInt();
      pixels = in.readNBytes(n * rows * cols);
    }
    try (SavedModelBundle model = SavedModelBundle.load(args[0], "serve");
        TUint8 batch = TUint8.tensorOf(Shape.of(n, rows, cols, 1), DataBuffers.of(pixels, true, false));
        Result r = model.function("serving_default").call(Map.of("images", batch))) {
      TInt64 classes = (TInt64) r.get("classes").orElseThrow();
      TFloat32 probabilities = (TFloat32) r.get("probabilities").orElseThrow();
      long k = probabilities.shape().size(1);
      for (int i = 0; i < n; i++) {
        StringBuilder row = new StringBuilder();
        double sum = 0;
        for (int j = 0; j < k; j++) {
          sum += probabilities.getFloat(i, j);
          row.append(',').append(probabilities.getFloat(i, j));
        }
        System.out.println(i + "," + classes.getLong(i) + "," + sum + row);
      }
    }
  }
}
