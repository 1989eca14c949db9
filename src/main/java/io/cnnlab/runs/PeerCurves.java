package io.cnnlab.runs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Another framework's run of an experiment with the same settings, per epoch, kept beside ours so the report
 * can draw both: {@code reports/<id>/peers/<peer>-seed<k>.csv} with the columns {@link #HEADER} (a subset of
 * {@link MetricsColumns}; other columns are ignored). {@code make peer-curves} writes them from the DJL peer's
 * accuracy mode ({@code bench/peers}); the published numbers stay the band the verdict uses.
 */
public final class PeerCurves {
  private PeerCurves() {}

  /** The folder in an experiment's folder. */
  public static final String FOLDER = "peers";

  /** Columns a peer file has, in this order. */
  public static final List<String> HEADER =
      List.of(MetricsColumns.EPOCH, MetricsColumns.TRAIN_LOSS, MetricsColumns.TEST_ACCURACY);

  /** A peer's name: lower-case letters, digits, '.' and '-'. */
  private static final String PEER = "[a-z0-9][a-z0-9.-]*";

  private static final Pattern NAME = Pattern.compile("(" + PEER + ")-seed(\\d+)\\.csv");

  /** One peer run's file. */
  public record PeerRun(String peer, long seed, Path file) {}

  /** Where the run of {@code peer} (letters, digits, '.', '-') with {@code seed} belongs. */
  public static Path file(Path experimentDir, String peer, long seed) {
    if (!peer.matches(PEER) || peer.endsWith("-seed")) {
      throw new IllegalArgumentException("peer name '" + peer + "' must be lower-case letters, digits, '.' and '-'");
    }
    return experimentDir.resolve(FOLDER).resolve(peer + "-seed" + seed + ".csv");
  }

  /** Every peer run of the experiment, by peer then seed; empty when there is no {@code peers/} folder. */
  public static List<PeerRun> list(Path experimentDir) throws IOException {
    Path dir = experimentDir.resolve(FOLDER);
    List<PeerRun> out = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return out;
    }
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.toList()) {
        Matcher m = NAME.matcher(f.getFileName().toString());
        if (m.matches() && Files.isRegularFile(f)) {
          out.add(new PeerRun(m.group(1), Long.parseLong(m.group(2)), f));
        }
      }
    }
    out.sort(Comparator.comparing(PeerRun::peer).thenComparingLong(PeerRun::seed));
    return out;
  }
}
