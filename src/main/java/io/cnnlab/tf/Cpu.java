package io.cnnlab.tf;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The processor figures were measured on: its model name and the vector extensions that decide TensorFlow's
 * speed (whether oneDNN is on by default, which kernels it can use). Figures from different CPUs are not
 * comparable, so every manifest and bench header names it.
 *
 * @param model the first {@code model name} of {@code /proc/cpuinfo}, or {@code os.arch} elsewhere
 * @param extensions the vector extensions present, in {@link #EXTENSIONS} order (empty when unknown)
 */
public record Cpu(String model, List<String> extensions) {
  /** Reported extension name and the {@code /proc/cpuinfo} flags any one of which shows it. */
  static final Map<String, List<String>> EXTENSIONS = extensionFlags();

  private static Cpu detected;

  public Cpu {
    extensions = List.copyOf(extensions);
  }

  /** This machine's CPU, read once. */
  public static synchronized Cpu detect() {
    if (detected == null) {
      String cpuinfo;
      try {
        cpuinfo = Files.readString(Path.of("/proc/cpuinfo"));
      } catch (IOException | RuntimeException e) {
        cpuinfo = ""; // not Linux
      }
      detected = parse(cpuinfo, System.getProperty("os.arch", "unknown"));
    }
    return detected;
  }

  /** Reads the first processor of a {@code /proc/cpuinfo} text; {@code fallbackModel} when it names none. */
  static Cpu parse(String cpuinfo, String fallbackModel) {
    String model = null;
    Set<String> flags = new HashSet<>();
    for (String line : cpuinfo.split("\n")) {
      int colon = line.indexOf(':');
      if (colon < 0) {
        continue;
      }
      String key = line.substring(0, colon).trim();
      String value = line.substring(colon + 1).trim();
      if (key.equals("model name") && model == null) {
        model = value;
      } else if (key.equals("flags") && flags.isEmpty()) {
        flags.addAll(Arrays.asList(value.split("\\s+")));
      }
    }
    List<String> present = new ArrayList<>();
    EXTENSIONS.forEach((name, any) -> {
      if (any.stream().anyMatch(flags::contains)) {
        present.add(name);
      }
    });
    return new Cpu(model == null ? fallbackModel : model, present);
  }

  /** {@code AMD EPYC (AVX2, AVX-512, AVX512-VNNI, AVX512-BF16)}. */
  public String describe() {
    return model + " (" + (extensions.isEmpty() ? "no AVX2" : String.join(", ", extensions)) + ")";
  }

  private static Map<String, List<String>> extensionFlags() {
    Map<String, List<String>> m = new LinkedHashMap<>();
    m.put("AVX2", List.of("avx2"));
    m.put("AVX-512", List.of("avx512f"));
    m.put("AVX512-VNNI", List.of("avx512_vnni"));
    m.put("AVX512-BF16", List.of("avx512_bf16"));
    m.put("AVX-VNNI", List.of("avx_vnni"));
    m.put("AMX", List.of("amx_tile", "amx_bf16", "amx_int8"));
    return java.util.Collections.unmodifiableMap(m);
  }
}
