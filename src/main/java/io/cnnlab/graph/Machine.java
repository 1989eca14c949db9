package io.cnnlab.graph;

import io.cnnlab.tf.Cpu;
import io.cnnlab.tf.Devices;
import io.cnnlab.tf.OneDnn;
import io.cnnlab.tf.Platform;

/**
 * The facts of the machine a run resolves its {@link Execution} against: the device TensorFlow computes on, the
 * operating system and architecture, the CPU, whether oneDNN's kernels run and the cores. Detected once per process that trains or measures
 * ({@link #detect()}); graphs that are only inspected need none.
 *
 * @param device {@code cpu} or {@code gpu}
 * @param platform the operating system and architecture ({@code linux-x86_64})
 * @param cpu the CPU model and its vector extensions
 * @param onednn whether oneDNN's kernels ran in a probe graph, and why (or what is expected, when not probed)
 * @param cores processors available to the JVM
 */
public record Machine(String device, Platform platform, Cpu cpu, OneDnn.Status onednn, int cores) {
  private static Machine detected;

  public Machine {
    if (!device.equals("cpu") && !device.equals("gpu")) {
      throw new IllegalArgumentException("device must be cpu or gpu, got " + device);
    }
    if (cores < 1) {
      throw new IllegalArgumentException("cores must be >= 1, got " + cores);
    }
  }

  /**
   * This process's machine: probes oneDNN with a small graph and lists TensorFlow's devices, once per process.
   * With TensorFlow's GPU build but no GPU found it says so in one line on standard error.
   */
  public static synchronized Machine detect() {
    if (detected == null) {
      String device = Devices.gpuBuildOnClassPath() ? Devices.kind() : "cpu";
      if (Devices.gpuBuildOnClassPath() && device.equals("cpu")) {
        System.err.println("cnnlab: TensorFlow's GPU build (" + Devices.GPU_CLASSIFIER + ") found no GPU here; "
            + "running on the CPU");
      }
      detected = new Machine(device, Platform.current(), Cpu.detect(), OneDnn.status(), Runtime.getRuntime().availableProcessors());
    }
    return detected;
  }

  /**
   * This machine as far as it is known without running TensorFlow: oneDNN as its setting leads to expect, not
   * probed. For estimates that must not probe (a dry run's plan).
   */
  public static Machine assumed(String device) {
    return new Machine(device, Platform.current(), Cpu.detect(), OneDnn.expected(), Runtime.getRuntime().availableProcessors());
  }

  /** {@code linux-x86_64; AMD EPYC (AVX2, AVX-512); 2 cores; cpu; oneDNN on (TF_ENABLE_ONEDNN_OPTS=1 set by cnnlab)}. */
  public String describe() {
    return platform.classifier() + "; " + cpu.describe() + "; " + cores + " cores; " + device + "; oneDNN " + onednn.describe();
  }
}
