package io.cnnlab.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * A sweep as Slurm jobs: an array job whose task {@code i} runs the plan's run {@code i}
 * ({@code --array=0-(n-1)%K}, requeueable), and a render job that starts when every task has ended, however
 * ({@code --dependency=afterany:<array>}), and computes the verdicts and renders the bundles and the index.
 *
 * @param project the cnnlab checkout every node sees (the tasks start there)
 * @param plan the plan file
 * @param runs how many runs the plan has
 * @param resources what each task asks for
 */
public record SlurmSweep(Path project, Path plan, int runs, ClusterResources resources) {
  /** The folder, beside the plan, of the scripts and the tasks' logs. */
  public static final String LOGS = "slurm";
  /** The GPU build's native library, as its name appears on the launcher's classpath. */
  public static final String GPU_NATIVE = "linux-x86_64-gpu";

  public SlurmSweep {
    if (runs < 1) {
      throw new IllegalArgumentException("the plan has no runs: nothing to submit");
    }
  }

  /** {@code 0-(n-1)%K}. */
  public String array() {
    return "0-" + (runs - 1) + "%" + Math.min(resources.maxParallel(), runs);
  }

  /** The array job's script. */
  public String arrayScript() {
    List<String> lines = header("cnnlab-sweep");
    lines.add(2, "#SBATCH --array=" + array());
    lines.add("#SBATCH --cpus-per-task=" + resources.cpusPerTask());
    if (resources.gpu()) {
      lines.add("#SBATCH --gpus-per-task=" + resources.gpusPerTask());
    }
    lines.add("#SBATCH --requeue");
    lines.add("#SBATCH --open-mode=append");
    lines.add("#SBATCH --output=" + logs().resolve("task-%A_%a.out"));
    lines.add("set -euo pipefail");
    lines.add("cd " + quote(project));
    if (resources.gpu()) {
      lines.add("# GPU partition: the tasks need the GPU build of TensorFlow's native library.");
      lines.add("if ! grep -q " + GPU_NATIVE + " target/classpath.txt; then");
      lines.add("  echo \"cnnlab: build with the GPU profile first: make build MVN='mvn -B -ntp -Pgpu'\" >&2");
      lines.add("  exit 2");
      lines.add("fi");
    }
    lines.add("echo \"task $SLURM_ARRAY_TASK_ID of job $SLURM_ARRAY_JOB_ID on $(hostname), restart"
        + " ${SLURM_RESTART_COUNT:-0}\"");
    lines.add("exec bin/cnnlab reproduce --plan " + quote(plan));
    return String.join("\n", lines) + "\n";
  }

  /** The render job's script (its dependency is given on submission, when the array's id is known). */
  public String renderScript() {
    List<String> lines = header("cnnlab-render");
    lines.add("#SBATCH --cpus-per-task=1");
    lines.add("#SBATCH --output=" + logs().resolve("render-%j.out"));
    lines.add("set -euo pipefail");
    lines.add("cd " + quote(project));
    lines.add("exec bin/cnnlab reproduce --plan " + quote(plan) + " --render");
    return String.join("\n", lines) + "\n";
  }

  private List<String> header(String name) {
    List<String> lines = new ArrayList<>();
    lines.add("#!/bin/bash");
    lines.add("#SBATCH --job-name=" + name);
    if (resources.partition() != null) {
      lines.add("#SBATCH --partition=" + resources.partition());
    }
    if (resources.time() != null) {
      lines.add("#SBATCH --time=" + resources.time());
    }
    return lines;
  }

  /** The folder of the scripts and logs. */
  public Path logs() {
    return plan.toAbsolutePath().getParent().resolve(LOGS);
  }

  /** The command that submits the array job. */
  public List<String> submitArray(Path script) {
    return List.of("sbatch", "--parsable", script.toString());
  }

  /** The command that submits the render job after the array {@code arrayJob}. */
  public List<String> submitRender(Path script, String arrayJob) {
    return List.of("sbatch", "--parsable", "--dependency=afterany:" + arrayJob, script.toString());
  }

  /** Writes both scripts into {@link #logs()}: {@code array.sh}, {@code render.sh}. */
  public List<Path> write() throws IOException {
    Files.createDirectories(logs());
    Path array = writeScript(logs().resolve("array.sh"), arrayScript());
    Path render = writeScript(logs().resolve("render.sh"), renderScript());
    return List.of(array, render);
  }

  private static Path writeScript(Path file, String text) throws IOException {
    Files.writeString(file, text, StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    return file;
  }

  /** The job id {@code sbatch --parsable} printed ({@code 1234} or {@code 1234;cluster}). */
  public static String jobId(String parsable) {
    String id = parsable.strip().split(";")[0];
    if (!id.matches("\\d+")) {
      throw new IllegalArgumentException("sbatch answered '" + parsable.strip() + "', not a job id");
    }
    return id;
  }

  static String quote(Path p) {
    String s = p.toAbsolutePath().normalize().toString();
    return s.matches("[A-Za-z0-9_./+-]+") ? s : "'" + s.replace("'", "'\\''") + "'";
  }
}
