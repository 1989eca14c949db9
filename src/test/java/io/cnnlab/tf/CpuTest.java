package io.cnnlab.tf;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The CPU's model and vector extensions, read from {@code /proc/cpuinfo} texts of real machines. */
class CpuTest {
  private static String cpuinfo(String model, String flags) {
    return "processor\t: 0\nvendor_id\t: AuthenticAMD\nmodel name\t: " + model + "\nflags\t\t: " + flags
        + "\n\nprocessor\t: 1\nmodel name\t: other\nflags\t\t: avx512f\n";
  }

  @Test
  void zen3HasAvx2Only() {
    Cpu cpu = Cpu.parse(cpuinfo("AMD EPYC 7B13", "fpu sse sse2 avx f16c avx2 bmi2 vaes"), "amd64");
    assertEquals("AMD EPYC 7B13", cpu.model());
    assertEquals(List.of("AVX2"), cpu.extensions());
    assertEquals("AMD EPYC 7B13 (AVX2)", cpu.describe());
  }

  @Test
  void sapphireRapidsHasAmx() {
    Cpu cpu = Cpu.parse(cpuinfo("Intel(R) Xeon(R) Platinum 8481C",
        "avx2 avx512f avx512_vnni avx512_bf16 avx_vnni amx_bf16 amx_tile amx_int8"), "amd64");
    assertEquals(List.of("AVX2", "AVX-512", "AVX512-VNNI", "AVX512-BF16", "AVX-VNNI", "AMX"), cpu.extensions());
  }

  @Test
  void noCpuinfoFallsBackToTheArchitecture() {
    Cpu cpu = Cpu.parse("", "aarch64");
    assertEquals("aarch64", cpu.model());
    assertEquals("aarch64 (no AVX2)", cpu.describe());
  }
}
