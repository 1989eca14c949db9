package io.cnnlab.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.EvaluationResult;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packages keep the order ARCHITECTURE.md states: its tables (between packages, and between the parts of
 * one package) are read here and checked against the compiled classes' real dependencies (ArchUnit reads the
 * bytecode, so a fully qualified name counts as an import). The rules beyond the first table are in
 * {@link DependencyRules}, shown to fail in DependencyRulesTest.
 */
class ArchitectureTest {
  private static final Path TABLES = Path.of("ARCHITECTURE.md");
  private static final Path SOURCES = Path.of("src/main/java");

  private static List<PackageRow> rows;
  private static List<PackageRow> parts;
  private static JavaClasses main;
  private static List<DependencyRules.ClassDependency> dependencies;

  @BeforeAll
  static void read() throws IOException {
    rows = PackageRow.read(TABLES, "## Packages, in dependency order");
    parts = PackageRow.read(TABLES, "## Inside a package");
    main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("io.cnnlab");
    dependencies = DependencyRules.of(main);
  }

  @Test
  void theTableNamesEveryPackageOnce() {
    List<String> names = rows.stream().map(PackageRow::name).toList();
    assertEquals(names.stream().distinct().count(), names.size(), "a package is listed twice: " + names);
    for (PackageRow row : rows) {
      assertTrue(Files.isDirectory(SOURCES.resolve(row.folder())),
          "ARCHITECTURE.md lists " + row.name() + ", which has no folder under src/main/java");
      for (String allowed : row.mayImport()) {
        assertTrue(names.contains(allowed), row.name() + " may import '" + allowed + "', which is not a row");
      }
    }
  }

  @Test
  void everyDependencyFollowsTheTable() {
    EvaluationResult result = architecture().evaluate(main);
    assertFalse(result.hasViolation(), () -> String.join("\n", result.getFailureReport().getDetails()));
  }

  @Test
  void whatReadsRunFoldersNeverUsesTensorFlow() {
    List<String> found = DependencyRules.tensorFlowInReaders(dependencies);
    assertTrue(found.isEmpty(), () -> String.join("\n", found));
  }

  @Test
  void theInsideTableNamesEverySubpackageAndItsParentOnce() throws IOException {
    List<String> names = parts.stream().map(PackageRow::name).toList();
    assertEquals(names.stream().distinct().count(), names.size(), "a part is listed twice: " + names);
    Path root = SOURCES.resolve("io/cnnlab");
    try (Stream<Path> dirs = Files.walk(root)) {
      for (Path dir : dirs.filter(Files::isDirectory).filter(d -> root.relativize(d).getNameCount() >= 2).toList()) {
        String sub = root.relativize(dir).toString().replace('/', '.');
        assertTrue(names.contains(sub), "ARCHITECTURE.md, Inside a package, has no row for " + sub);
        assertTrue(names.contains(DependencyRules.topOf(sub)), "... nor for its parent " + DependencyRules.topOf(sub));
      }
    }
    for (PackageRow part : parts) {
      assertTrue(Files.isDirectory(SOURCES.resolve(part.folder())), part.name() + " has no folder");
      for (String allowed : part.mayImport()) {
        assertTrue(names.contains(allowed) && DependencyRules.topOf(allowed).equals(DependencyRules.topOf(part.name())),
            part.name() + " may import '" + allowed + "', which is not a part of the same package");
      }
    }
  }

  @Test
  void partsOfAPackageDependOnEachOtherOnlyAsTheInsideTableSays() {
    List<String> found = DependencyRules.insidePackages(parts, dependencies);
    assertTrue(found.isEmpty(), () -> String.join("\n", found));
  }

  @Test
  void topLevelPackagesFormNoCycle() {
    EvaluationResult result = SlicesRuleDefinition.slices().matching("io.cnnlab.(*)..").should().beFreeOfCycles()
        .evaluate(main);
    assertFalse(result.hasViolation(), () -> String.join("\n", result.getFailureReport().getDetails()));
  }

  @Test
  void aReportClassThatUsesTensorFlowPlumbingIsCaught() {
    // The rule must be able to fail: a class in reports that calls tf.Graphs, as BundleRenderer once ran sessions.
    JavaClasses offender = new ClassFileImporter().importClasses(
        io.cnnlab.reports.RendersWithTensorFlow.class, io.cnnlab.tf.Graphs.class);
    EvaluationResult result = architecture().evaluate(offender);
    assertTrue(result.hasViolation(), "reports -> tf went unnoticed");
    assertTrue(String.join("\n", result.getFailureReport().getDetails()).contains("io.cnnlab.tf.Graphs"));
  }

  @Test
  void noFolderHoldsMoreThan25FilesAndNoFileMoreThan400Lines() throws IOException {
    List<String> over = new ArrayList<>();
    for (String root : List.of(SOURCES.toString(), "src/test/java")) {
      try (Stream<Path> dirs = Files.walk(Path.of(root))) {
        for (Path dir : dirs.filter(Files::isDirectory).toList()) {
          try (Stream<Path> files = Files.list(dir)) {
            List<Path> java = files.filter(f -> f.toString().endsWith(".java")).toList();
            if (java.size() > 25) {
              over.add(dir + ": " + java.size() + " files");
            }
            for (Path f : java) {
              long lines = Files.readAllLines(f).size();
              if (lines > 400) {
                over.add(f + ": " + lines + " lines");
              }
            }
          }
        }
      }
    }
    assertEquals(List.of(), over);
  }

  private static LayeredArchitecture architecture() {
    LayeredArchitecture arch = com.tngtech.archunit.library.Architectures.layeredArchitecture()
        .consideringOnlyDependenciesInLayers()
        .ensureAllClassesAreContainedInArchitecture();
    for (PackageRow row : rows) {
      arch = arch.layer(row.name()).definedBy(row.packageIdentifier());
    }
    for (PackageRow row : rows) {
      arch = row.mayImport().isEmpty() ? arch.whereLayer(row.name()).mayNotAccessAnyLayer()
          : arch.whereLayer(row.name()).mayOnlyAccessLayers(row.mayImport().toArray(String[]::new));
    }
    return arch;
  }
}
