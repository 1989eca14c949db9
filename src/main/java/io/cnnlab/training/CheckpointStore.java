package io.cnnlab.training;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVPrinter;
import org.tensorflow.Session;

/**
 * The checkpoint of a run in {@code OUT/checkpoint/}: one directory per saved epoch holding the variables
 * ({@code variables.index}, {@code variables.data-*}) and the metrics history, and a small
 * {@code checkpoint.properties} naming the current one with the run's hash and identity.
 *
 * <p>A save writes a new epoch directory completely, then replaces {@code checkpoint.properties} with an
 * atomic rename, then deletes older directories: a crash at any point leaves the previous checkpoint
 * readable.
 */
public final class CheckpointStore {
  static final String POINTER = "checkpoint.properties";
  static final String HISTORY = "history.csv";
  static final String VARIABLES = "variables";

  private final Path dir;

  /** @param dir the checkpoint directory, normally {@code OUT/checkpoint} */
  public CheckpointStore(Path dir) {
    this.dir = dir;
  }

  /** The checkpoint directory. */
  public Path dir() {
    return dir;
  }

  /**
   * A saved checkpoint.
   *
   * @param runHash {@link TrainConfig#runHash(String)} of the run that wrote it
   * @param canonicalRun the text that hash was computed from
   * @param epochsCompleted epochs trained when it was written
   * @param variablesPrefix path prefix of the variable files, for {@link VariableSaver#restore}
   * @param history metrics of the epochs completed, oldest first
   */
  public record State(
      String runHash, String canonicalRun, int epochsCompleted, Path variablesPrefix, List<EpochMetrics> history) {
    public State {
      history = List.copyOf(history);
    }
  }

  /** The current checkpoint, or empty when the directory holds none. */
  public Optional<State> load() {
    Path pointer = dir.resolve(POINTER);
    if (!Files.exists(pointer)) {
      return Optional.empty();
    }
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(pointer, StandardCharsets.UTF_8)) {
      p.load(r);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read checkpoint pointer " + pointer, e);
    }
    String hash = required(p, "runHash", pointer);
    String canonical = required(p, "canonicalRun", pointer);
    String epochDir = required(p, "directory", pointer);
    int epochs;
    try {
      epochs = Integer.parseInt(required(p, "epochsCompleted", pointer));
    } catch (NumberFormatException e) {
      throw new IllegalStateException(pointer + ": epochsCompleted must be an integer, got "
          + p.getProperty("epochsCompleted"), e);
    }
    Path epochPath = dir.resolve(epochDir);
    Path history = epochPath.resolve(HISTORY);
    if (!Files.exists(epochPath.resolve(VARIABLES + ".index")) || !Files.exists(history)) {
      throw new IllegalStateException("checkpoint " + epochPath + " named by " + pointer
          + " lacks " + VARIABLES + ".index or " + HISTORY + "; delete " + dir + " to start over");
    }
    List<EpochMetrics> rows;
    try (Reader r = Files.newBufferedReader(history, StandardCharsets.UTF_8)) {
      rows = MetricsCsv.read(r, history.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read checkpoint history " + history, e);
    }
    if (rows.size() != epochs) {
      throw new IllegalStateException(history + " holds " + rows.size() + " epochs, expected " + epochs
          + " as " + pointer + " says");
    }
    return Optional.of(new State(hash, canonical, epochs, epochPath.resolve(VARIABLES), rows));
  }

  private static String required(Properties p, String key, Path file) {
    String v = p.getProperty(key);
    if (v == null || v.isBlank()) {
      throw new IllegalStateException(file + " lacks the key '" + key + "'; delete the checkpoint to start over");
    }
    return v;
  }

  /**
   * Refuses {@code state} unless it was written for {@code runHash}.
   *
   * @throws CheckpointMismatchException naming both hashes, what each was computed from, and the directory
   */
  public void requireSameRun(State state, String runHash, String canonicalRun) {
    if (!state.runHash().equals(runHash)) {
      throw new CheckpointMismatchException("the checkpoint in " + dir + " was made for a different run: "
          + "its hash is " + state.runHash() + " (" + state.canonicalRun() + "), this run's is " + runHash
          + " (" + canonicalRun + "). Use another output directory, or delete " + dir + " to start over.");
    }
  }

  /**
   * Saves the variables of {@code session} and the metrics history as the checkpoint after epoch
   * {@code current.epoch()}.
   *
   * @param before metrics of the epochs before {@code current}
   * @param current metrics of the epoch just completed
   * @return {@code current} with the time spent saving the variables as its checkpoint time (that is the
   *     row the checkpoint's history holds)
   */
  public EpochMetrics save(Session session, VariableSaver saver, String runHash, String canonicalRun,
      List<EpochMetrics> before, EpochMetrics current) {
    int epoch = current.epoch();
    if (epoch != before.size() + 1) {
      throw new IllegalArgumentException("checkpoint of epoch " + epoch + " after " + before.size() + " epochs");
    }
    String name = String.format("epoch-%04d", epoch);
    Path epochPath = dir.resolve(name);
    try {
      deleteTree(epochPath); // a leftover of a crash between writing and committing
      Files.createDirectories(epochPath);
      long t0 = System.nanoTime();
      saver.save(session, epochPath.resolve(VARIABLES).toString());
      EpochMetrics saved = current.withCheckpoint((System.nanoTime() - t0) / 1e9);
      try (Writer w = Files.newBufferedWriter(epochPath.resolve(HISTORY), StandardCharsets.UTF_8);
          CSVPrinter printer = new CSVPrinter(w, MetricsCsv.withHeader())) {
        for (EpochMetrics m : before) {
          MetricsCsv.print(printer, m);
        }
        MetricsCsv.print(printer, saved);
      }
      Properties p = new Properties();
      p.setProperty("format", "1");
      p.setProperty("runHash", runHash);
      p.setProperty("canonicalRun", canonicalRun);
      p.setProperty("epochsCompleted", Integer.toString(epoch));
      p.setProperty("directory", name);
      Path tmp = dir.resolve(POINTER + ".tmp");
      try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
        p.store(w, "cnnlab training checkpoint; written last, after the files it names");
      }
      Files.move(tmp, dir.resolve(POINTER), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      try (Stream<Path> old = Files.list(dir)) {
        for (Path stale : old.filter(x -> Files.isDirectory(x) && x.getFileName().toString().startsWith("epoch-")
            && !x.getFileName().toString().equals(name)).toList()) {
          deleteTree(stale);
        }
      }
      return saved;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write checkpoint " + epochPath, e);
    }
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> all = Files.walk(root)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
