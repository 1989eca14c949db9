package io.cnnlab.experiments;

import io.cnnlab.data.DatasetId;
import io.cnnlab.data.Datasets;
import io.cnnlab.data.MissingDatasetException;
import io.cnnlab.experiments.tasks.Measurement;
import io.cnnlab.graph.Execution;
import io.cnnlab.runs.ExperimentFolder;
import io.cnnlab.runs.ExperimentRecord.RunRecord;
import io.cnnlab.runs.ExperimentRecord.Status;
import io.cnnlab.runs.ExperimentRecord.Verdict;
import io.cnnlab.runs.ExperimentRecord;
import io.cnnlab.runs.ExperimentRecordJson;
import io.cnnlab.runs.ReportRenderer;
import io.cnnlab.runs.RunEnvironment;
import io.cnnlab.runs.RunFolder;
import io.cnnlab.runs.RunLock;
import io.cnnlab.runs.RunManifest;
import io.cnnlab.training.ConsoleProgress;
import io.cnnlab.training.CsvMetricsWriter;
import io.cnnlab.training.TrainListener;
import io.cnnlab.training.TrainResult;
import io.cnnlab.training.tensorboard.TensorBoardWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Runs a {@link SweepPlan}: every run of every experiment in order, reusing finished runs of the same
 * configuration and resuming interrupted ones; then each experiment's verdict, its {@code experiment.json} and
 * report, and at the end the verdict tables and the index. An experiment whose data is missing is not run, one
 * whose run throws is failed; either way the sweep goes on.
 */
public final class Harness {
  private final RunExecutor executor;
  private final ReportRenderer renderer;
  private final Supplier<RunEnvironment> environment;
  private final RunLock.Writer writer;
  private RunEnvironment detected;
  private final PrintStream out;
  private final LongSupplier nanos;
  private final boolean redrawSteps;
  private boolean tensorBoard = true;

  /**
   * @param executor what trains and measures
   * @param renderer what renders the report bundles
   * @param environment versions, commit, CPU and device, for the manifests: asked once, when the first run
   *     starts (a plan alone detects nothing)
   * @param writer this process, as the run and sweep locks and the manifests' attempts name it
   * @param out where the plan, progress and verdicts are printed
   * @param redrawSteps redraw a per-step progress line (for a terminal); otherwise print one every few seconds
   */
  public Harness(RunExecutor executor, ReportRenderer renderer, Supplier<RunEnvironment> environment,
      RunLock.Writer writer, PrintStream out, boolean redrawSteps) {
    this(executor, renderer, environment, writer, out, redrawSteps, System::nanoTime);
  }

  Harness(RunExecutor executor, ReportRenderer renderer, Supplier<RunEnvironment> environment, RunLock.Writer writer,
      PrintStream out, boolean redrawSteps, LongSupplier nanos) {
    this.executor = executor;
    this.renderer = renderer;
    this.environment = environment;
    this.writer = writer;
    this.out = out;
    this.redrawSteps = redrawSteps;
    this.nanos = nanos;
  }

  /**
   * Whether training runs write TensorBoard event files into their folders' {@code tensorboard/} (on unless turned
   * off here; smoke runs never do).
   *
   * @return this harness
   */
  public Harness tensorBoard(boolean on) {
    tensorBoard = on;
    return this;
  }

  /** What a sweep produced. */
  public record SweepResult(List<ExperimentRecord> records, List<String> problems, double seconds) {
    /** 1 when an experiment failed or a report could not be rendered, else 0 (not run is not a failure). */
    public int exitCode() {
      boolean failed = records.stream().anyMatch(r -> r.verdict().status() == Status.FAILED);
      return failed || !problems.isEmpty() ? 1 : 0;
    }
  }

  /**
   * Plans {@code declarations} and runs them into {@code options.root()} while holding its sweep lock
   * ({@link RunLock#ofSweep}): one sweep at a time decides what to reuse there, runs, and writes the verdict tables
   * and the index. A second sweep is refused at once rather than made to wait: a sweep may last hours, and run
   * again once the first has ended it reuses every run that one finished.
   *
   * @throws RunLock.Refused naming the holder, when another live process holds the folder's sweep lock
   */
  public SweepResult sweep(List<Declaration> declarations, SweepOptions options) throws IOException {
    try (RunLock lock = writer.hold(RunLock.ofSweep(options.root()), m -> out.println("sweep: " + m))) {
      return run(plan(declarations, options));
    }
  }

  /** Plans {@code declarations} with this harness's executor probing speeds, and prints the plan. */
  public SweepPlan plan(List<Declaration> declarations, SweepOptions options) {
    SweepPlan plan = SweepPlan.create(declarations, options, new Estimator(executor));
    plan.print(out);
    return plan;
  }

