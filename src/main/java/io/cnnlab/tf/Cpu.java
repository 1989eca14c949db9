package io.cnnlab.tf;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The processor figures were measured on: its model name and the vector extensions that decide TensorFlow's
 * speed (whether oneDNN is on by default, which kernels it can use). Figures from different CPUs are not
 * comparable, so every manifest and bench header names it.
 *
 * <p>Each operating system is asked in its own way ({@link CpuText}): Linux's {@code /proc/cpuinfo}, macOS's
 * {@code sysctl}, Windows' {@code PROCESSOR_IDENTIFIER} (a model without extensions).
 *
 * @param model the processor's name as the system gives it, or {@code os.arch} when it gives none
 * @param extensions the vector extensions present: AVX2 to AMX on x86, NEON to I8MM on ARM (empty when unknown)
 */
public record Cpu(String model, List<String> extensions) {
  private static Cpu detected;

  public Cpu {
    extensions = List.copyOf(extensions);
  }

  /** This machine's CPU, read once. */
  public static synchronized Cpu detect() {
    if (detected == null) {
      String arch = System.getProperty("os.arch", "unknown");
      detected = switch (Platform.current().os()) {
        case "linux" -> CpuText.cpuinfo(read(Path.of("/proc/cpuinfo")), arch);
        case "macosx" -> CpuText.sysctl(sysctl(), arch);
        case "windows" -> CpuText.windows(System.getenv("PROCESSOR_IDENTIFIER"), arch);
        default -> new Cpu(arch, List.of());
      };
    }
    return detected;
  }

  /** {@code AMD EPYC (AVX2, AVX-512, AVX512-VNNI, AVX512-BF16)}; {@code Apple M3 (NEON, BF16, I8MM)}. */
  public String describe() {
    return model + " (" + (extensions.isEmpty() ? "no vector extensions known" : String.join(", ", extensions)) + ")";
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException | RuntimeException e) {
      return ""; // a container without /proc: the architecture alone
    }
  }

  /** macOS's answer about the processor, or "" when sysctl cannot be run. */
  private static String sysctl() {
    String tool = Files.isExecutable(Path.of("/usr/sbin/sysctl")) ? "/usr/sbin/sysctl" : "sysctl";
    try {
      Process p = new ProcessBuilder(tool, "machdep.cpu.brand_string", "hw.optional")
          .redirectError(ProcessBuilder.Redirect.DISCARD).start();
      // a few kilobytes: they fit the pipe, so waiting first cannot block the tool
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return "";
      }
      return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "";
    }
  }
}
