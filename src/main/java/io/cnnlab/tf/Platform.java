package io.cnnlab.tf;

import java.util.List;
import java.util.Locale;

/**
 * The operating system and processor architecture a JVM runs on, in the words of TensorFlow Java's native
 * classifiers ({@code linux-x86_64}, {@code macosx-arm64}): which native library it needs, whether TensorFlow has
 * oneDNN there, and which of cnnlab's convolution forms were measured there.
 *
 * @param os {@code linux}, {@code macosx}, {@code windows}, or the lower-cased {@code os.name} of another system
 * @param arch {@code x86_64}, {@code arm64}, or the lower-cased {@code os.arch} of another processor
 */
public record Platform(String os, String arch) {
  /** The classifiers TensorFlow Java 1.1.0 publishes a CPU build of {@code tensorflow-core-native} for. */
  public static final List<String> PUBLISHED = List.of("linux-x86_64", "linux-arm64", "macosx-arm64", "windows-x86_64");

  /** Where TensorFlow's oneDNN-Mkl build that reads {@code TF_ENABLE_ONEDNN_OPTS} is published. */
  private static final List<String> WITH_ONEDNN = List.of("linux-x86_64", "linux-arm64");

  private static final String NATIVE_FOLDER = "org/tensorflow/internal/c_api/";

  /** This JVM's platform. */
  public static Platform current() {
    return of(System.getProperty("os.name", "unknown"), System.getProperty("os.arch", "unknown"));
  }

  /** The platform of a JVM whose {@code os.name} and {@code os.arch} are given ({@code "Mac OS X", "aarch64"}). */
  public static Platform of(String osName, String osArch) {
    String name = osName.toLowerCase(Locale.ROOT);
    String os = name.startsWith("linux") ? "linux"
        : name.startsWith("mac") || name.startsWith("darwin") ? "macosx"
        : name.startsWith("windows") ? "windows"
        : name.replaceAll("[^a-z0-9]+", "");
    String a = osArch.toLowerCase(Locale.ROOT);
    String arch = switch (a) {
      case "amd64", "x86_64", "x86-64", "x64" -> "x86_64";
      case "aarch64", "arm64" -> "arm64";
      default -> a;
    };
    return new Platform(os, arch);
  }

  /** TensorFlow Java's classifier for this platform: {@code linux-x86_64}. */
  public String classifier() {
    return os + "-" + arch;
  }

  public boolean isX86_64() {
    return arch.equals("x86_64");
  }

  /** Whether TensorFlow Java publishes a native library for this platform. */
  public boolean hasTensorFlowBuild() {
    return PUBLISHED.contains(classifier());
  }

  /**
   * Whether TensorFlow's build for this platform has oneDNN kernels switched by {@code TF_ENABLE_ONEDNN_OPTS}:
   * Linux on x86-64 and on ARM64. Its macOS build has none; its Windows build is not switched by cnnlab.
   */
  public boolean hasOneDnn() {
    return WITH_ONEDNN.contains(classifier());
  }

  /**
   * The classifiers whose native library is on this class path (the folders of {@code tensorflow-core-native}'s
   * platform jars, {@code -gpu} builds included), in {@link #PUBLISHED} order.
   */
  public static List<String> nativesOnClassPath() {
    ClassLoader loader = Platform.class.getClassLoader();
    return PUBLISHED.stream()
        .flatMap(c -> java.util.stream.Stream.of(c, c + "-gpu"))
        .filter(c -> loader.getResource(NATIVE_FOLDER + c + "/LICENSE") != null)
        .toList();
  }

  /**
   * The line to print when no native library of this platform is on the class path (TensorFlow would fail to
   * load with a linker error that names neither), or null when one is.
   */
  public String missingNativeLine(List<String> onClassPath) {
    if (onClassPath.stream().anyMatch(c -> c.startsWith(classifier()))) {
      return null;
    }
    String found = onClassPath.isEmpty() ? "none" : String.join(", ", onClassPath);
    return "cnnlab: this machine is " + classifier() + " but TensorFlow's native library on the class path is for "
        + found + "; " + (hasTensorFlowBuild()
            ? "rebuild here (make build, or make cli-jar) so that Maven picks " + classifier()
            : "TensorFlow Java publishes natives only for " + String.join(", ", PUBLISHED));
  }
}
