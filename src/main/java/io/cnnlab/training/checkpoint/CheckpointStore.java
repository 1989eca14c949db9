package io.cnnlab.training.checkpoint;

import io.cnnlab.training.EpochMetrics;
import io.cnnlab.training.MetricsCsv;
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
import java.util.Locale;
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
 * readable. A load checks every file it needs and reports damage ({@link CheckpointDamagedException});
 * it never deletes anything.
 */
public final class CheckpointStore {
  public static final String POINTER = "checkpoint.properties";
  static final String HISTORY = "history.csv";
  static final String VARIABLES = "variables";
  /** Format written now: 2, whose variables include the global step (the key of dropout's masks). */
  public static final int FORMAT = 2;
  /** The keys of {@link #POINTER}. */
  public static final List<String> KEYS = List.of("format", "runHash", "canonicalRun", "epochsCompleted", "directory");

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
   * @param format {@link #FORMAT} when written now; 1 when written before the global step was saved
   * @param runHash {@link TrainConfig#runHash(String)} of the run that wrote it
   * @param canonicalRun the text that hash was computed from
   * @param epochsCompleted epochs trained when it was written
   * @param variablesPrefix path prefix of the variable files, for {@link VariableSaver#restore}
   * @param history metrics of the epochs completed, oldest first
   */
  public record State(int format, String runHash, String canonicalRun, int epochsCompleted, Path variablesPrefix,
      List<EpochMetrics> history) {
    public State {
      history = List.copyOf(history);
    }

    /** Whether the variable files hold the global step (format 1 predates it). */
    public boolean holdsGlobalStep() {
      return format >= 2;
    }
  }

  /**
   * The current checkpoint, or empty when the directory holds none.
   *
   * @throws CheckpointDamagedException naming the file, when the pointer lacks a key or has a bad value, or the
   *     epoch folder, its variable files or its history are missing or disagree with the pointer; nothing is
   *     deleted
   */
  public Optional<State> load() {
    Path pointer = dir.resolve(POINTER);
    if (!Files.exists(pointer)) {
      return Optional.empty();
    }
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(pointer, StandardCharsets.UTF_8)) {
      p.load(r);
    } catch (IOException | IllegalArgumentException e) { // IllegalArgumentException: a malformed unicode escape
      throw damaged(pointer, "cannot be read as a properties file (" + e.getMessage() + ")", e);
    }
    int format = integer(p, "format", pointer, 1, FORMAT);
    String hash = required(p, "runHash", pointer);
    String canonical = required(p, "canonicalRun", pointer);
    int epochs = integer(p, "epochsCompleted", pointer, 1, Integer.MAX_VALUE);
    String epochDir = required(p, "directory", pointer);
    if (!epochDir.equals(epochDirName(epochs))) {
      throw damaged(pointer, "names the directory '" + epochDir + "'; expected '" + epochDirName(epochs)
          + "', the folder of epochsCompleted=" + epochs, null);
    }
    Path epochPath = dir.resolve(epochDir);
    if (!Files.isDirectory(epochPath)) {
      throw damaged(epochPath, "is missing; expected the folder of the checkpoint after epoch " + epochs
          + ", as " + pointer + " says", null);
    }
    Path index = epochPath.resolve(VARIABLES + ".index");
    if (!Files.isRegularFile(index)) {
      throw damaged(index, "is missing; expected the index of the variables saved after epoch " + epochs, null);
    }
    if (!hasDataFile(epochPath)) {
      throw damaged(epochPath, "holds no " + VARIABLES + ".data-* file; expected the variables saved after epoch "
          + epochs, null);
    }
    return Optional.of(new State(format, hash, canonical, epochs, epochPath.resolve(VARIABLES),
        history(epochPath.resolve(HISTORY), epochs, pointer)));
  }

  /** The history of a checkpoint after {@code epochs} epochs: rows for epochs 1 to {@code epochs}, in order. */
  private List<EpochMetrics> history(Path history, int epochs, Path pointer) {
    if (!Files.isRegularFile(history)) {
      throw damaged(history, "is missing; expected the metrics of epochs 1 to " + epochs, null);
    }
    List<EpochMetrics> rows;
    try (Reader r = Files.newBufferedReader(history, StandardCharsets.UTF_8)) {
      rows = MetricsCsv.read(r, history.toString());
    } catch (IOException | RuntimeException e) {
      throw damaged(history, "cannot be read as metrics (" + e.getMessage() + ")", e);
    }
    if (rows.size() != epochs) {
      throw damaged(history, "holds " + rows.size() + " epochs; expected " + epochs + ", as " + pointer
          + " says", null);
    }
    for (int i = 0; i < rows.size(); i++) {
      if (rows.get(i).epoch() != i + 1) {
        throw damaged(history, "has epoch " + rows.get(i).epoch() + " in row " + (i + 1) + "; expected epochs 1 to "
            + epochs + " in order", null);
      }
    }
    return rows;
  }

  private static boolean hasDataFile(Path epochPath) {
    try (Stream<Path> files = Files.list(epochPath)) {
      return files.anyMatch(f -> f.getFileName().toString().startsWith(VARIABLES + ".data-")
          && Files.isRegularFile(f));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list checkpoint folder " + epochPath, e);
    }
  }

  private CheckpointDamagedException damaged(Path file, String problem, Throwable cause) {
    return new CheckpointDamagedException(file, problem, dir, cause);
  }

  private String required(Properties p, String key, Path file) {
    String v = p.getProperty(key);
    if (v == null || v.isBlank()) {
      throw damaged(file, "lacks the key '" + key + "'; expected the keys " + KEYS, null);
    }
    return v;
  }

  private int integer(Properties p, String key, Path file, int min, int max) {
    String v = required(p, key, file).trim();
    try {
      int n = Integer.parseInt(v);
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below, with the range expected
    }
    throw damaged(file, "has " + key + "=" + v + "; expected an integer " + (min == max ? "" + min
        : max == Integer.MAX_VALUE ? ">= " + min : "from " + min + " to " + max), null);
  }

  /** The folder of the checkpoint after {@code epoch}. */
  static String epochDirName(int epoch) {
    return String.format(Locale.ROOT, "epoch-%04d", epoch);
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
    String name = epochDirName(epoch);
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
      p.setProperty("format", Integer.toString(FORMAT));
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
