package io.cnnlab.cli;

import io.cnnlab.cluster.ClusterPlan;
import io.cnnlab.cluster.ClusterResources;
import io.cnnlab.cluster.KubernetesSweep;
import io.cnnlab.cluster.PlanTask;
import io.cnnlab.cluster.RenderOnlyExecutor;
import io.cnnlab.cluster.SlurmSweep;
import io.cnnlab.cluster.TaskIndex;
import io.cnnlab.experiments.Declaration;
import io.cnnlab.experiments.DeclarationReader;
import io.cnnlab.experiments.EnvironmentProbe;
import io.cnnlab.experiments.Harness;
import io.cnnlab.experiments.SweepOptions;
import io.cnnlab.experiments.TensorFlowRunExecutor;
import io.cnnlab.graph.Machine;
import io.cnnlab.reports.BundleRenderer;
import io.cnnlab.reports.figures.FeatureMapPages;
import io.cnnlab.runs.RunEnvironment;
import io.cnnlab.runs.RunLock;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** What {@code cnnlab reproduce} does with {@link ClusterOptions}: plan, submit, run one task, render. */
final class ClusterSweeps {
  private final PrintStream out;
  private final Map<String, String> env;

  ClusterSweeps(PrintStream out, Map<String, String> env) {
    this.out = out;
    this.env = env;
  }

  /**
   * {@code --plan FILE [--index I]}: the one run, idempotently.
   *
   * @param tensorBoard whether a training run writes TensorBoard event files (smoke plans never do)
   */
  int runTask(ClusterOptions c, boolean tensorBoard) throws IOException {
    ClusterPlan plan = ClusterPlan.read(c.plan);
    int index = TaskIndex.resolve(c.index, env);
    plan.item(index);
    List<Declaration> declared = DeclarationReader.readAll(Path.of(plan.sweep().declarations()));
    String device = plan.sweep().device();
    if (device.equals("gpu")) {
      ReproduceCommand.requireGpuLibrary();
    }
    RunLock.Writer writer = RunLock.Writer.thisProcess(env, Duration.ofSeconds(c.lockStaleSeconds));
    Harness harness = new Harness(new TensorFlowRunExecutor(FeatureMapPages.FIGURES, Machine::detect),
        new BundleRenderer(), () -> EnvironmentProbe.detect(Machine.detect()), writer, out, false)
        .tensorBoard(tensorBoard);
    PlanTask task = new PlanTask(harness, out, writer);
    return task.run(plan, declared, index);
  }

  /** {@code --plan FILE --render}: verdicts, bundles and index from the plan's run folders; runs nothing. */
  int render(ClusterOptions c) throws IOException {
    ClusterPlan plan = ClusterPlan.read(c.plan);
    List<Declaration> declared = DeclarationReader.readAll(Path.of(plan.sweep().declarations()));
    List<Declaration> chosen = plan.sweep().experiments().stream().map(id -> declared.stream()
        .filter(d -> d.id().equals(id)).findFirst().orElseThrow(() -> new IllegalArgumentException(
            "the plan's experiment '" + id + "' is not declared in " + plan.sweep().declarations())))
        .toList();
    // Nothing here loads TensorFlow: the environment only goes into the records of runs that did not complete.
    RunEnvironment none = new RunEnvironment(Runtime.version().toString(), "-", "-", "-", plan.commit(), "-",
        List.of(), "-", Runtime.getRuntime().availableProcessors(), plan.sweep().device());
    Harness harness = new Harness(new RenderOnlyExecutor(), new BundleRenderer(), () -> none,
        RunLock.Writer.thisProcess(env, Duration.ofSeconds(c.lockStaleSeconds)), out, false);
    return harness.sweep(chosen, plan.sweep().options()).exitCode();
  }

  /** {@code --slurm}, {@code --k8s}, {@code --write-plan}: writes the plan and the engine's files; submits. */
  int plan(List<Declaration> chosen, SweepOptions options, Path reports, Path declarations, ClusterOptions c,
      boolean dryRun)
      throws IOException, InterruptedException {
    ClusterResources resources = c.resources();
    ClusterPlan plan = ClusterPlan.of(chosen, options, declarations, commit());
    Path file;
    // plan.json belongs to the sweep of its folder: written while no other sweep writes there
    try (RunLock lock = RunLock.Writer.thisProcess(env, RunLock.DEFAULT_STALE).hold(RunLock.ofSweep(options.root()),
        out::println)) {
      file = plan.write(ClusterPlan.fileFor(options.root()));
    }
    out.printf("Plan: %d run(s) of %d experiment(s), device %s, written to %s%n", plan.runs().size(), chosen.size(),
        options.device(), file);
    if (c.slurm) {
      slurm(new SlurmSweep(Path.of("").toAbsolutePath(), file.toAbsolutePath(), plan.runs().size(), resources),
          dryRun);
    }
    if (c.k8s) {
      KubernetesSweep k = new KubernetesSweep(c.image, c.workdir, c.claim, c.storage, file.toString(),
          reports.toString(), options.dataRoot().toString(), plan.runs().size(), resources);
      List<Path> files = k.write(options.root().resolve(KubernetesSweep.FOLDER));
      for (Path f : files) {
        out.println("wrote " + f);
        if (dryRun) {
          out.println("---- " + f.getFileName());
          out.print(Files.readString(f, StandardCharsets.UTF_8));
        }
      }
      out.printf("Apply: kubectl apply -f %s -f %s; when job/cnnlab-sweep has ended (kubectl wait"
          + " --for=condition=complete job/cnnlab-sweep, or failed): kubectl apply -f %s%n", files.get(0),
          files.get(1), files.get(2));
    }
    return 0;
  }

  private void slurm(SlurmSweep s, boolean dryRun) throws IOException, InterruptedException {
    List<Path> scripts = s.write();
    if (dryRun) {
      out.println("---- " + scripts.get(0));
      out.print(s.arrayScript());
      out.println("---- " + scripts.get(1));
      out.print(s.renderScript());
      out.println("---- dry run: would submit");
      out.println(String.join(" ", s.submitArray(scripts.get(0))));
      out.println(String.join(" ", s.submitRender(scripts.get(1), "<array-job-id>")));
      return;
    }
    String array = SlurmSweep.jobId(sbatch(s.submitArray(scripts.get(0))));
    String render = SlurmSweep.jobId(sbatch(s.submitRender(scripts.get(1), array)));
    out.printf("Submitted array job %s (%s) and render job %s (after it); logs in %s%n", array, s.array(), render,
        s.logs());
  }

  private static String sbatch(List<String> command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String answer = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IOException(String.join(" ", command) + " failed: " + answer.strip());
    }
    return answer;
  }

  private static String commit() {
    return EnvironmentProbe.gitCommit();
  }
}
