package io.cnnlab.tf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.proto.ConfigProto;

/**
 * Sessions get the thread pools their configuration asks for. The evidence is the process's thread count
 * (Linux {@code /proc/self/task}): a session with its own 5-thread intra-op pool adds at least 5 threads,
 * one that falls back to the process-wide pools adds none.
 */
class SessionsTest {
  private static long liveThreads() throws IOException {
    try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
      return tasks.count();
    }
  }

  @Test
  void aSecondSessionGetsItsOwnPools() throws IOException {
    assertTrue(Sessions.perSessionPools(), "the test JVM must run with " + Sessions.PER_SESSION_POOLS_ENV
        + "=1 (pom.xml sets it), as bin/cnnlab does");
    try (Graph graph = new Graph()) {
      Ops tf = Ops.create(graph);
      var one = tf.constant(1f);
      try (Session first = Sessions.open(graph, 1)) {
        first.runner().fetch(one).run().close();
        long before = liveThreads();
        try (Session second = Sessions.open(graph, 5)) {
          second.runner().fetch(one).run().close();
          long added = liveThreads() - before;
          assertTrue(added >= 5, "a 5-thread session added " + added + " threads: it runs on the first one's pool");
        }
      }
    }
  }

  @Test
  void configAsksForThreadsAndPerSessionPools() {
    ConfigProto c = Sessions.config(3);
    assertEquals(3, c.getIntraOpParallelismThreads());
    assertEquals(1, c.getInterOpParallelismThreads());
    assertTrue(c.getUsePerSessionThreads());
    assertThrows(IllegalArgumentException.class, () -> Sessions.config(0));
  }
}
