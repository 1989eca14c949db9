package io.cnnlab.tf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tensorflow.proto.ConfigProto;

/**
 * What cnnlab controls about thread pools: the configuration every session is opened with, the environment
 * the test JVM (like {@code bin/cnnlab}) gives TensorFlow, and the refusal to compare thread counts without
 * per-session pools. How many threads TensorFlow then starts is its business and not counted here (the JVM
 * starts and stops threads of its own at any time).
 */
class SessionsTest {
  @Test
  void configAsksForThreadsAndPerSessionPools() {
    for (int threads : new int[] {1, 3, 5}) {
      ConfigProto c = Sessions.config(threads);
      assertEquals(threads, c.getIntraOpParallelismThreads());
      assertEquals(1, c.getInterOpParallelismThreads());
      assertTrue(c.getUsePerSessionThreads(), "a per-session inter-op pool, not the process-wide one");
    }
    var e = assertThrows(IllegalArgumentException.class, () -> Sessions.config(0));
    assertTrue(e.getMessage().contains("threads must be >= 1, got 0"), e.getMessage());
  }

  @Test
  void theTestJvmGivesEverySessionItsOwnIntraOpPool() {
    assertTrue(Sessions.perSessionPools(), "the test JVM must run with " + Sessions.PER_SESSION_POOLS_ENV
        + "=1 (pom.xml sets it), as bin/cnnlab does");
  }

  @Test
  void comparingThreadCountsWithoutPerSessionPoolsIsRefused() {
    var e = assertThrows(IllegalStateException.class,
        () -> Sessions.requirePerSessionPools("bench tune", List.of(1, 2), false));
    assertTrue(e.getMessage().startsWith("bench tune compares thread counts") && e.getMessage().contains(
        Sessions.PER_SESSION_POOLS_ENV + "=1"), e.getMessage());
    // One thread setting (however often), or per-session pools: nothing to refuse.
    Sessions.requirePerSessionPools("bench tune", List.of(2, 2), false);
    Sessions.requirePerSessionPools("bench tune", List.of(1, 2), true);
    Sessions.requirePerSessionPools("bench tune", List.of(1, 2));
  }
}
