package io.cnnlab.tf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * pom.xml's native-* profiles pick the classifier {@link Platform} names for the same os.name and os.arch, one per
 * published platform, and a library user is not given this build's native library (bin/native-classifiers runs
 * Maven itself on each pair).
 */
class PomPlatformsTest {
  private static final Document POM = read();

  private static Document read() {
    try {
      return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(Path.of("pom.xml").toFile());
    } catch (Exception e) {
      throw new IllegalStateException("pom.xml: " + e.getMessage(), e);
    }
  }

  private static String text(Element parent, String tag) {
    NodeList nodes = parent.getElementsByTagName(tag);
    return nodes.getLength() == 0 ? null : nodes.item(0).getTextContent().trim();
  }

  /** The os.name a JVM reports in an OS family Maven's activation names. */
  private static String osName(Element os) {
    String name = text(os, "name");
    if (name != null) {
      return name;
    }
    return switch (text(os, "family")) {
      case "mac" -> "Mac OS X";
      case "windows" -> "Windows 11";
      default -> throw new AssertionError("unexpected family " + text(os, "family"));
    };
  }

  @Test
  void eachNativeProfilePicksWhatPlatformNamesForItsMachine() {
    List<String> picked = new ArrayList<>();
    NodeList profiles = POM.getElementsByTagName("profile");
    for (int i = 0; i < profiles.getLength(); i++) {
      Element profile = (Element) profiles.item(i);
      String id = text(profile, "id");
      if (!id.startsWith("native-")) {
        continue;
      }
      Element os = (Element) profile.getElementsByTagName("os").item(0);
      String classifier = text(profile, "tensorflow.native.platform");
      assertEquals(Platform.of(osName(os), text(os, "arch")).classifier(), classifier, id);
      assertEquals("native-" + classifier, id);
      picked.add(classifier);
    }
    assertEquals(Platform.PUBLISHED, picked);
  }

  @Test
  void theNativeLibraryIsOptionalForLibraryUsers() {
    NodeList deps = POM.getElementsByTagName("dependency");
    for (int i = 0; i < deps.getLength(); i++) {
      Element d = (Element) deps.item(i);
      if (d.getParentNode().getParentNode().getNodeName().equals("project")
          && "tensorflow-core-native".equals(text(d, "artifactId"))) {
        assertEquals("${tensorflow.native.classifier}", text(d, "classifier"));
        assertEquals("true", text(d, "optional"), "a user's build adds its own platform's (README)");
        return;
      }
    }
    throw new AssertionError("pom.xml has no tensorflow-core-native dependency");
  }

  @Test
  void theEnforcerAcceptsExactlyThePublishedClassifiers() {
    String regex = text((Element) POM.getElementsByTagName("requireProperty").item(0), "regex");
    for (String c : Platform.PUBLISHED) {
      assertTrue(c.matches(regex), c);
    }
    assertTrue("linux-x86_64-gpu".matches(regex));
    for (String c : List.of("unsupported", "macosx-x86_64", "windows-arm64", "")) {
      assertFalse(c.matches(regex), c);
    }
  }
}
