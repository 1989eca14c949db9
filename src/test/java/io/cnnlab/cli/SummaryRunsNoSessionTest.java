package io.cnnlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cnnlab.testing.ChildProcess;
import io.cnnlab.tf.Graphs;
import io.cnnlab.tf.Sessions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code cnnlab summary} builds a graph and runs nothing: no session, so no oneDNN probe either. Told apart by what
 * TensorFlow logs at level 0 in a child JVM: the first session's devices log the CPU features
 * ({@code cpu_feature_guard}), the first graph run the MLIR pass; loading the library and building graphs log
 * neither. The control child opens a session to show the markers appear.
 */
class SummaryRunsNoSessionTest {
  /** Log lines of TensorFlow's first session and first run. */
  private static final List<String> SESSION_MARKERS = List.of("cpu_feature_guard", "mlir_graph_optimization");

  /** Opens one session on an empty graph and runs nothing: the control. */
  public static final class OneSession {
    public static void main(String[] args) {
      try (var graph = Graphs.create(); var session = Sessions.open(graph, 1)) {
        System.out.println("session opened");
      }
    }
  }

  private static String child(String mainClass, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), mainClass));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().put("TF_CPP_MIN_LOG_LEVEL", "0");
    ChildProcess.Result r = ChildProcess.run(pb, Duration.ofSeconds(180));
    assertEquals(0, r.status(), r.err());
    return r.out() + r.err();
  }

  @Test
  void summaryOfAlexNetOpensNoSession() throws Exception {
    String summary = child(CnnlabCli.class.getName(), "summary", "alexnet");
    assertTrue(summary.contains("46,764,746"), "the summary ran to its total:\n" + summary);
    for (String marker : SESSION_MARKERS) {
      assertFalse(summary.contains(marker), marker + " in:\n" + summary);
    }
    String control = child(OneSession.class.getName());
    assertTrue(SESSION_MARKERS.stream().anyMatch(control::contains),
        "a session logs one of " + SESSION_MARKERS + " at level 0, or this test cannot tell:\n" + control);
  }
}
