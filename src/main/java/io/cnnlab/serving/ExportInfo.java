package io.cnnlab.serving;

import io.cnnlab.runs.ExecutionRecord;
import io.cnnlab.runs.RunFileException;
import io.cnnlab.runs.RunJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What an export folder says about its SavedModel, in {@code cnnlab-export.json} beside {@code saved_model.pb}:
 * what it was made from, the input it takes and how its pixels were prepared in training, its classes (also one
 * per line in {@code classes.txt}, for programs that read no JSON) and its feature-map outputs. Its presence is
 * what marks a folder as a cnnlab export.
 *
 * @param format {@link #FORMAT}
 * @param source the run folder the weights came from
 * @param experiment the run's experiment ({@code train} for {@code cnnlab train})
 * @param dataset the data set it was trained on
 * @param model its model settings as the run's manifest gives them
 * @param epochs epochs it was trained for
 * @param height input height, pixels
 * @param width input width, pixels
 * @param channels input channels: 1 gray, 3 RGB
 * @param classNames the class names, in class-index order
 * @param mean the normalisation inside the graph: per channel (or shared) mean of {@code v / 255}
 * @param std and the standard deviation divided by
 * @param lightOnDark whether the data set draws light objects on a dark background (pictures with a light one
 *     are inverted by {@code cnnlab predict --invert auto})
 * @param layers the spatial layers the {@code feature_maps} signature returns, in layer order
 * @param kernel the first convolution's kernel, also returned there, or null
 * @param trained how the run computed in training
 * @param exported the forms the SavedModel computes in (plain everywhere)
 */
public record ExportInfo(int format, String source, String experiment, String dataset, Map<String, Object> model,
    int epochs, int height, int width, int channels, List<String> classNames, float[] mean, float[] std,
    boolean lightOnDark, List<String> layers, String kernel, ExecutionRecord trained, ExecutionRecord exported) {

  public static final int FORMAT = 1;
  public static final String FILE = "cnnlab-export.json";
  public static final String CLASSES = "classes.txt";
  public static final String SAVED_MODEL = "saved_model.pb";

  /** Whether {@code dir} holds a cnnlab export (its {@value #FILE}). */
  public static boolean isExport(Path dir) {
    return Files.isRegularFile(dir.resolve(FILE));
  }

  /** Writes {@value #FILE} and {@value #CLASSES} into {@code dir}. */
  void write(Path dir) throws IOException {
    RunJson.write(dir.resolve(FILE), this);
    Files.writeString(dir.resolve(CLASSES), String.join("\n", classNames) + "\n", StandardCharsets.UTF_8);
  }

  /**
   * The export in {@code dir}.
   *
   * @throws RunFileException naming the folder when it is not a cnnlab export, or the file that is unreadable
   */
  public static ExportInfo read(Path dir) throws RunFileException {
    if (!isExport(dir)) {
      throw new RunFileException(dir, "is not a cnnlab export (no " + FILE + "); expected a folder written by"
          + " cnnlab export, or a run folder with manifest.json and checkpoint/");
    }
    ExportInfo info = RunJson.readLenient(dir.resolve(FILE), ExportInfo.class, "cnnlab export description");
    if (info.format() != FORMAT) {
      throw new RunFileException(dir.resolve(FILE), "has format " + info.format() + "; this cnnlab reads format "
          + FORMAT);
    }
    if (!Files.isRegularFile(dir.resolve(SAVED_MODEL))) {
      throw new RunFileException(dir.resolve(SAVED_MODEL), "is missing; the export is incomplete: export the run"
          + " again");
    }
    return info;
  }
}
