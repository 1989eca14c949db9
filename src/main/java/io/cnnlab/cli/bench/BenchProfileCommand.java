package io.cnnlab.cli.bench;

import io.cnnlab.bench.BenchModel;
import io.cnnlab.bench.GraphProfile;
import io.cnnlab.bench.results.BenchReport;
import io.cnnlab.bench.results.BenchTables;
import io.cnnlab.models.Model;
import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code cnnlab bench profile}: the slowest nodes of a training or inference step, from TensorFlow's step
 * statistics.
 */
@Command(name = "profile", mixinStandardHelpOptions = true,
    description = "Per-node time of a training or inference step (TensorFlow step stats, after oneDNN rewrites"
        + " and fusions), slowest first. Writes profile-MODEL.csv (profile-MODEL-infer.csv).")
final class BenchProfileCommand implements Callable<Integer> {
  @Mixin BenchOptions bench = new BenchOptions();

  @Option(names = "--model", paramLabel = "NAME", description = "bench model (lenet-textbook)")
  String model = "lenet-textbook";

  @Option(names = "--batch", paramLabel = "N", description = "batch size (256)")
  int batch = 256;

  @Option(names = "--threads", paramLabel = "N", description = "intra-op threads (2)")
  int threads = 2;

  @Option(names = "--steps", paramLabel = "N", description = "traced steps (20)")
  int steps = 20;

  @Option(names = "--phase", paramLabel = "PHASE",
      description = "train (forward, backward and update) or infer (forward pass in evaluation mode); train")
  String phase = "train";

  @Option(names = "--top", paramLabel = "N", description = "nodes to list (15)")
  int top = 15;

  @Override
  public Integer call() throws IOException {
    boolean train = phase.equals("train");
    GraphProfile.Profile p;
    try {
      if (!train && !phase.equals("infer")) {
        throw new IllegalArgumentException("--phase expects train or infer, got '" + phase + "'");
      }
      Model built = BenchModel.byName(model).build();
      p = train ? GraphProfile.trainStep(built, batch, threads, steps, bench.execution())
          : GraphProfile.inferStep(built, batch, threads, steps, bench.execution());
    } catch (IllegalArgumentException e) {
      System.err.println("cnnlab bench profile: " + e.getMessage());
      return 2;
    }
    BenchReport report = bench.report();
    report.table("profile-" + model + (train ? "" : "-infer"),
        BenchTables.profile(model, train ? "Training" : "Inference", batch, threads, p, top));
    return 0;
  }
}
