package io.cnnlab.cli;

import io.cnnlab.experiments.Declaration;
import io.cnnlab.experiments.DeclarationReader;
import io.cnnlab.experiments.EnvironmentProbe;
import io.cnnlab.experiments.Harness;
import io.cnnlab.experiments.InvalidDeclarationException;
import io.cnnlab.experiments.SweepOptions;
import io.cnnlab.experiments.TensorFlowRunExecutor;
import io.cnnlab.experiments.Verdicts;
import io.cnnlab.graph.Machine;
import io.cnnlab.reports.BundleRenderer;
import io.cnnlab.reports.figures.FeatureMapPages;
import io.cnnlab.tf.Devices;
import io.cnnlab.runs.RunLock;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/** {@code cnnlab reproduce}: runs documented experiments from {@code reproductions/} and gives each a verdict. */
@Command(
    name = "reproduce",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Runs the experiments declared in reproductions/<id>.yaml: prints the plan with an estimated duration,"
          + " trains or measures every variant and seed into REPORTS/<id>/<variant>-seed<k>/ (manifest.json,"
          + " metrics.csv, checkpoints), reuses finished runs of the same configuration and resumes interrupted"
          + " ones, then gives each experiment a verdict against its reference band (REPRODUCED, OUTSIDE_BAND,"
          + " MEASURED, NOT_RUN, FAILED), written to REPORTS/verdicts.csv and verdicts.md.",
      "Exit status: 0, or 1 when an experiment failed or a report could not be rendered (NOT_RUN for missing"
          + " data is not a failure), 2 for bad usage or a bad declaration, 3 when another sweep writes REPORTS (it"
          + " holds REPORTS/.sweep.lock, which the message names) or, with --plan, another task holds the run."
    })
public final class ReproduceCommand implements Callable<Integer> {
  /** Exit status when another live sweep holds the reports folder (as {@code PlanTask.LOCKED} for a run). */
  static final int LOCKED = 3;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(paramLabel = "ID", arity = "0..*", description = "experiments to run (see --list)")
  List<String> ids = new ArrayList<>();

  @Option(names = "--all", description = "every experiment except heavy ones (see --include-heavy)")
  boolean all;

  @Option(names = "--list", description = "list the declared experiments and exit")
  boolean list;

  @Option(names = "--smoke", description = "tiny subset and one epoch per run, first seed only, into REPORTS/smoke")
  boolean smoke;

  @Option(names = "--seeds", paramLabel = "N", description = "seeds per variant (declared ones first)")
  Integer seeds;

  @Option(names = "--dry-run", description = "print the plan and its estimated duration, run nothing")
  boolean dryRun;

  @Option(names = "--force", description = "rerun finished runs instead of reusing them")
  boolean force;

  @Option(names = "--include-heavy", description = "with --all, also the experiments that take hours on a CPU")
  boolean includeHeavy;

  @Option(names = "--reports", paramLabel = "DIR", defaultValue = "reports", description = "output root (${DEFAULT-VALUE})")
  Path reports;

  @Option(names = "--data-root", paramLabel = "DIR", defaultValue = "datasets",
      description = "where `make datasets` installed the data (${DEFAULT-VALUE})")
  Path dataRoot;

  @Option(names = "--declarations", paramLabel = "DIR", defaultValue = "reproductions",
      description = "folder of the declarations (${DEFAULT-VALUE})")
  Path declarations;

  @Option(names = "--device", paramLabel = "cpu|gpu", defaultValue = "cpu",
      description = "cpu (${DEFAULT-VALUE}) or gpu (needs a build with `mvn -Pgpu`)")
  String device;

  @Option(names = "--no-tensorboard",
      description = "write no TensorBoard event files into the run folders (smoke runs never write them)")
  boolean noTensorBoard;