  /** Runs the plan and writes every record, the verdict tables and the index. */
  public SweepResult run(SweepPlan plan) throws IOException {
    SweepProgress progress = new SweepProgress(out, plan, nanos);
    List<ExperimentRecord> records = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (SweepPlan.ExperimentPlan e : plan.experiments()) {
      ExperimentRecord record = runExperiment(e, plan.options(), progress);
      records.add(record);
      ExperimentRecordJson.write(e.dir().resolve(ExperimentFolder.RECORD), record);
      Status status = record.verdict().status();
      if (status != Status.NOT_RUN && status != Status.FAILED) {
        try {
          renderer.renderExperiment(e.dir(), record);
        } catch (IOException | RuntimeException ex) {
          problems.add(e.declaration().id() + ": report not rendered: " + ex.getMessage());
        }
      }
    }
    Path root = plan.options().root();
    List<ExperimentRecord> all = withEarlier(root, records);
    List<Path> tables = VerdictTable.write(root, all);
    try {
      renderer.renderIndex(root, all);
    } catch (IOException | RuntimeException ex) {
      problems.add("index not rendered: " + ex.getMessage());
    }
    out.println();
    VerdictTable.print(out, records);
    problems.forEach(p -> out.println("problem: " + p));
    out.printf("Sweep took %s; verdicts of all %d experiment(s) under %s in %s and %s%n",
        SweepPlan.clock(progress.elapsed()), all.size(), root, tables.get(0).getFileName(), tables.get(1).getFileName());
    out.flush();
    return new SweepResult(records, problems, progress.elapsed());
  }

  /**
   * Runs (or resumes, for {@link RunReuse.Action#RESUME}) one planned run in its folder {@code run.dir()}, as
   * one task of a sweep spread over a cluster does, and returns its results; the manifest there is kept current.
   */
  public Map<String, Double> runOne(PlannedRun run, RunReuse.Action action, Path dataRoot) throws IOException {
    SweepPlan.Step step = new SweepPlan.Step(run, action, new Estimator.Estimate(0, "one task of a cluster sweep"));
    SweepProgress progress = new SweepProgress(out, new SweepPlan(null, List.of(new SweepPlan.ExperimentPlan(
        run.declaration(), run.dir().getParent(), List.of(step), null))), nanos);
    progress.startRun(step);
    Outcome o = execute(step, dataRoot, progress);
    progress.finishRun(action == RunReuse.Action.REUSE ? "reused" : "done");
    return o.metrics();
  }

  private ExperimentRecord runExperiment(SweepPlan.ExperimentPlan e, SweepOptions options, SweepProgress progress) {
    Declaration d = e.declaration();
    List<RunRecord> runs = new ArrayList<>();
    Map<String, List<Map<String, Double>>> results = new LinkedHashMap<>();
    Verdict verdict = null;
    if (e.notRun() != null) {
      verdict = Verdicts.notRun(e.notRun());
    }
    for (SweepPlan.Step step : e.steps()) {
      progress.startRun(step);
      try (RunLock lock = step.action() == RunReuse.Action.REUSE ? null : holdRun(step.run())) {
        Outcome o = execute(step, options.dataRoot(), progress);
        PlannedRun run = step.run();
        runs.add(new RunRecord(run.name(), run.variant().name(), run.seed(), run.name(), run.configHash(),
            step.action() == RunReuse.Action.REUSE, o.outputs()));
        results.computeIfAbsent(run.variant().name(), k -> new ArrayList<>()).add(o.metrics());
        progress.finishRun(step.action() == RunReuse.Action.REUSE ? "reused" : "done");
      } catch (MissingDatasetException ex) {
        progress.finishRun("not run");
        verdict = Verdicts.notRun(ex.getMessage());
        break;
      } catch (IOException | RuntimeException ex) {
        progress.finishRun("FAILED");
        String message = step.run().label() + ": " + ex.getClass().getSimpleName() + ": " + ex.getMessage();
        out.println("FAILED " + message);
        verdict = Verdicts.failed(message);
        break;
      }
    }
    if (verdict == null) {
      verdict = Verdicts.of(d, results, options.smoke());
    }
    return new ExperimentRecord(d.id(), d.title(), d.kind().token(), d.dataset(),
        d.datasetId() == null ? List.of() : classNames(d.datasetId(), options.dataRoot()), options.smoke(),
        d.reference() == null ? null : d.reference().toRecord(), verdict, runs, d.render(), settings(d, options));
  }

