package io.cnnlab.tf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** os.name and os.arch as JVMs report them, mapped to TensorFlow Java's classifiers. */
class PlatformTest {
  @Test
  void theFourPublishedPlatforms() {
    assertEquals("linux-x86_64", Platform.of("Linux", "amd64").classifier());
    assertEquals("linux-arm64", Platform.of("Linux", "aarch64").classifier());
    assertEquals("macosx-arm64", Platform.of("Mac OS X", "aarch64").classifier());
    assertEquals("windows-x86_64", Platform.of("Windows 11", "amd64").classifier());
    assertEquals("windows-x86_64", Platform.of("Windows Server 2022", "x86_64").classifier());
    for (String c : Platform.PUBLISHED) {
      String[] parts = c.split("-", 2);
      assertTrue(new Platform(parts[0], parts[1]).hasTensorFlowBuild(), c);
    }
  }

  @Test
  void otherPlatformsHaveNoTensorFlowBuild() {
    assertFalse(Platform.of("Mac OS X", "x86_64").hasTensorFlowBuild(), "TensorFlow Java 1.1.0 has no Intel Mac build");
    assertFalse(Platform.of("Windows 11", "aarch64").hasTensorFlowBuild());
    assertEquals("freebsd-x86_64", Platform.of("FreeBSD", "amd64").classifier());
  }

  @Test
  void oneDnnOnlyOnLinux() {
    assertTrue(Platform.of("Linux", "amd64").hasOneDnn());
    assertTrue(Platform.of("Linux", "aarch64").hasOneDnn());
    assertFalse(Platform.of("Mac OS X", "aarch64").hasOneDnn());
    assertFalse(Platform.of("Windows 10", "amd64").hasOneDnn());
  }

  @Test
  void aMissingNativeLibraryIsNamed() {
    Platform mac = Platform.of("Mac OS X", "aarch64");
    String line = mac.missingNativeLine(List.of("linux-x86_64"));
    assertTrue(line.contains("this machine is macosx-arm64") && line.contains("for linux-x86_64"), line);
    assertNull(mac.missingNativeLine(List.of("linux-x86_64", "macosx-arm64")));
    assertNull(Platform.of("Linux", "amd64").missingNativeLine(List.of("linux-x86_64-gpu")), "the GPU build runs on CPUs");
  }

  @Test
  void thisBuildCarriesThisMachinesNativeLibrary() {
    // The POM picks the classifier by OS and architecture: the test class path has this machine's.
    Platform here = Platform.current();
    assertNull(here.missingNativeLine(Platform.nativesOnClassPath()), Platform.nativesOnClassPath().toString());
  }
}
