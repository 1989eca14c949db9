package io.cnnlab.cli;

import io.cnnlab.image.EdgeFigures;
import io.cnnlab.image.GrayImage;
import io.cnnlab.image.ImageFiles;
import io.cnnlab.image.Luma;
import io.cnnlab.ops.EdgeCombination;
import io.cnnlab.ops.EdgeDetector;
import io.cnnlab.ops.EdgeMaps;
import io.cnnlab.ops.EdgeOperator;
import io.cnnlab.ops.Orientation;
import io.cnnlab.tf.Sessions;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code cnnlab edges}: hand-designed edge detectors on a folder of photos. */
@Command(
    name = "edges",
    mixinStandardHelpOptions = true,
    description = {
      "Detects edges in every JPEG/PNG in a folder (sorted by name) with the Prewitt and/or Sobel 3x3 kernels in"
          + " four orientations, one conv2d per strip of the photo. Writes per photo and operator:"
          + " <stem>-<op>-{horizontal,vertical,diag45,diag135}.png, <stem>-<op>-combined-<rule>.png and"
          + " <stem>-<op>-sheet.png (labelled contact sheet).",
      "Pictures show |response| scaled so that its 99th percentile (shared by the four orientations) is white."
    })
public final class EdgesCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--input", paramLabel = "DIR", description = "folder of photos (default: ${DEFAULT-VALUE})")
  Path input = Path.of("datasets", "photos");

  @Option(names = "--output", paramLabel = "DIR", description = "folder for the pictures (default: ${DEFAULT-VALUE})")
  Path output = Path.of("reports", "edges");

  @Option(names = "--operator", paramLabel = "prewitt|sobel", converter = OperatorConverter.class,
      description = "edge operator (default: both)")
  EdgeOperator operator;

  @Option(names = "--combine", paramLabel = "max|l2", converter = CombinationConverter.class,
      description = "combined image: max = per-pixel max of |responses|, l2 = sqrt of the sum of squares"
          + " (default: max)")
  EdgeCombination combine = EdgeCombination.MAX;

  @Option(names = "--threads", paramLabel = "N", description = "TensorFlow intra-op threads (default: all cores)")
  int threads = Sessions.defaultThreads();

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (!Files.isDirectory(input)) {
      err.println("cnnlab edges: input folder " + input + " does not exist or is not a folder."
          + " Install the photographs with 'make photos' (runs datasets/install-photos.sh datasets/photos),"
          + " or pass --input DIR with your own JPEG/PNG files.");
      return 2;
    }
    List<Path> photos = ImageFiles.list(input);
    if (photos.isEmpty()) {
      err.println("cnnlab edges: no .jpg, .jpeg or .png files in " + input
          + " (install the photographs with 'make photos')");
      return 2;
    }
    if (threads < 1) {
      err.println("cnnlab edges: --threads must be >= 1, got " + threads);
      return 2;
    }
    Files.createDirectories(output);
    List<EdgeOperator> operators = operator == null ? List.of(EdgeOperator.values()) : List.of(operator);
    List<Path> failed = new ArrayList<>();
    long start = System.nanoTime();
    int written = 0;
    Map<EdgeOperator, EdgeDetector> detectors = new EnumMap<>(EdgeOperator.class);
    try {
      for (EdgeOperator op : operators) {
        detectors.put(op, new EdgeDetector(op, combine, threads));
      }
      for (Path photo : photos) {
        try {
          written += process(photo, detectors, out);
        } catch (IOException | RuntimeException e) {
          failed.add(photo);
          String reason = String.valueOf(e.getMessage());
          err.println("cnnlab edges: " + (reason.contains(photo.toString()) ? reason : photo + ": " + reason));
        }
        out.flush();
      }
    } finally {
      detectors.values().forEach(EdgeDetector::close);
    }
    out.printf(Locale.ROOT, "%d photo(s), %d failed, %d files written to %s in %.1f s%n",
        photos.size(), failed.size(), written, output, seconds(start));
    if (!failed.isEmpty()) {
      err.println("cnnlab edges: could not process " + failed.size() + " file(s): " + failed);
      return 1;
    }
    return 0;
  }

  /** Reads one photo, runs every detector, writes its pictures; returns the number of files written. */
  private int process(Path photo, Map<EdgeOperator, EdgeDetector> detectors, PrintWriter out)
      throws IOException {
    long t = System.nanoTime();
    BufferedImage original = ImageFiles.read(photo);
    GrayImage gray = Luma.toGray(original);
    StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-20s %5dx%-5d read %.2f s",
        photo.getFileName(), gray.width(), gray.height(), seconds(t)));
    int files = 0;
    String stem = ImageFiles.stem(photo);
    for (EdgeDetector detector : detectors.values()) {
      t = System.nanoTime();
      EdgeMaps maps = detector.detect(gray.pixels(), gray.width(), gray.height());
      double detect = seconds(t);
      t = System.nanoTime();
      String prefix = stem + "-" + detector.operator().fileLabel();
      EdgeFigures figures = new EdgeFigures(maps);
      Map<Orientation, BufferedImage> pictures = figures.orientations();
      for (Orientation o : Orientation.values()) {
        ImageFiles.writePng(pictures.get(o), output.resolve(prefix + "-" + o.fileLabel() + ".png"));
      }
      BufferedImage combined = figures.combined();
      ImageFiles.writePng(combined, output.resolve(prefix + "-combined-" + combine.fileLabel() + ".png"));
      ImageFiles.writePng(figures.sheet(photo.getFileName().toString(), original),
          output.resolve(prefix + "-sheet.png"));
      files += Orientation.values().length + 2;
      line.append(String.format(Locale.ROOT, "  %s: detect %.2f s, write %.2f s",
          detector.operator().fileLabel(), detect, seconds(t)));
    }
    out.println(line);
    return files;
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  /** Parses --operator case-insensitively with a message naming the accepted values. */
  static final class OperatorConverter implements CommandLine.ITypeConverter<EdgeOperator> {
    @Override
    public EdgeOperator convert(String value) {
      try {
        return EdgeOperator.parse(value);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException(e.getMessage());
      }
    }
  }

  /** Parses --combine case-insensitively with a message naming the accepted values. */
  static final class CombinationConverter implements CommandLine.ITypeConverter<EdgeCombination> {
    @Override
    public EdgeCombination convert(String value) {
      try {
        return EdgeCombination.parse(value);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException(e.getMessage());
      }
    }
  }
}
