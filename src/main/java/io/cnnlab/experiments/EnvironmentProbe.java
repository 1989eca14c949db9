package io.cnnlab.experiments;

import io.cnnlab.Versions;
import io.cnnlab.graph.Machine;
import io.cnnlab.runs.RunEnvironment;
import java.io.IOException;
import java.util.concurrent.TimeUnit;

/** Detects the {@link RunEnvironment} of this process, once per sweep. */
public final class EnvironmentProbe {
  private EnvironmentProbe() {}

  /** The environment of this process on {@code machine} (loads the TensorFlow runtime to ask its version). */
  public static RunEnvironment detect(Machine machine) {
    return new RunEnvironment(Runtime.version().toString(), Versions.TENSORFLOW_JAVA, Versions.tensorflow(),
        Versions.cnnlab(), detectGitCommit(), machine.cpu().model(), machine.cpu().extensions(),
        machine.onednn().describe(), machine.cores(), machine.device());
  }

  /** {@code git rev-parse HEAD} of the working folder, or {@code unknown}. */
  public static String gitCommit() {
    return detectGitCommit();
  }

  static String detectGitCommit() {
    try {
      Process p = new ProcessBuilder("git", "rev-parse", "HEAD").redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes()).trim();
      boolean done = p.waitFor(10, TimeUnit.SECONDS);
      return done && p.exitValue() == 0 && out.matches("[0-9a-f]{40}") ? out : "unknown";
    } catch (IOException e) {
      return "unknown";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "unknown";
    }
  }
}
