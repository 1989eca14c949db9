package io.cnnlab.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/** The child-process helper must fail a hung child quickly, and must not deadlock on a child that prints much. */
class ChildProcessTest {
  @Test
  void aChildThatPrintsMoreThanAPipeHoldsOnBothStreamsEnds() throws Exception {
    // 1 MB on stderr before anything on stdout: reading stdout to its end first would wait forever.
    ChildProcess.Result r = ChildProcess.run(new ProcessBuilder("bash", "-c",
        "head -c 1000000 /dev/zero | tr '\\0' e >&2; echo done; exit 7"), Duration.ofSeconds(60));

    assertEquals(7, r.status());
    assertEquals("done\n", r.out());
    assertEquals(1_000_000, r.err().length());
  }

  @Test
  void aHungChildIsDestroyedWithItsChildrenAndTheTestFailsWithItsOutput() {
    long start = System.nanoTime();
    // The background sleep inherits the pipes: unless it is killed too, the output never ends.
    AssertionFailedError e = assertThrows(AssertionFailedError.class, () -> ChildProcess.run(new ProcessBuilder(
        "bash", "-c", "echo started; echo warming >&2; sleep 300 & sleep 300"), Duration.ofSeconds(1)));
    double seconds = (System.nanoTime() - start) / 1e9;

    assertTrue(seconds < 8, "took " + seconds + " s");
    assertTrue(e.getMessage().startsWith("bash -c echo started; echo warming >&2; sleep 300 & sleep 300 did not end"
        + " within 1 s and was destroyed; its output so far:\n--- stdout ---\nstarted\n\n--- stderr ---\nwarming\n"),
        e.getMessage());
  }

  @Test
  void aChildReadingStdinSeesItsEnd() throws Exception {
    assertEquals("0\n", ChildProcess.run(new ProcessBuilder("bash", "-c", "wc -c"), Duration.ofSeconds(30)).out());
  }
}
