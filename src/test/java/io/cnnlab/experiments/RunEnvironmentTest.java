package io.cnnlab.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cnnlab.graph.Machine;
import io.cnnlab.runs.RunEnvironment;
import io.cnnlab.runs.RunJson;
import io.cnnlab.tf.Cpu;
import io.cnnlab.tf.OneDnn;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run's manifest names the CPU, its vector extensions and whether oneDNN ran, and reads back. */
class RunEnvironmentTest {
  @TempDir Path dir;

  @Test
  void detectedEnvironmentNamesCpuAndOneDnnAndRoundTrips() throws Exception {
    RunEnvironment env = EnvironmentProbe.detect(Machine.detect());
    assertEquals(Cpu.detect().model(), env.cpuModel());
    assertEquals(Cpu.detect().extensions(), env.cpuExtensions());
    assertEquals(OneDnn.status().describe(), env.onednn());
    assertTrue(env.onednn().startsWith("on (") || env.onednn().startsWith("off ("), env.onednn());

    Path file = dir.resolve("env.json");
    RunJson.write(file, env);
    String text = Files.readString(file);
    assertTrue(text.contains("\"cpuExtensions\"") && text.contains("\"onednn\""), text);
    assertEquals(env, RunJson.readLenient(file, RunEnvironment.class, "RunEnvironment"));
  }
}
