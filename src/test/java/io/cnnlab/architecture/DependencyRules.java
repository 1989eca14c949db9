package io.cnnlab.architecture;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The rules ArchitectureTest adds to ARCHITECTURE.md's package table, as functions of a plain dependency list, so
 * that a test can show each rule failing on a made-up dependency without committing a violation.
 */
final class DependencyRules {
  private DependencyRules() {}

  /** What reads run folders: its classes never use TensorFlow, so reports render on a machine without it. */
  static final List<String> READERS = List.of("io.cnnlab.runs", "io.cnnlab.reports", "io.cnnlab.output");

  static final String TENSORFLOW = "org.tensorflow";

  /** One class using another, by their binary names ({@code io.cnnlab.bench.EagerVsGraph$Comparison}). */
  record ClassDependency(String origin, String target) {
    String originPackage() {
      return packageOf(origin);
    }

    String targetPackage() {
      return packageOf(target);
    }

    private static String packageOf(String className) {
      int dot = className.lastIndexOf('.');
      return dot < 0 ? "" : className.substring(0, dot);
    }
  }

  /** Every dependency of {@code classes} on any class (array types as their element type), sorted. */
  static List<ClassDependency> of(JavaClasses classes) {
    TreeSet<ClassDependency> out = new TreeSet<>(
        Comparator.comparing(ClassDependency::origin).thenComparing(ClassDependency::target));
    for (JavaClass c : classes) {
      for (Dependency d : c.getDirectDependenciesFromSelf()) {
        out.add(new ClassDependency(d.getOriginClass().getName(), d.getTargetClass().getBaseComponentType().getName()));
      }
    }
    return List.copyOf(out);
  }

  /** The dependencies of a class in {@link #READERS} (or their subpackages) on {@code org.tensorflow}. */
  static List<String> tensorFlowInReaders(List<ClassDependency> deps) {
    return deps.stream()
        .filter(d -> READERS.stream().anyMatch(r -> within(d.originPackage(), r)) && within(d.targetPackage(), TENSORFLOW))
        .map(d -> d.origin() + " uses " + d.target() + ": what reads run folders never uses TensorFlow")
        .toList();
  }

  /**
   * The dependencies between two parts of one top-level package (the package itself and its sub-packages, one
   * row each in {@code parts}) that the origin's row does not allow.
   */
  static List<String> insidePackages(List<PackageRow> parts, List<ClassDependency> deps) {
    Map<String, PackageRow> byName = parts.stream().collect(Collectors.toMap(PackageRow::name, Function.identity()));
    List<String> out = new ArrayList<>();
    for (ClassDependency d : deps) {
      Optional<String> from = partOf(parts, d.originPackage());
      Optional<String> to = partOf(parts, d.targetPackage());
      if (from.isEmpty() || to.isEmpty() || from.get().equals(to.get()) || !topOf(from.get()).equals(topOf(to.get()))) {
        continue;
      }
      if (!byName.get(from.get()).mayImport().contains(to.get())) {
        out.add(d.origin() + " uses " + d.target() + ": " + from.get() + " may not import " + to.get()
            + " (ARCHITECTURE.md, Inside a package)");
      }
    }
    return out;
  }

  /** The row whose package holds {@code pkg}: the longest name that is {@code pkg} or a package above it. */
  static Optional<String> partOf(List<PackageRow> parts, String pkg) {
    return parts.stream().map(PackageRow::name)
        .filter(name -> within(pkg, "io.cnnlab." + name))
        .max(Comparator.comparingInt(String::length));
  }

  /** {@code bench} of {@code bench.results}. */
  static String topOf(String part) {
    int dot = part.indexOf('.');
    return dot < 0 ? part : part.substring(0, dot);
  }

  private static boolean within(String pkg, String root) {
    return pkg.equals(root) || pkg.startsWith(root + ".");
  }
}
