package io.cnnlab.training;


import io.cnnlab.runs.MetricsColumns;
import io.cnnlab.training.CsvMetricsWriter;
import io.cnnlab.training.TrainGraph;
import io.cnnlab.training.TrainResult;
import io.cnnlab.training.checkpoint.CheckpointDamagedException;
import io.cnnlab.training.checkpoint.CheckpointStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every kind of damage to a checkpoint gets a {@link CheckpointDamagedException} naming the file and what was
 * expected, and the failed resume leaves every file of the run as it was: the epochs completed stay on disk.
 * The checkpoints are real ones (TinyModel, two epochs), damaged by hand. A checkpoint of format 1, from
 * before the global step was saved, is no damage: it resumes.
 */
class CheckpointDamageTest {
  private static final TrainConfig CONFIG = TrainConfig.builder().epochs(2).batchSize(16).learningRate(0.05)
      .seed(11).deterministic(true).build();
  private static final String IDENTITY = "tiny-bn;bars;n=64";

  @TempDir static Path shared;
  private static Path original;
  @TempDir Path dir;

  static TrainResult train(TrainConfig config, Path out) {
    return new Trainer(new TinyModel(true), config, IDENTITY).train(InMemoryBatchSource.bars(64, 16, 5, true),
        InMemoryBatchSource.bars(30, 20, 6, false), out, List.of(new CsvMetricsWriter(out.resolve("metrics.csv"))));
  }

  @BeforeAll
  static void trainTwoEpochs() {
    original = shared.resolve("run");
    train(CONFIG, original);
  }

  /** A copy of the two-epoch run, for one test to damage. */
  private Path copy() throws IOException {
    Path run = dir.resolve("run");
    try (Stream<Path> all = Files.walk(original)) {
      for (Path p : all.toList()) {
        Path to = run.resolve(original.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(to);
        } else {
          Files.copy(p, to);
        }
      }
    }
    return run;
  }