  /** The run's lock, held while it runs: another writer of its folder (cnnlab train, a cluster task) is refused. */
  private RunLock holdRun(PlannedRun run) throws IOException {
    return writer.hold(RunLock.ofRun(run.dir()), m -> out.println(run.label() + ": " + m));
  }

  /** The installed archive's class names (CIFAR-100's meta or .txt lists), or the built-in ones when unreadable. */
  private static List<String> classNames(DatasetId id, Path dataRoot) {
    try {
      return Datasets.classNames(id, dataRoot);
    } catch (IOException e) {
      return id.classNames(); // the runs that read the data set have reported the problem
    }
  }

  /** A run's results and extra files. */
  private record Outcome(Map<String, Double> metrics, List<String> outputs) {}

  private Outcome execute(SweepPlan.Step step, Path dataRoot, SweepProgress progress) throws IOException {
    PlannedRun run = step.run();
    if (step.action() == RunReuse.Action.REUSE) {
      RunManifest m = RunReuse.manifest(run.dir()).orElseThrow(() -> new IOException(
          run.dir().resolve(RunFolder.MANIFEST) + " vanished between planning and running"));
      return new Outcome(m.metrics(), m.outputs());
    }
    if (step.action() == RunReuse.Action.RUN) {
      RunReuse.clear(run.dir());
    }
    Files.createDirectories(run.dir());
    Execution execution = run.job() == null ? null : executor.execution(run.job());
    ManifestKeeper manifest = new ManifestKeeper(run.dir().resolve(RunFolder.MANIFEST),
        ManifestKeeper.starting(run, environment(), execution, Instant.now().toString()), writer.me(), nanos);
    try {
      if (run.job() != null) {
        List<TrainListener> listeners = new ArrayList<>();
        listeners.add(new ConsoleProgress(out, redrawSteps, nanos)); // without a terminal, a plain line now and then
        listeners.add(new CsvMetricsWriter(new RunFolder(run.dir()).metrics()));
        if (tensorBoard && !run.smoke()) {
          listeners.add(TensorBoardWriter.inRun(run.dir()));
        }
        listeners.add(progress.epochs());
        listeners.add(manifest);
        TrainResult result = executor.train(run.job(), execution, run.dir(), listeners);
        return new Outcome(manifest.finished(result.history()), List.of());
      }
      Measurement m = executor.measure(run, dataRoot);
      return new Outcome(manifest.finished(0, m.metrics(), m.outputs()), m.outputs());
    } catch (IOException | RuntimeException | Error e) {
      manifest.failed(e);
      throw e;
    }
  }

  /** The environment, detected when the first run needs it. */
  private RunEnvironment environment() {
    if (detected == null) {
      detected = environment.get();
    }
    return detected;
  }

  /** The effective settings for the report's settings page. */
  private static Map<String, String> settings(Declaration d, SweepOptions options) {
    Map<String, String> s = new LinkedHashMap<>();
    s.put("declaration", d.source().toString());
    if (d.description() != null) {
      s.put("description", d.description().strip());
    }
    s.put("dataset", String.valueOf(d.dataset()));
    s.put("seeds", options.seedsOf(d.seeds()).toString());
    s.put("device", options.device());
    s.put("smoke", Boolean.toString(options.smoke()));
    for (Declaration.Variant v : d.variants()) {
      s.put("variant " + v.name(), v.settings(options.smoke()).given().entrySet().stream()
          .map(en -> en.getKey() + "=" + en.getValue()).collect(Collectors.joining(", ")));
    }
    return s;
  }

  /**
   * This sweep's records and those earlier sweeps left in other experiment folders of {@code root}, sorted by id,
   * so the verdict tables and index cover everything run there.
   */
  static List<ExperimentRecord> withEarlier(Path root, List<ExperimentRecord> fresh) throws IOException {
    Map<String, ExperimentRecord> byId = new java.util.TreeMap<>();
    Set<String> freshIds = fresh.stream().map(ExperimentRecord::id).collect(Collectors.toSet());
    if (Files.isDirectory(root)) {
      try (Stream<Path> dirs = Files.list(root)) {
        for (Path dir : dirs.filter(Files::isDirectory).toList()) {
          Path file = dir.resolve(ExperimentFolder.RECORD);
          if (Files.isRegularFile(file) && !freshIds.contains(dir.getFileName().toString())) {
            try {
              ExperimentRecord r = ExperimentRecordJson.read(file);
              byId.put(r.id(), r);
            } catch (IOException e) {
              // an unreadable old record is left out of the tables, not fatal to this sweep
            }
          }
        }
      }
    }
    fresh.forEach(r -> byId.put(r.id(), r));
    return List.copyOf(byId.values());
  }
}
