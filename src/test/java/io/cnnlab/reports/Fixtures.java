package io.cnnlab.reports;

import io.cnnlab.reports.figures.LayerActivation;
import io.cnnlab.reports.input.Predictions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Run outputs made up for tests: metrics.csv and predictions.csv files, class names, activations. */
public final class Fixtures {
  private Fixtures() {}

  /** Header of a full metrics.csv in a deliberately unusual column order (columns are read by name). */
  static final String FULL_HEADER =
      "test_accuracy,epoch,train_loss,train_accuracy,test_loss,examples_per_second,wall_seconds,"
          + "data_wait_seconds,feed_seconds,step_seconds,eval_seconds,checkpoint_seconds,learning_rate,extra_note";

  /** Training loss of the made-up run at {@code epoch} (1-based) for a seed offset. */
  public static double trainLoss(int epoch, double offset) {
    return 2.3 * Math.exp(-0.3 * epoch) + 0.2 + offset;
  }

  public static double trainAccuracy(int epoch, double offset) {
    return 0.95 - 0.8 * Math.exp(-0.4 * epoch) - offset;
  }

  public static double testAccuracy(int epoch, double offset) {
    return 0.93 - 0.8 * Math.exp(-0.4 * epoch) - 2 * offset;
  }

  /**
   * A metrics.csv of {@code epochs} epochs with all columns; times: data wait 1.0+0.1*w, feed 0.5, step 4,
   * eval 0.8, checkpoint 0.2, wall = their sum + 0.3 (epoch 1 takes 10 s more step time: warm-up).
   */
  public static Path writeMetrics(Path file, int epochs, double offset, double workerSlowdown) throws IOException {
    StringBuilder csv = new StringBuilder(FULL_HEADER).append('\n');
    for (int e = 1; e <= epochs; e++) {
      double step = e == 1 ? 14.0 : 4.0;
      double wait = 1.0 + workerSlowdown;
      double wall = wait + 0.5 + step + 0.8 + 0.2 + 0.3;
      csv.append(
          String.format(
              Locale.ROOT,
              "%.6f,%d,%.6f,%.6f,%.6f,%.1f,%.3f,%.3f,%.3f,%.3f,%.3f,%.3f,%.4f,note %d%n",
              testAccuracy(e, offset), e, trainLoss(e, offset), trainAccuracy(e, offset), trainLoss(e, offset) + 0.05,
              60000 / (wait + 0.5 + step), wall, wait, 0.5, step, 0.8, 0.2, 0.9, e));
    }
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.writeString(file, csv);
    return file;
  }

  /**
   * Predictions of {@code perClass} examples per class over {@code classes} classes where example i of
   * class l is predicted as (l + 1) mod classes when i % 5 == 0, else correctly. With 10 per class: two
   * errors per class, recall = precision = 0.8, every off-diagonal pair (l, l+1) counts 2.
   */
  public static Predictions cyclicPredictions(int classes, int perClass) {
    int n = classes * perClass;
    int[] labels = new int[n];
    int[] predicted = new int[n];
    int k = 0;
    for (int l = 0; l < classes; l++) {
      for (int i = 0; i < perClass; i++) {
        labels[k] = l;
        predicted[k] = i % 5 == 0 ? (l + 1) % classes : l;
        k++;
      }
    }
    return new Predictions(labels, predicted);
  }

  public static Path writePredictions(Path file, Predictions p) throws IOException {
    StringBuilder csv = new StringBuilder("index,label,predicted\n");
    int[] labels = p.labels();
    int[] predicted = p.predicted();
    for (int i = 0; i < labels.length; i++) {
      csv.append(i).append(',').append(labels[i]).append(',').append(predicted[i]).append('\n');
    }
    Files.writeString(file, csv);
    return file;
  }

  public static List<String> classNames(int classes) {
    if (classes == 10) {
      return List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");
    }
    List<String> names = new ArrayList<>();
    for (int c = 0; c < classes; c++) {
      names.add("class_name_" + c);
    }
    return names;
  }

  /** A fake layer output where channel c at (y, x) is c * 1000 + y * w + x: each channel a ramp. */
  public static LayerActivation ramp(String name, int h, int w, int c) {
    float[] values = new float[h * w * c];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        for (int ch = 0; ch < c; ch++) {
          values[(y * w + x) * c + ch] = ch * 1000 + y * w + x;
        }
      }
    }
    return new LayerActivation(name, h, w, c, values);
  }

  /** Fake activations of the textbook LeNet (padding 2) for one 28x28 image, as shaped by its taps. */
  public static List<LayerActivation> lenetLayers() {
    return List.of(
        wave("conv1", 28, 28, 6), wave("sigmoid1", 28, 28, 6), wave("pool1", 14, 14, 6),
        wave("conv2", 10, 10, 16), wave("sigmoid2", 10, 10, 16), wave("pool2", 5, 5, 16));
  }

  /** A layer whose channels hold oriented sine patterns, so grids look like feature maps. */
  public static LayerActivation wave(String name, int h, int w, int c) {
    float[] values = new float[h * w * c];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        for (int ch = 0; ch < c; ch++) {
          double angle = Math.PI * ch / c;
          values[(y * w + x) * c + ch] = (float) Math.sin((x * Math.cos(angle) + y * Math.sin(angle)) * 0.6);
        }
      }
    }
    return new LayerActivation(name, h, w, c, values);
  }

  /** A 28x28 made-up input: a bright ring on black. */
  public static float[][] ringImage() {
    float[][] img = new float[28][28];
    for (int y = 0; y < 28; y++) {
      for (int x = 0; x < 28; x++) {
        double r = Math.hypot(y - 13.5, x - 13.5);
        img[y][x] = (float) Math.max(0, 1 - Math.abs(r - 8) / 3);
      }
    }
    return img;
  }

  /** Horizontal central differences of an image, a stand-in for a Sobel/Prewitt response. */
  public static float[][] gradientX(float[][] img) {
    float[][] out = new float[img.length][img[0].length];
    for (int y = 0; y < img.length; y++) {
      for (int x = 1; x < img[0].length - 1; x++) {
        out[y][x] = img[y][x + 1] - img[y][x - 1];
      }
    }
    return out;
  }
}
