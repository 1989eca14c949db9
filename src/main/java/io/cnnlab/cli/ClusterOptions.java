package io.cnnlab.cli;

import io.cnnlab.cluster.ClusterResources;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code cnnlab reproduce}'s options for sweeps on a cluster (Slurm job arrays, Kubernetes Indexed Jobs). */
final class ClusterOptions {
  @Option(names = "--plan", paramLabel = "FILE",
      description = "run one run of this plan (REPORTS/plan.json, written by --slurm/--k8s/--write-plan): the one at"
          + " --index, else at $SLURM_ARRAY_TASK_ID or $JOB_COMPLETION_INDEX")
  Path plan;

  @Option(names = "--index", paramLabel = "I", description = "with --plan: the run to run (0-based)")
  Integer index;

  @Option(names = "--render", description = "with --plan: no run; the verdicts, bundles and index of the plan's runs")
  boolean render;

  @Option(names = "--write-plan", description = "write REPORTS/plan.json and print where; run nothing")
  boolean writePlan;

  @Option(names = "--slurm", description = "write REPORTS/plan.json and an sbatch array script and render script"
      + " into REPORTS/slurm/ and submit them (with --dry-run: print them, submit nothing)")
  boolean slurm;

  @Option(names = "--k8s", description = "write REPORTS/plan.json and a PersistentVolumeClaim, an Indexed Job and"
      + " the render Job into REPORTS/k8s/ (with --dry-run: print them too)")
  boolean k8s;

  @Option(names = "--partition", paramLabel = "NAME", description = "Slurm partition (default: the cluster's)")
  String partition;

  @Option(names = "--time", paramLabel = "LIMIT", description = "Slurm time limit per run, e.g. 12:00:00")
  String time;

  @Option(names = "--cpus-per-task", paramLabel = "N", defaultValue = "2",
      description = "cores per run (${DEFAULT-VALUE})")
  int cpusPerTask;

  @Option(names = "--gpus-per-task", paramLabel = "N", defaultValue = "0",
      description = "GPUs per run (${DEFAULT-VALUE}); above 0 the runs use device gpu and the GPU build (-Pgpu)")
  int gpusPerTask;

  @Option(names = "--max-parallel", paramLabel = "K", defaultValue = "4",
      description = "at most K runs at once (${DEFAULT-VALUE})")
  int maxParallel;

  @Option(names = "--image", paramLabel = "IMAGE", defaultValue = "cnnlab:latest",
      description = "--k8s: container image with a built checkout (${DEFAULT-VALUE})")
  String image;

  @Option(names = "--workdir", paramLabel = "DIR", defaultValue = "/opt/cnnlab",
      description = "--k8s: the checkout's folder in the image (${DEFAULT-VALUE})")
  String workdir;

  @Option(names = "--claim", paramLabel = "NAME", defaultValue = "cnnlab-shared",
      description = "--k8s: PersistentVolumeClaim for reports/ and datasets/ (${DEFAULT-VALUE})")
  String claim;

  @Option(names = "--storage", paramLabel = "SIZE", defaultValue = "50Gi",
      description = "--k8s: its size (${DEFAULT-VALUE})")
  String storage;

  @Option(names = "--lock-stale", paramLabel = "SECONDS", defaultValue = "600",
      description = "with --plan: a run's lock held from another host with no heartbeat for this long is taken over"
          + " (${DEFAULT-VALUE})")
  int lockStaleSeconds;

  /** Whether this invocation plans for a cluster rather than running a sweep here. */
  boolean plans() {
    return slurm || k8s || writePlan;
  }

  ClusterResources resources() {
    return new ClusterResources(partition, time, cpusPerTask, gpusPerTask, maxParallel);
  }
}
