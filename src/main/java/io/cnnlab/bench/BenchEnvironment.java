package io.cnnlab.bench;

import io.cnnlab.Versions;
import io.cnnlab.runs.RunJson;
import io.cnnlab.tf.Devices;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The conditions a benchmark ran under, written as {@code manifest.json}: versions, the device TensorFlow
 * runs on, cores, the load average (the machine may be shared) and the environment variables that change
 * TensorFlow's or the allocator's speed.
 */
public final class BenchEnvironment {
  /** Environment variables recorded because they change the figures. */
  public static final List<String> VARIABLES = List.of("GLIBC_TUNABLES", "TF_ENABLE_ONEDNN_OPTS",
      "TF_XLA_FLAGS", "TF_CPU_ALLOCATOR_USE_BFC", "OMP_NUM_THREADS", "CUDA_VISIBLE_DEVICES");

  private BenchEnvironment() {}

  /** The 1-, 5- and 15-minute load averages from {@code /proc/loadavg}, or "unknown". */
  public static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }

  /**
   * One line for the console: {@code cpu: AMD EPYC (AVX2, AVX-512); 2 cores; cpu; oneDNN on (...); convolution
   * forms auto; load ...}. Each model's resolved forms are printed where it is measured.
   */
  public static String header(BenchExecution execution) {
    return "cpu: " + execution.describe() + "; load " + loadAverage();
  }

  /** Everything recorded, in a stable order. */
  public static Map<String, Object> describe(BenchExecution execution) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("time", Instant.now().toString());
    m.put("cnnlab", Versions.cnnlab());
    m.put("tensorflow_java", Versions.TENSORFLOW_JAVA);
    m.put("tensorflow_runtime", Versions.tensorflow());
    m.put("device", Devices.describe());
    m.put("devices", Devices.list());
    m.put("cores", Runtime.getRuntime().availableProcessors());
    m.put("cpu", execution.machine().cpu().model());
    m.put("cpu_extensions", String.join(", ", execution.machine().cpu().extensions()));
    m.put("onednn", execution.machine().onednn().describe());
    m.put("conv_form", execution.convForm().token());
    m.put("java", System.getProperty("java.version"));
    m.put("load_average", loadAverage());
    Map<String, String> env = new LinkedHashMap<>();
    for (String v : VARIABLES) {
      env.put(v, System.getenv(v) == null ? "<unset>" : System.getenv(v));
    }
    m.put("environment", env);
    return m;
  }

  /** Writes {@link #describe} to {@code file} as JSON. */
  public static Map<String, Object> write(Path file, BenchExecution execution) throws IOException {
    Map<String, Object> m = describe(execution);
    RunJson.write(file, m);
    return m;
  }
}
