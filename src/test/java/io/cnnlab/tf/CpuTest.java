package io.cnnlab.tf;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The CPU's model and vector extensions, read from what real machines' systems printed: {@code /proc/cpuinfo}
 * of x86 and ARM Linux, {@code sysctl} of an Apple Silicon Mac, Windows' processor identifier.
 */
class CpuTest {
  private static String cpuinfo(String model, String flags) {
    return "processor\t: 0\nvendor_id\t: AuthenticAMD\nmodel name\t: " + model + "\nflags\t\t: " + flags
        + "\n\nprocessor\t: 1\nmodel name\t: other\nflags\t\t: avx512f\n";
  }

  /** The first two processors of an AWS Graviton3 (c7g), as posted to linux-perf-users by Arm in 2022. */
  private static final String GRAVITON3 = """
      processor\t: 0
      BogoMIPS\t: 2100.00
      Features\t: fp asimd evtstrm aes pmull sha1 sha2 crc32 atomics fphp asimdhp cpuid asimdrdm jscvt fcma \
      lrcpc dcpop sha3 sm3 sm4 asimddp sha512 sve asimdfhm dit uscat ilrcpc flagm ssbs paca pacg dcpodp svei8mm \
      svebf16 i8mm bf16 dgh rng
      CPU implementer\t: 0x41
      CPU architecture: 8
      CPU variant\t: 0x1
      CPU part\t: 0xd40
      CPU revision\t: 1

      processor\t: 1
      """;

  /** An NXP i.MX93 board (two Cortex-A55 cores). */
  private static final String IMX93 = """
      processor       : 0
      BogoMIPS        : 48.00
      Features        : fp asimd evtstrm aes pmull sha1 sha2 crc32 atomics fphp asimdhp cpuid asimdrdm lrcpc dcpop asimddp
      CPU implementer : 0x41
      CPU architecture: 8
      CPU variant     : 0x2
      CPU part        : 0xd05
      CPU revision    : 0
      """;

  /** {@code sysctl -n machdep.cpu.brand_string} and {@code sysctl hw.optional} of an Apple M3 (abridged). */
  private static final String APPLE_M3 = """
      machdep.cpu.brand_string: Apple M3
      hw.optional.arm.FEAT_DotProd: 1
      hw.optional.arm.FEAT_BF16: 1
      hw.optional.arm.FEAT_I8MM: 1
      hw.optional.arm.FEAT_WFxT: 0
      hw.optional.arm.FEAT_SME: 0
      hw.optional.arm.FEAT_SME2: 0
      hw.optional.floatingpoint: 1
      hw.optional.neon: 1
      hw.optional.neon_hpfp: 1
      hw.optional.neon_fp16: 1
      hw.optional.AdvSIMD: 1
      hw.optional.arm64: 1
      """;

  @Test
  void zen3HasAvx2Only() {
    Cpu cpu = CpuText.cpuinfo(cpuinfo("AMD EPYC 7B13", "fpu sse sse2 avx f16c avx2 bmi2 vaes"), "amd64");
    assertEquals("AMD EPYC 7B13", cpu.model());
    assertEquals(List.of("AVX2"), cpu.extensions());
    assertEquals("AMD EPYC 7B13 (AVX2)", cpu.describe());
  }

  @Test
  void sapphireRapidsHasAmx() {
    Cpu cpu = CpuText.cpuinfo(cpuinfo("Intel(R) Xeon(R) Platinum 8481C",
        "avx2 avx512f avx512_vnni avx512_bf16 avx_vnni amx_bf16 amx_tile amx_int8"), "amd64");
    assertEquals(List.of("AVX2", "AVX-512", "AVX512-VNNI", "AVX512-BF16", "AVX-VNNI", "AMX"), cpu.extensions());
  }

  @Test
  void graviton3IsANeoverseV1WithSve() {
    Cpu cpu = CpuText.cpuinfo(GRAVITON3, "aarch64");
    assertEquals("Arm Neoverse-V1", cpu.model());
    assertEquals(List.of("NEON", "SVE", "BF16", "I8MM"), cpu.extensions(), "no sve2 in its Features");
  }

  @Test
  void aCortexA55HasNeonOnly() {
    Cpu cpu = CpuText.cpuinfo(IMX93, "aarch64");
    assertEquals("Arm Cortex-A55 (NEON)", cpu.describe());
  }

  @Test
  void anUnlistedArmCoreIsNamedByItsNumbers() {
    Cpu cpu = CpuText.cpuinfo("processor\t: 0\nFeatures\t: fp asimd\nCPU implementer\t: 0xc0\nCPU part\t: 0xac3\n",
        "aarch64");
    assertEquals("ARM implementer 0xc0 part 0xac3 (NEON)", cpu.describe());
  }

  @Test
  void appleM3FromSysctl() {
    Cpu cpu = CpuText.sysctl(APPLE_M3, "aarch64");
    assertEquals("Apple M3", cpu.model());
    assertEquals(List.of("NEON", "BF16", "I8MM"), cpu.extensions(), "FEAT_SME is 0 on an M3");
    assertEquals("Apple M3 (NEON, BF16, I8MM)", cpu.describe());
  }

  @Test
  void windowsNamesTheModelOnly() {
    Cpu cpu = CpuText.windows("Intel64 Family 6 Model 158 Stepping 10, GenuineIntel", "amd64");
    assertEquals("Intel64 Family 6 Model 158 Stepping 10, GenuineIntel (no vector extensions known)", cpu.describe());
    assertEquals("amd64", CpuText.windows(null, "amd64").model());
  }

  @Test
  void noCpuinfoFallsBackToTheArchitecture() {
    Cpu cpu = CpuText.cpuinfo("", "aarch64");
    assertEquals("aarch64", cpu.model());
    assertEquals("aarch64 (no vector extensions known)", cpu.describe());
    assertEquals("aarch64", CpuText.sysctl("sysctl: unknown oid 'machdep.cpu.brand_string'", "aarch64").model());
  }
}
