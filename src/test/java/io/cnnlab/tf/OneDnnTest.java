package io.cnnlab.tf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cnnlab.testing.ChildProcess;
import io.cnnlab.testing.ChildProcess.Result;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * oneDNN is switched before TensorFlow loads, whatever TensorFlow's default for this CPU. Each case runs in a
 * child JVM without {@value OneDnn#ENV} in its environment; whether oneDNN ran is read from the op names of a
 * graph TensorFlow actually executed ({@link OneDnn#probe()}), not from the variable.
 */
class OneDnnTest {
  private static Result run(String mode, Map<String, String> env, String... jvmOptions) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(List.of(jvmOptions));
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), OneDnnChild.class.getName(), mode));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().remove(OneDnn.ENV);
    pb.environment().putAll(env);
    return ChildProcess.run(pb, Duration.ofSeconds(120));
  }

  @Test
  void cnnlabTurnsOneDnnOnBeforeTensorFlowLoads() throws Exception {
    Result c = run("cnnlab-first", Map.of());
    assertEquals(0, c.status(), c.err());
    assertTrue(c.out().contains("active=true"), c.out());
    assertTrue(c.out().contains("setting=" + OneDnn.ENV + "=1 set by cnnlab"), c.out());
    assertFalse(c.err().contains("cnnlab: oneDNN is off"), c.err());
  }

  @Test
  void theSettingTakesEffectBothWays() throws Exception {
    // Off by request proves that cnnlab's setenv reaches TensorFlow even where its default is on.
    Result c = run("cnnlab-first", Map.of(), "-D" + OneDnn.PROPERTY + "=off");
    assertEquals(0, c.status(), c.err());
    assertTrue(c.out().contains("active=false"), c.out());
    assertFalse(c.err().contains("cnnlab: oneDNN is off"), "asked for off: no warning\n" + c.err());
  }

  @Test
  void aUsersExplicitZeroIsRespected() throws Exception {
    Result c = run("cnnlab-first", Map.of(OneDnn.ENV, "0"));
    assertEquals(0, c.status(), c.err());
    assertTrue(c.out().contains("active=false"), c.out());
    assertTrue(c.out().contains("setting=" + OneDnn.ENV + "=0 from the environment"), c.out());
    assertFalse(c.err().contains("cnnlab: oneDNN is off"), c.err());
  }

  @Test
  void tooLateToSwitchGivesOneWarningLine() throws Exception {
    Result c = run("avx2-library-user", Map.of());
    assertEquals(0, c.status(), c.err());
    assertTrue(c.out().contains("active=false"), c.out());
    assertTrue(c.out().contains("loaded before cnnlab could set"), c.out());
    long warnings = c.err().lines().filter(l -> l.startsWith("cnnlab: oneDNN is off")).count();
    assertEquals(1, warnings, c.err());
  }

  @Test
  void warningOnlyOnX86LinuxWhenOffUnasked() {
    var off = new OneDnn.Status(false, "TensorFlow's default for this CPU");
    Platform linux = Platform.of("Linux", "amd64");
    assertTrue(OneDnn.warning(off, linux).isPresent());
    assertTrue(OneDnn.warning(off, Platform.of("Linux", "aarch64")).isEmpty(), "never measured faster on ARM");
    assertTrue(OneDnn.warning(off, Platform.of("Windows 11", "amd64")).isEmpty(), "not switched on Windows");
    assertTrue(OneDnn.warning(new OneDnn.Status(true, "x"), linux).isEmpty());
    assertTrue(OneDnn.warning(new OneDnn.Status(false, OneDnn.ENV + "=0 set by cnnlab"), linux).isEmpty());
  }
}
