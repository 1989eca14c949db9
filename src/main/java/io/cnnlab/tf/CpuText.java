package io.cnnlab.tf;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a {@link Cpu} from what each operating system says about its processor: Linux's {@code /proc/cpuinfo}
 * (x86 {@code flags}, ARM {@code Features}), macOS's {@code sysctl machdep.cpu.brand_string hw.optional} and
 * Windows' {@code PROCESSOR_IDENTIFIER}. Only the extensions that decide TensorFlow's kernels are named.
 */
final class CpuText {
  /** x86 extension and the {@code /proc/cpuinfo} flags any one of which shows it. */
  static final Map<String, List<String>> X86 = ordered(
      "AVX2", List.of("avx2"),
      "AVX-512", List.of("avx512f"),
      "AVX512-VNNI", List.of("avx512_vnni"),
      "AVX512-BF16", List.of("avx512_bf16"),
      "AVX-VNNI", List.of("avx_vnni"),
      "AMX", List.of("amx_tile", "amx_bf16", "amx_int8"));

  /** ARM extension and its {@code /proc/cpuinfo} {@code Features} word and macOS {@code hw.optional} names. */
  static final Map<String, List<String>> ARM = ordered(
      "NEON", List.of("asimd", "hw.optional.neon", "hw.optional.AdvSIMD"),
      "SVE", List.of("sve"),
      "SVE2", List.of("sve2"),
      "SME", List.of("sme", "hw.optional.arm.FEAT_SME"),
      "BF16", List.of("bf16", "hw.optional.arm.FEAT_BF16"),
      "I8MM", List.of("i8mm", "hw.optional.arm.FEAT_I8MM"));

  /** Arm Ltd's (implementer 0x41) core names by {@code CPU part}, as Linux's {@code cputype.h} lists them. */
  private static final Map<String, String> ARM_PARTS = Map.of(
      "0xd03", "Cortex-A53", "0xd05", "Cortex-A55", "0xd08", "Cortex-A72", "0xd0b", "Cortex-A76",
      "0xd0c", "Neoverse-N1", "0xd40", "Neoverse-V1", "0xd49", "Neoverse-N2", "0xd4f", "Neoverse-V2");

  private CpuText() {}

  /**
   * The first processor of a {@code /proc/cpuinfo} text: its {@code model name} (x86) or the core its
   * {@code CPU implementer} and {@code CPU part} name (ARM); {@code fallbackModel} when it names neither.
   */
  static Cpu cpuinfo(String text, String fallbackModel) {
    Map<String, String> first = new HashMap<>();
    for (String line : text.split("\n")) {
      int colon = line.indexOf(':');
      if (colon > 0) {
        first.putIfAbsent(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
      }
    }
    String model = first.get("model name");
    if (model == null && first.containsKey("CPU part")) {
      String implementer = first.getOrDefault("CPU implementer", "?");
      String part = first.get("CPU part").toLowerCase(java.util.Locale.ROOT);
      model = implementer.equalsIgnoreCase("0x41") && ARM_PARTS.containsKey(part) ? "Arm " + ARM_PARTS.get(part)
          : "ARM implementer " + implementer + " part " + part;
    }
    Set<String> words = new HashSet<>();
    for (String key : List.of("flags", "Features")) {
      if (first.containsKey(key)) {
        words.addAll(Arrays.asList(first.get(key).split("\\s+")));
      }
    }
    List<String> present = present(first.containsKey("Features") ? ARM : X86, words);
    return new Cpu(model == null ? fallbackModel : model, present);
  }

  /** {@code sysctl machdep.cpu.brand_string hw.optional} output (lines {@code name: value}); 1 means present. */
  static Cpu sysctl(String text, String fallbackModel) {
    String model = null;
    Set<String> on = new HashSet<>();
    for (String line : text.split("\n")) {
      int colon = line.indexOf(':');
      if (colon < 0) {
        continue;
      }
      String name = line.substring(0, colon).trim();
      String value = line.substring(colon + 1).trim();
      if (name.equals("machdep.cpu.brand_string")) {
        model = value;
      } else if (value.equals("1")) {
        on.add(name);
      }
    }
    return new Cpu(model == null || model.isEmpty() ? fallbackModel : model, present(ARM, on));
  }

  /**
   * Windows' {@code PROCESSOR_IDENTIFIER} ({@code Intel64 Family 6 Model 158 Stepping 10, GenuineIntel}): the
   * model only, as Windows names no extensions to a program without native code.
   */
  static Cpu windows(String processorIdentifier, String fallbackModel) {
    boolean named = processorIdentifier != null && !processorIdentifier.isBlank();
    return new Cpu(named ? processorIdentifier.trim() : fallbackModel, List.of());
  }

  private static List<String> present(Map<String, List<String>> extensions, Set<String> words) {
    List<String> present = new ArrayList<>();
    extensions.forEach((name, any) -> {
      if (any.stream().anyMatch(words::contains)) {
        present.add(name);
      }
    });
    return present;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, List<String>> ordered(Object... pairs) {
    Map<String, List<String>> m = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      m.put((String) pairs[i], (List<String>) pairs[i + 1]);
    }
    return java.util.Collections.unmodifiableMap(m);
  }
}
