package io.cnnlab.tf;

import com.sun.jna.Library;
import com.sun.jna.Native;
import org.tensorflow.TensorFlow;

/**
 * A fresh JVM for {@link OneDnnTest}: TensorFlow reads its oneDNN switch once per process, so each case
 * needs a process of its own. Prints {@code active=<bool>} and the setting on standard output.
 *
 * <p>{@code cnnlab-first}: cnnlab makes the first graph. {@code avx2-library-user}: a program loads TensorFlow
 * itself before cnnlab, on a CPU where TensorFlow leaves oneDNN off (emulated by setting its switch to 0 in
 * the C environment only, where the JVM's copy of the environment does not see it), then opens a session
 * through cnnlab.
 */
public final class OneDnnChild {
  private interface LibC extends Library {
    int setenv(String name, String value, int overwrite);
  }

  public static void main(String[] args) {
    if (args[0].equals("avx2-library-user")) {
      Native.load("c", LibC.class).setenv(OneDnn.ENV, "0", 1);
      TensorFlow.version();
    }
    try (var graph = Graphs.create(); var session = Sessions.open(graph, 1)) {
      OneDnn.Status s = OneDnn.status();
      System.out.println("active=" + s.active());
      System.out.println("setting=" + s.setting());
    }
  }
}