  private static Map<String, String> contents(Path run) throws IOException {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> all = Files.walk(run)) {
      for (Path p : all.filter(Files::isRegularFile).toList()) {
        files.put(run.relativize(p).toString(), Arrays.toString(Files.readAllBytes(p)));
      }
    }
    return files;
  }

  /**
   * Resumes the damaged {@code run} to 3 epochs: it must fail naming {@code file} with every one of
   * {@code expected} in the message, and leave every file of the run as it was.
   */
  private static CheckpointDamagedException assertDamage(Path run, Path file, String... expected) throws IOException {
    Map<String, String> before = contents(run);
    var e = assertThrows(CheckpointDamagedException.class, () -> train(CONFIG.toBuilder().epochs(3).build(), run));
    assertEquals(file, e.file());
    assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    for (String text : expected) {
      assertTrue(e.getMessage().contains(text), "'" + text + "' missing from: " + e.getMessage());
    }
    assertTrue(e.getMessage().contains("Nothing was deleted"), e.getMessage());
    assertEquals(before, contents(run), "the failed resume changed or deleted files of the run");
    return e;
  }

  private static Path pointer(Path run) {
    return run.resolve("checkpoint").resolve(CheckpointStore.POINTER);
  }

  /** Rewrites the pointer's lines through {@code edit}. */
  private static void editPointer(Path run, Function<String, String> edit) throws IOException {
    Path p = pointer(run);
    List<String> lines = Files.readAllLines(p).stream().map(edit).toList();
    Files.write(p, lines);
  }

  private static Function<String, String> setKey(String key, String value) {
    return line -> line.startsWith(key + "=") ? (value == null ? "" : key + "=" + value) : line;
  }

  @Test
  void theUndamagedCopyResumes() throws IOException {
    Path run = copy();
    assertEquals(2, train(CONFIG.toBuilder().epochs(3).build(), run).resumedAfterEpoch());
  }

  @Test
  void epochsCompletedThatIsNoPositiveInteger() throws IOException {
    for (String bad : new String[] {"two", "0", "-1", "2.0"}) {
      Path run = copy();
      editPointer(run, setKey("epochsCompleted", bad));
      assertDamage(run, pointer(run), "epochsCompleted=" + bad, "expected an integer >= 1");
      deleteTree(run);
    }
  }

  @Test
  void epochsCompletedThatDisagreesWithTheDirectory() throws IOException {
    Path run = copy();
    editPointer(run, setKey("epochsCompleted", "3"));
    assertDamage(run, pointer(run), "names the directory 'epoch-0002'", "expected 'epoch-0003'");
  }

  @Test
  void aMissingKey() throws IOException {
    for (String key : CheckpointStore.KEYS) {
      Path run = copy();
      editPointer(run, setKey(key, null));
      assertDamage(run, pointer(run), "lacks the key '" + key + "'", "expected the keys " + CheckpointStore.KEYS);
      deleteTree(run);
    }
  }

  @Test
  void aFormatThisVersionDoesNotKnow() throws IOException {
    Path run = copy();
    editPointer(run, setKey("format", "3"));
    assertDamage(run, pointer(run), "format=3", "expected an integer from 1 to " + CheckpointStore.FORMAT);
  }

  @Test
  void aPointerThatIsNoPropertiesFile() throws IOException {
    Path run = copy();
    Files.writeString(pointer(run), "format=\\uZZZZ\n");
    assertDamage(run, pointer(run), "cannot be read as a properties file");
  }

  @Test
  void aMissingEpochFolder() throws IOException {
    Path run = copy();
    Path folder = run.resolve("checkpoint/epoch-0002");
    deleteTree(folder);
    assertDamage(run, folder, "is missing; expected the folder of the checkpoint after epoch 2");
  }

  @Test
  void missingVariableFiles() throws IOException {
    Path run = copy();
    Path index = run.resolve("checkpoint/epoch-0002/variables.index");
    Files.delete(index);
    assertDamage(run, index, "is missing; expected the index of the variables saved after epoch 2");

    Path other = dir.resolve("other");
    Files.move(copyAgain(), other);
    Path folder = other.resolve("checkpoint/epoch-0002");
    try (Stream<Path> data = Files.list(folder)) {
      for (Path f : data.filter(f -> f.getFileName().toString().startsWith("variables.data-")).toList()) {
        Files.delete(f);
      }
    }
    assertDamage(other, folder, "holds no variables.data-* file");
  }

  private Path copyAgain() throws IOException {
    deleteTree(dir.resolve("run"));
    return copy();
  }

  @Test
  void truncatedVariables() throws IOException {
    Path run = copy();
    Path folder = run.resolve("checkpoint/epoch-0002");
    try (Stream<Path> data = Files.list(folder)) {
      for (Path f : data.filter(f -> f.getFileName().toString().startsWith("variables.data-")).toList()) {
        Files.write(f, Arrays.copyOf(Files.readAllBytes(f), 10));
      }
    }
    assertDamage(run, folder.resolve("variables"), "cannot be restored", "conv1_kernel");
  }

  @Test
  void aHistoryOfTheWrongLength() throws IOException {
    Path run = copy();
    Path history = run.resolve("checkpoint/epoch-0002/history.csv");
    List<String> lines = Files.readAllLines(history);
    Files.write(history, lines.subList(0, lines.size() - 1));
    assertDamage(run, history, "holds 1 epochs; expected 2");
  }

  @Test
  void aHistoryOutOfOrder() throws IOException {
    Path run = copy();
    Path history = run.resolve("checkpoint/epoch-0002/history.csv");
    List<String> lines = Files.readAllLines(history);
    Files.write(history, List.of(lines.get(0), lines.get(2), lines.get(1)));
    assertDamage(run, history, "has epoch 2 in row 1; expected epochs 1 to 2 in order");
  }

  @Test
  void aMissingOrUnreadableHistory() throws IOException {
    Path run = copy();
    Path history = run.resolve("checkpoint/epoch-0002/history.csv");
    Files.delete(history);
    assertDamage(run, history, "is missing; expected the metrics of epochs 1 to 2");
    Files.writeString(history, String.join(",", MetricsColumns.HEADER) + "\n1,x,y\n");
    assertDamage(run, history, "cannot be read as metrics");
  }

  @Test
  void aFormatOneCheckpointWithoutTheGlobalStepStillResumes() throws IOException {
    TrainResult straight = train(CONFIG.toBuilder().epochs(3).build(), dir.resolve("straight"));
    Path run = copy();
    Path prefix = run.resolve("checkpoint/epoch-0002/variables");
    rewriteWithoutGlobalStep(prefix);
    editPointer(run, setKey("format", "1"));

    TrainResult resumed = train(CONFIG.toBuilder().epochs(3).build(), run);
    assertEquals(2, resumed.resumedAfterEpoch());
    // TinyModel has no dropout: its steps draw nothing, so the restarted global step changes nothing.
    for (int i = 0; i < 3; i++) {
      assertTrue(straight.history().get(i).sameResults(resumed.history().get(i)), "epoch " + (i + 1));
    }
    assertTrue(Files.readAllLines(pointer(run)).contains("format=" + CheckpointStore.FORMAT), "new saves: format 2");
  }

  /** Rewrites the variable files at {@code prefix} as format 1 wrote them: every variable but global_step. */
  private static void rewriteWithoutGlobalStep(Path prefix) throws IOException {
    try (Graph graph = new Graph()) {
      TrainGraph g = TrainGraphs.build(graph, new TinyModel(true), CONFIG);
      Ops tf = Ops.create(graph).withSubScope("legacy");
      List<String> names = g.saver().names().stream().filter(n -> !n.equals(g.globalStep().op().name())).toList();
      List<Operand<?>> values = names.stream().<Operand<?>>map(n -> graph.operation(n).output(0)).toList();
      String[] wholes = new String[names.size()];
      Arrays.fill(wholes, "");
      Op save = tf.train.save(tf.constant(prefix.toString()),
          tf.constant(NdArrays.vectorOfObjects(names.toArray(String[]::new))),
          tf.constant(NdArrays.vectorOfObjects(wholes)), values);
      try (Session session = new Session(graph)) {
        g.saver().restore(session, prefix.toString());
        try (Stream<Path> files = Files.list(prefix.getParent())) {
          for (Path f : files.filter(f -> f.getFileName().toString().startsWith("variables.")).toList()) {
            Files.delete(f);
          }
        }
        session.runner().addTarget(save).run().close();
        // The files now lack the step: a restore of every variable fails, as it would on a format-1 checkpoint.
        assertThrows(RuntimeException.class, () -> g.saver().restore(session, prefix.toString()));
      }
    }
  }

  static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> all = Files.walk(root)) {
      all.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.delete(p);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    }
  }
}
