package io.cnnlab.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import io.cnnlab.architecture.DependencyRules.ClassDependency;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The rules ArchitectureTest adds, shown to fail on made-up dependencies (the real code has no violation). */
class DependencyRulesTest {
  private static List<PackageRow> parts;

  @BeforeAll
  static void read() throws IOException {
    parts = PackageRow.read(Path.of("ARCHITECTURE.md"), "## Inside a package");
  }

  private static ClassDependency dep(String origin, String target) {
    return new ClassDependency(origin, target);
  }

  @Test
  void aReaderThatUsesTensorFlowIsCaughtInEveryReaderPackageAndSubpackage() {
    List<String> found = DependencyRules.tensorFlowInReaders(List.of(
        dep("io.cnnlab.runs.RunJson", "org.tensorflow.Tensor"),
        dep("io.cnnlab.reports.pdf.PdfReport", "org.tensorflow.Session$Runner"),
        dep("io.cnnlab.output.PngWriter", "org.tensorflow.ndarray.Shape"),
        // Not this rule's: a package that runs, a name that only starts like a reader's, a reader on a reader.
        dep("io.cnnlab.training.Trainer", "org.tensorflow.Session"),
        dep("io.cnnlab.runsheet.Sheet", "org.tensorflow.Tensor"),
        dep("io.cnnlab.reports.BundleRenderer", "io.cnnlab.runs.RunJson")));
    assertEquals(List.of(
        "io.cnnlab.runs.RunJson uses org.tensorflow.Tensor: what reads run folders never uses TensorFlow",
        "io.cnnlab.reports.pdf.PdfReport uses org.tensorflow.Session$Runner: what reads run folders never uses TensorFlow",
        "io.cnnlab.output.PngWriter uses org.tensorflow.ndarray.Shape: what reads run folders never uses TensorFlow"),
        found);
  }

  @Test
  void benchMayNotImportItsResultsWhichMayImportIt() {
    // Today bench.results formats the benchmarks' records; the benchmarks do not know their tables.
    List<String> found = DependencyRules.insidePackages(parts, List.of(
        dep("io.cnnlab.bench.MatmulPeak", "io.cnnlab.bench.results.BenchTables"),
        dep("io.cnnlab.bench.results.BenchTables", "io.cnnlab.bench.MatmulPeak$Result")));
    assertEquals(List.of("io.cnnlab.bench.MatmulPeak uses io.cnnlab.bench.results.BenchTables: bench may not import"
        + " bench.results (ARCHITECTURE.md, Inside a package)"), found);
  }

  @Test
  void siblingsKeepTheirDirectionToo() {
    List<String> found = DependencyRules.insidePackages(parts, List.of(
        dep("io.cnnlab.reports.input.MetricsTable", "io.cnnlab.reports.charts.ColorScales"),
        dep("io.cnnlab.reports.charts.EpochTimeChart", "io.cnnlab.reports.input.MetricsTable")));
    assertEquals(1, found.size(), found.toString());
    assertTrue(found.get(0).contains("reports.input may not import reports.charts"), found.get(0));
  }

  @Test
  void everyDirectionTheTableLeavesOutIsCaughtAndEveryOneItListsPasses() {
    int refused = 0;
    for (PackageRow from : parts) {
      for (PackageRow to : parts) {
        if (from == to || !DependencyRules.topOf(from.name()).equals(DependencyRules.topOf(to.name()))) {
          continue;
        }
        List<String> found = DependencyRules.insidePackages(parts,
            List.of(dep("io.cnnlab." + from.name() + ".MadeUp", "io.cnnlab." + to.name() + ".Target")));
        boolean allowed = from.mayImport().contains(to.name());
        assertEquals(allowed ? 0 : 1, found.size(), from.name() + " -> " + to.name() + ": " + found);
        refused += allowed ? 0 : 1;
      }
    }
    assertTrue(refused > 0, "the table refuses nothing");
  }

  @Test
  void dependenciesWithinOnePartOrAcrossPackagesAreLeftToTheOtherRules() {
    assertEquals(List.of(), DependencyRules.insidePackages(parts, List.of(
        dep("io.cnnlab.reports.site.SiteWriter", "io.cnnlab.reports.site.Html"),
        dep("io.cnnlab.training.Trainer", "io.cnnlab.nn.Conv"),
        dep("io.cnnlab.Versions", "io.cnnlab.tf.Graphs"))));
  }

  @Test
  void aMadeUpTableIsReadAsWritten() {
    List<PackageRow> table = List.of(new PackageRow("a", List.of()), new PackageRow("a.b", List.of("a")));
    assertEquals(List.of("io.cnnlab.a.X uses io.cnnlab.a.b.Y: a may not import a.b (ARCHITECTURE.md, Inside a package)"),
        DependencyRules.insidePackages(table, List.of(dep("io.cnnlab.a.X", "io.cnnlab.a.b.Y"),
            dep("io.cnnlab.a.b.Y", "io.cnnlab.a.X"))));
  }

  @Test
  void aClassBelongsToTheDeepestPartThatHoldsIt() {
    assertEquals(Optional.of("reports.site"), DependencyRules.partOf(parts, "io.cnnlab.reports.site"));
    assertEquals(Optional.of("reports"), DependencyRules.partOf(parts, "io.cnnlab.reports"));
    assertEquals(Optional.empty(), DependencyRules.partOf(parts, "io.cnnlab.reportsx"));
    assertEquals(Optional.empty(), DependencyRules.partOf(parts, "io.cnnlab.nn"), "nn has no subpackages");
  }

  @Test
  void compiledDependenciesAreReadFromTheBytecode() {
    List<ClassDependency> deps = DependencyRules.of(new ClassFileImporter().importClasses(
        io.cnnlab.reports.RendersWithTensorFlow.class, io.cnnlab.tf.Graphs.class));
    assertTrue(deps.contains(dep("io.cnnlab.reports.RendersWithTensorFlow", "io.cnnlab.tf.Graphs")), deps.toString());
    assertTrue(deps.contains(dep("io.cnnlab.tf.Graphs", "org.tensorflow.Graph")), deps.toString());
  }
}
