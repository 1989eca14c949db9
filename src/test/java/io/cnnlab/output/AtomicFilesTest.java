package io.cnnlab.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A file replaced whole: the new content or the old, no temporary file left, writers never sharing one. */
class AtomicFilesTest {
  @TempDir Path tmp;

  private List<String> names() throws IOException {
    try (Stream<Path> s = Files.list(tmp)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void aFileIsReplacedAndAFailedWriteLeavesTheOldOneAndNoTemporaryFile() throws IOException {
    Path file = tmp.resolve("verdicts.csv");
    AtomicFiles.writeString(file, "old\n");
    AtomicFiles.writeString(file, "new\n");
    assertEquals("new\n", Files.readString(file));

    IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(file, t -> {
      Files.writeString(t, "half");
      throw new IOException("disk full");
    }));
    assertEquals("disk full", e.getMessage());
    assertEquals("new\n", Files.readString(file));
    assertEquals(List.of("verdicts.csv"), names());
  }

  @Test
  void twoWritersOfOneFileNeverFailAndLeaveOneWholeContent() throws Exception {
    Path file = tmp.resolve("index.html");
    ExecutorService pool = Executors.newFixedThreadPool(2);
    List<Future<?>> writers = new ArrayList<>();
    for (String who : List.of("a", "b")) {
      writers.add(pool.submit(() -> {
        for (int i = 0; i < 300; i++) {
          AtomicFiles.writeString(file, who.repeat(10_000));
        }
        return null;
      }));
    }
    for (Future<?> w : writers) {
      w.get(); // a shared temporary name made one writer's rename fail (NoSuchFileException)
    }
    pool.shutdown();
    String text = Files.readString(file);
    assertTrue(text.equals("a".repeat(10_000)) || text.equals("b".repeat(10_000)), "one writer's whole content");
    assertEquals(List.of("index.html"), names());
  }
}
