package io.cnnlab.experiments;

import io.cnnlab.Versions;
import io.cnnlab.tf.Cpu;
import io.cnnlab.tf.OneDnn;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Where runs ran, detected once per sweep and written into every manifest.
 *
 * @param java Java runtime version
 * @param tensorflowJava the TensorFlow Java release on the classpath
 * @param tensorflow the native TensorFlow runtime's version
 * @param cnnlab cnnlab's version
 * @param gitCommit {@code git rev-parse HEAD} of the working tree, or {@code unknown}
 * @param cpuModel the first {@code model name} of {@code /proc/cpuinfo}, or {@code os.arch} elsewhere
 * @param cpuExtensions the CPU's vector extensions that decide TensorFlow's speed ({@link Cpu})
 * @param onednn whether TensorFlow's oneDNN kernels ran, and why ({@link OneDnn.Status#describe()})
 * @param cores processors available to the JVM
 * @param device {@code cpu} or {@code gpu}
 */
public record RunEnvironment(
    String java, String tensorflowJava, String tensorflow, String cnnlab, String gitCommit, String cpuModel,
    List<String> cpuExtensions, String onednn, int cores, String device) {

  /** Detects the environment of this process (loads the TensorFlow runtime to ask its version). */
  public static RunEnvironment detect(String device) {
    Cpu cpu = Cpu.detect();
    return new RunEnvironment(Runtime.version().toString(), Versions.TENSORFLOW_JAVA, Versions.tensorflow(),
        Versions.cnnlab(), detectGitCommit(), cpu.model(), cpu.extensions(), OneDnn.status().describe(),
        Runtime.getRuntime().availableProcessors(), device);
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