  @CommandLine.Mixin ClusterOptions cluster = new ClusterOptions();

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    if (cluster.plan != null) {
      return planTask(err);
    }
    List<Declaration> declared;
    try {
      declared = DeclarationReader.readAll(declarations);
    } catch (InvalidDeclarationException | IOException e) {
      err.println("cnnlab reproduce: " + e.getMessage());
      return 2;
    }
    if (list) {
      printList(declared);
      return 0;
    }
    List<Declaration> chosen;
    SweepOptions options;
    try {
      chosen = choose(declared);
      device = device.toLowerCase(Locale.ROOT);
      if (cluster.plans() && cluster.gpusPerTask > 0) {
        device = "gpu";
      }
      options = new SweepOptions(SweepOptions.rootFor(reports, smoke), dataRoot, smoke, seeds, force, device);
      if (device.equals("gpu") && !cluster.plans()) {
        requireGpuLibrary();
      }
    } catch (IllegalArgumentException e) {
      err.println("cnnlab reproduce: " + e.getMessage());
      return 2;
    }
    PrintStream out = System.out;
    if (cluster.plans()) {
      try {
        return new ClusterSweeps(out, System.getenv()).plan(chosen, options, reports, declarations, cluster,
            dryRun);
      } catch (IOException | IllegalArgumentException e) {
        err.println("cnnlab reproduce: " + e.getMessage());
        return 1;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return 1;
      }
    }
    // A dry run's estimate must not probe the machine: it assumes what oneDNN's setting leads to expect
    String chosenDevice = device;
    Supplier<Machine> machine = dryRun ? () -> Machine.assumed(chosenDevice) : Machine::detect;
    Harness harness = new Harness(new TensorFlowRunExecutor(FeatureMapPages.FIGURES, machine), new BundleRenderer(),
        () -> EnvironmentProbe.detect(Machine.detect()), RunLock.Writer.thisProcess(System.getenv(),
        RunLock.DEFAULT_STALE), out, System.console() != null).tensorBoard(!noTensorBoard);
    try {
      if (dryRun) {
        harness.plan(chosen, options);
        return 0;
      }
      return harness.sweep(chosen, options).exitCode();
    } catch (RunLock.Refused e) {
      err.println("cnnlab reproduce: " + options.root() + " is being written by another sweep; nothing run: "
          + e.getMessage() + ". Run again once it has ended: the runs it finished are reused.");
      return LOCKED;
    } catch (IOException | RuntimeException e) {
      err.println("cnnlab reproduce: " + e.getMessage());
      return 1;
    }
  }

  /** {@code --plan FILE}: one task of a cluster sweep, or its render job. */
  private int planTask(PrintWriter err) {
    if (cluster.plans() || all || !ids.isEmpty()) {
      err.println("cnnlab reproduce: --plan runs a run of an existing plan: give no ids, --all, --slurm or --k8s");
      return 2;
    }
    ClusterSweeps sweeps = new ClusterSweeps(System.out, System.getenv());
    try {
      return cluster.render ? sweeps.render(cluster) : sweeps.runTask(cluster, !noTensorBoard);
    } catch (IllegalArgumentException e) {
      err.println("cnnlab reproduce: " + e.getMessage());
      return 2;
    } catch (IOException | RuntimeException e) {
      err.println("cnnlab reproduce: " + e.getMessage());
      return 1;
    }
  }

  private List<Declaration> choose(List<Declaration> declared) {
    if (ids.isEmpty() && !all) {
      throw new IllegalArgumentException("give experiment ids or --all (cnnlab reproduce --list shows them)");
    }
    Set<Declaration> chosen = new LinkedHashSet<>();
    for (String id : ids) {
      chosen.add(declared.stream().filter(d -> d.id().equals(id)).findFirst().orElseThrow(() ->
          new IllegalArgumentException("no experiment '" + id + "'; declared: "
              + String.join(", ", declared.stream().map(Declaration::id).toList()))));
    }
    if (all) {
      declared.stream().filter(d -> includeHeavy || !d.heavy()).forEach(chosen::add);
    }
    return List.copyOf(chosen);
  }

  /** The GPU build puts the CUDA native library on the classpath; without it TensorFlow silently runs on the CPU. */
  static void requireGpuLibrary() {
    if (!Devices.gpuBuildOnClassPath()) {
      throw new IllegalArgumentException("--device gpu needs TensorFlow's GPU native library"
          + " (tensorflow-core-native, classifier " + Devices.GPU_CLASSIFIER + ") on the classpath: build with"
          + " `mvn -Pgpu compile` (make build MVN='mvn -B -Pgpu'), then run again");
    }
  }

  private void printList(List<Declaration> declared) {
    PrintWriter out = spec.commandLine().getOut();
    out.printf(Locale.ROOT, "%-28s %-15s %-16s %5s %5s  %-26s %s%n", "id", "kind", "dataset", "vars", "seeds",
        "reference", "title");
    for (Declaration d : declared) {
      String ref = d.reference() == null ? "-"
          : d.reference().metric().replace("test_", "") + " " + Verdicts.band(d.reference());
      out.printf(Locale.ROOT, "%-28s %-15s %-16s %5d %5d  %-26s %s%s%n", d.id(), d.kind(),
          d.dataset() == null ? "-" : d.dataset(), d.variants().size(), d.seeds().size(), ref, d.title(),
          d.heavy() ? " (heavy)" : "");
    }
    out.flush();
  }
}
