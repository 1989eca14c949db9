package io.cnnlab.runs;

import java.util.List;

/**
 * Where runs ran, detected once per sweep (by {@code experiments/EnvironmentProbe}) and written into every
 * manifest.
 *
 * @param java Java runtime version
 * @param tensorflowJava the TensorFlow Java release on the classpath
 * @param tensorflow the native TensorFlow runtime's version
 * @param cnnlab cnnlab's version
 * @param gitCommit {@code git rev-parse HEAD} of the working tree, or {@code unknown}
 * @param cpuModel the first {@code model name} of {@code /proc/cpuinfo}, or {@code os.arch} elsewhere
 * @param cpuExtensions the CPU's vector extensions that decide TensorFlow's speed
 * @param onednn whether TensorFlow's oneDNN kernels ran, and why (how each run computed is its manifest's
 *     {@code execution})
 * @param cores processors available to the JVM
 * @param device {@code cpu} or {@code gpu}
 */
public record RunEnvironment(
    String java, String tensorflowJava, String tensorflow, String cnnlab, String gitCommit, String cpuModel,
    List<String> cpuExtensions, String onednn, int cores, String device) {}
