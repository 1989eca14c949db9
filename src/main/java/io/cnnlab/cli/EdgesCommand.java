package io.cnnlab.cli;

import io.cnnlab.experiments.tasks.EdgesTask;
import io.cnnlab.image.ImageFiles;
import io.cnnlab.ops.edges.EdgeCombination;
import io.cnnlab.ops.edges.EdgeOperator;
import io.cnnlab.tf.Sessions;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * {@code cnnlab edges}: hand-designed edge detectors on a folder of photos. The detection and the pictures
 * are the harness's {@link EdgesTask}; this command checks the options, goes on past a photo it cannot read
 * and prints a line per photo.
 */
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
    try (EdgesTask task = new EdgesTask(operators, combine, true, threads)) {
      for (Path photo : photos) {
        try {
          EdgesTask.PhotoResult result = task.process(photo, output);
          out.println(line(result));
          written += result.files();
        } catch (IOException | RuntimeException e) {
          failed.add(photo);
          String reason = String.valueOf(e.getMessage());
          err.println("cnnlab edges: " + (reason.contains(photo.toString()) ? reason : photo + ": " + reason));
        }
        out.flush();
      }
    }
    out.printf(Locale.ROOT, "%d photo(s), %d failed, %d files written to %s in %.1f s%n",
        photos.size(), failed.size(), written, output, (System.nanoTime() - start) / 1e9);
    if (!failed.isEmpty()) {
      err.println("cnnlab edges: could not process " + failed.size() + " file(s): " + failed);
      return 1;
    }
    return 0;
  }

  /** One photo's line: its size, the read time and each operator's detect and write times. */
  private static String line(EdgesTask.PhotoResult r) {
    StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-20s %5dx%-5d read %.2f s",
        r.photo(), r.width(), r.height(), r.readSeconds()));
    for (EdgesTask.OperatorResult op : r.operators()) {
      line.append(String.format(Locale.ROOT, "  %s: detect %.2f s, write %.2f s",
          op.operator().fileLabel(), op.detectSeconds(), op.writeSeconds()));
    }
    return line.toString();
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
