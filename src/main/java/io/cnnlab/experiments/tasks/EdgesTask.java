package io.cnnlab.experiments.tasks;

import io.cnnlab.image.EdgeFigures;
import io.cnnlab.image.GrayImage;
import io.cnnlab.image.ImageFiles;
import io.cnnlab.image.Luma;
import io.cnnlab.ops.EdgeCombination;
import io.cnnlab.ops.EdgeDetector;
import io.cnnlab.ops.EdgeMaps;
import io.cnnlab.ops.EdgeOperator;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Prewitt and Sobel on the photographs, as {@code cnnlab edges} does: per photo and operator the combined edge
 * picture and the labelled contact sheet, and a timing row. Writes {@code timings.csv} (photo, size, operator,
 * detection seconds, megapixels per second) and the PNGs.
 */
public final class EdgesTask {
  private static final EdgeCombination RULE = EdgeCombination.MAX;

  private EdgesTask() {}

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
    List<EdgeDetector> detectors = new ArrayList<>();
    try {
      for (EdgeOperator op : EdgeOperator.values()) {
        detectors.add(new EdgeDetector(op, RULE, threads));
      }
      for (Path photo : photos) {
        BufferedImage original = ImageFiles.read(photo);
        GrayImage gray = Luma.toGray(original);
        double mp = (double) gray.width() * gray.height() / 1e6;
        for (EdgeDetector detector : detectors) {
          long t0 = System.nanoTime();
          EdgeMaps maps = detector.detect(gray.pixels(), gray.width(), gray.height());
          double seconds = (System.nanoTime() - t0) / 1e9;
          detectSeconds += seconds;
          megapixels += mp;
          String prefix = ImageFiles.stem(photo) + "-" + detector.operator().fileLabel();
          EdgeFigures figures = new EdgeFigures(maps);
          String combined = prefix + "-combined-" + RULE.fileLabel() + ".png";
          String sheet = prefix + "-sheet.png";
          ImageFiles.writePng(figures.combined(), runDir.resolve(combined));
          ImageFiles.writePng(figures.sheet(photo.getFileName().toString(), original), runDir.resolve(sheet));
          outputs.add(combined);
          outputs.add(sheet);
          rows.add(List.of(photo.getFileName().toString(), gray.width(), gray.height(),
              detector.operator().fileLabel(), seconds, mp / seconds));
        }
      }
    } finally {
      detectors.forEach(EdgeDetector::close);
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
}
