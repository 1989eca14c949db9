package io.cnnlab.serving;

import io.cnnlab.experiments.FeatureMapExtractor;
import io.cnnlab.experiments.RunReuse;
import io.cnnlab.image.ModelInput;
import io.cnnlab.runs.FeatureMaps;
import io.cnnlab.runs.RunFileException;
import io.cnnlab.runs.RunFolder;
import io.cnnlab.tf.Tensors;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Result;
import org.tensorflow.Tensor;
import org.tensorflow.types.TUint8;

/**
 * An exported model loaded for predictions on pictures ({@code cnnlab predict}): through TensorFlow's SavedModel
 * loader and its signatures, as any other program would use the export. Given a run folder instead, it exports
 * the run into a temporary folder first (deleted on {@link #close()}).
 */
public final class Predictor implements AutoCloseable {
  private final ExportInfo info;
  private final SavedModelBundle bundle;
  private final Path temporary;

  private Predictor(ExportInfo info, SavedModelBundle bundle, Path temporary) {
    this.info = info;
    this.bundle = bundle;
    this.temporary = temporary;
  }

  /**
   * Loads the export in {@code dir}, or exports the run in {@code dir} and loads that.
   *
   * @throws RunFileException naming the folder when it is neither a cnnlab export nor a run folder, or the file
   *     that cannot be read
   */
  public static Predictor open(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new RunFileException(dir, "is not a folder; expected a cnnlab export or a run folder");
    }
    if (ExportInfo.isExport(dir) || !Files.isRegularFile(new RunFolder(dir).manifest())) {
      return load(dir, null); // not a run either: ExportInfo.read says what was expected
    }
    Path temporary = Files.createTempDirectory("cnnlab-export");
    try {
      Path exported = temporary.resolve("model");
      ModelExport.export(dir, exported);
      return load(exported, temporary);
    } catch (IOException | RuntimeException e) {
      RunReuse.clear(temporary);
      throw e;
    }
  }

  private static Predictor load(Path dir, Path temporary) throws RunFileException {
    ExportInfo info = ExportInfo.read(dir);
    try {
      return new Predictor(info, SavedModelBundle.load(dir.toString(), SavedModelBundle.DEFAULT_TAG), temporary);
    } catch (RuntimeException e) { // TensorFlow's loader reports a damaged SavedModel as various unchecked types
      throw new RunFileException(dir.resolve(ExportInfo.SAVED_MODEL), "cannot be loaded by TensorFlow: "
          + e.getMessage(), e);
    }
  }

  /** What the export says about itself. */
  public ExportInfo info() {
    return info;
  }

  /** {@code picture} made ready for this model ({@link ModelInput}). */
  public ModelInput.Prepared prepare(BufferedImage picture, ModelInput.Invert invert) {
    return ModelInput.prepare(picture, info.height(), info.width(), info.channels(), info.lightOnDark(), invert);
  }

  /** The model's class probabilities for each picture, through its {@code serving_default} signature. */
  public List<Prediction> classify(List<ModelInput.Prepared> pictures) {
    List<Prediction> out = new ArrayList<>();
    if (pictures.isEmpty()) {
      return out;
    }
    int classes = info.classNames().size();
    try (TUint8 images = batch(pictures);
        Result r = bundle.function(ServingGraph.SERVING).call(Map.of(ServingGraph.IMAGES, images))) {
      float[] p = Tensors.toFloats(output(r, ServingGraph.PROBABILITIES));
      for (int i = 0; i < pictures.size(); i++) {
        float[] row = new float[classes];
        System.arraycopy(p, i * classes, row, 0, classes);
        out.add(new Prediction(row, info.classNames(), pictures.get(i).inverted()));
      }
    }
    return out;
  }

  /**
   * Every spatial layer's output for each picture, beside the Prewitt and Sobel edge strengths of its luma, and the
   * first convolution's kernel, through the {@code feature_maps} signature: what the report shows for test images.
   * Picture {@code i} is numbered {@code i}; its class is not known (label -1).
   *
   * @param predicted each picture's predicted class
   */
  public FeatureMaps features(List<ModelInput.Prepared> pictures, int[] predicted) {
    int n = pictures.size();
    int h = info.height();
    int w = info.width();
    int c = info.channels();
    float[] fed = new float[n * h * w * c];
    for (int i = 0; i < n; i++) {
      byte[] bytes = pictures.get(i).pixels();
      for (int p = 0; p < bytes.length; p++) {
        fed[i * bytes.length + p] = (bytes[p] & 0xFF) / 255f;
      }
    }
    try (TUint8 images = batch(pictures);
        Result r = bundle.function(ServingGraph.FEATURES).call(Map.of(ServingGraph.IMAGES, images))) {
      List<List<FeatureMaps.Layer>> layers = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        layers.add(new ArrayList<>());
      }
      for (String name : info.layers()) {
        Tensor t = output(r, name);
        float[] values = Tensors.toFloats(t);
        for (int i = 0; i < n; i++) {
          layers.get(i).add(FeatureMapExtractor.layer(name, t.shape().asArray(), values, i));
        }
      }
      FeatureMaps.Kernel kernel = info.kernel() == null ? null : FeatureMapExtractor.kernel(info.kernel(),
          output(r, info.kernel()).shape().asArray(), Tensors.toFloats(output(r, info.kernel())));
      int[] numbers = new int[n];
      int[] unknown = new int[n];
      for (int i = 0; i < n; i++) {
        numbers[i] = i;
        unknown[i] = -1;
      }
      return new FeatureMaps(info.classNames(),
          FeatureMapExtractor.examples(numbers, unknown, fed, h, w, c, predicted, layers), kernel);
    }
  }

  private TUint8 batch(List<ModelInput.Prepared> pictures) {
    int size = info.height() * info.width() * info.channels();
    byte[] all = new byte[pictures.size() * size];
    for (int i = 0; i < pictures.size(); i++) {
      System.arraycopy(pictures.get(i).pixels(), 0, all, i * size, size);
    }
    return Tensors.bytes(all, pictures.size(), info.height(), info.width(), info.channels());
  }

  private static Tensor output(Result r, String name) {
    return r.get(name).orElseThrow(() -> new IllegalStateException("the SavedModel's signature has no output '"
        + name + "'; it has " + r.keySet()));
  }

  @Override
  public void close() throws IOException {
    bundle.close();
    if (temporary != null) {
      RunReuse.clear(temporary);
    }
  }
}
