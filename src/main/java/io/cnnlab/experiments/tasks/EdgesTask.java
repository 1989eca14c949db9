package io.cnnlab.experiments.tasks;

import io.cnnlab.image.EdgeFigures;
import io.cnnlab.image.GrayImage;
import io.cnnlab.image.ImageFiles;
import io.cnnlab.image.Luma;
import io.cnnlab.ops.edges.EdgeCombination;
import io.cnnlab.ops.edges.EdgeDetector;
import io.cnnlab.ops.edges.EdgeMaps;
import io.cnnlab.ops.edges.EdgeOperator;
import io.cnnlab.ops.edges.Orientation;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Prewitt and Sobel on the photographs: per photo and operator the combined edge picture and the labelled
 * contact sheet (and, for {@code cnnlab edges}, the four orientation pictures), timed. The harness's
 * {@link #run} writes {@code timings.csv} (photo, size, operator, detection seconds, megapixels per second)
 * and the PNGs; {@code cnnlab edges} calls {@link #process} photo by photo and prints what it returns.
 */
public final class EdgesTask implements AutoCloseable {
  private static final EdgeCombination HARNESS_RULE = EdgeCombination.MAX;

  /**
   * What one operator did on one photo.
   *
   * @param files the pictures written, relative to the output folder, in the order written
   */
  public record OperatorResult(EdgeOperator operator, double detectSeconds, double writeSeconds, List<String> files) {
    public OperatorResult {
      files = List.copyOf(files);
    }
  }

  /** One photo: its name and size, the seconds to read it and make it gray, and each operator's result. */
  public record PhotoResult(String photo, int width, int height, double readSeconds, List<OperatorResult> operators) {
    public PhotoResult {
      operators = List.copyOf(operators);
    }

    /** The number of pictures written for this photo. */
    public int files() {
      return operators.stream().mapToInt(o -> o.files().size()).sum();
    }
  }

  private final List<EdgeDetector> detectors = new ArrayList<>();
  private final EdgeCombination rule;
  private final boolean orientationPictures;

  /**
   * Detectors for {@code operators} (TensorFlow on {@code threads} threads) combining by {@code rule};
   * {@code orientationPictures} also writes the picture of every orientation.
   */
  public EdgesTask(List<EdgeOperator> operators, EdgeCombination rule, boolean orientationPictures, int threads) {
    this.rule = rule;
    this.orientationPictures = orientationPictures;
    try {
      for (EdgeOperator op : operators) {
        detectors.add(new EdgeDetector(op, rule, threads));
      }
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  /**
   * Runs on the first {@code limit} photos of {@code photosDir} (0 = all), TensorFlow on {@code threads}.
   *
   * @throws IOException when the folder holds no photo or a photo cannot be read
   */
  public static Measurement run(Path photosDir, int limit, int threads, Path runDir) throws IOException {
    List<Path> photos = ImageFiles.list(photosDir);
    if (photos.isEmpty()) {
      throw new IOException("no .jpg, .jpeg or .png files in " + photosDir + " (install them with `make photos`)");
    }
    if (limit > 0 && limit < photos.size()) {
      photos = photos.subList(0, limit);
    }
    Files.createDirectories(runDir);
    List<List<Object>> rows = new ArrayList<>();
    List<String> outputs = new ArrayList<>();
    double detectSeconds = 0;
    double megapixels = 0;
    try (EdgesTask task = new EdgesTask(List.of(EdgeOperator.values()), HARNESS_RULE, false, threads)) {
      for (Path photo : photos) {
        PhotoResult result = task.process(photo, runDir);
        double mp = (double) result.width() * result.height() / 1e6;
        for (OperatorResult op : result.operators()) {
          detectSeconds += op.detectSeconds();
          megapixels += mp;
          outputs.addAll(op.files());
          rows.add(List.of(result.photo(), result.width(), result.height(), op.operator().fileLabel(),
              op.detectSeconds(), mp / op.detectSeconds()));
        }
      }
    }
    CsvFiles.write(runDir.resolve("timings.csv"),
        List.of("photo", "width", "height", "operator", "detect_seconds", "megapixels_per_second"), rows);
    outputs.add(0, "timings.csv");
    Map<String, Double> metrics = new LinkedHashMap<>();
    metrics.put("photos", (double) photos.size());
    metrics.put("megapixels_per_second", megapixels / detectSeconds);
    metrics.put("detect_seconds", detectSeconds);
    return new Measurement(metrics, outputs);
  }

  /** Reads {@code photo}, runs every detector and writes its pictures into {@code outDir}. */
  public PhotoResult process(Path photo, Path outDir) throws IOException {
    long t = System.nanoTime();
    BufferedImage original = ImageFiles.read(photo);
    GrayImage gray = Luma.toGray(original);
    double read = seconds(t);
    String name = photo.getFileName().toString();
    List<OperatorResult> results = new ArrayList<>();
    for (EdgeDetector detector : detectors) {
      t = System.nanoTime();
      EdgeMaps maps = detector.detect(gray.pixels(), gray.width(), gray.height());
      double detect = seconds(t);
      t = System.nanoTime();
      String prefix = ImageFiles.stem(photo) + "-" + detector.operator().fileLabel();
      EdgeFigures figures = new EdgeFigures(maps);
      List<String> files = new ArrayList<>();
      if (orientationPictures) {
        Map<Orientation, BufferedImage> pictures = figures.orientations();
        for (Orientation o : Orientation.values()) {
          files.add(write(pictures.get(o), outDir, prefix + "-" + o.fileLabel() + ".png"));
        }
      }
      files.add(write(figures.combined(), outDir, prefix + "-combined-" + rule.fileLabel() + ".png"));
      files.add(write(figures.sheet(name, original), outDir, prefix + "-sheet.png"));
      results.add(new OperatorResult(detector.operator(), detect, seconds(t), files));
    }
    return new PhotoResult(name, gray.width(), gray.height(), read, results);
  }

  @Override
  public void close() {
    detectors.forEach(EdgeDetector::close);
  }

  private static String write(BufferedImage picture, Path outDir, String file) throws IOException {
    ImageFiles.writePng(picture, outDir.resolve(file));
    return file;
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }
}
