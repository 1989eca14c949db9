package io.cnnlab.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A sweep as Kubernetes objects: a PersistentVolumeClaim holding {@code reports/} and {@code datasets/}, an
 * Indexed Job whose pod {@code i} runs the plan's run {@code i} (the index arrives in {@link
 * TaskIndex#KUBERNETES}, the same mapping as Slurm's), and the render Job, applied once the sweep Job ends.
 *
 * @param image the container image: a built cnnlab checkout with its Maven dependencies, at {@code workdir}
 * @param workdir where the checkout is in the image; the plan's relative folders are relative to it
 * @param claim the PersistentVolumeClaim's name
 * @param storage its size ({@code 50Gi})
 * @param plan the plan file, relative to {@code workdir}
 * @param reports the reports folder relative to {@code workdir}, where the claim's {@code reports} is mounted
 * @param datasets the data folder relative to {@code workdir}, where the claim's {@code datasets} is mounted
 * @param runs how many runs the plan has
 * @param resources what each pod asks for
 */
public record KubernetesSweep(String image, String workdir, String claim, String storage, String plan,
    String reports, String datasets, int runs, ClusterResources resources) {
  public static final String FOLDER = "k8s";

  public KubernetesSweep {
    if (runs < 1) {
      throw new IllegalArgumentException("the plan has no runs: nothing to write");
    }
    for (String p : List.of(plan, reports, datasets)) {
      if (p.startsWith("/")) {
        throw new IllegalArgumentException("--k8s needs --reports and --data-root relative to the checkout (they"
            + " are mounted under " + workdir + " in the pods), got " + p);
      }
    }
  }

  /** The PersistentVolumeClaim (ReadWriteMany: every pod writes its own run folder in it). */
  public String claimManifest() {
    return """
        apiVersion: v1
        kind: PersistentVolumeClaim
        metadata:
          name: %s
        spec:
          accessModes: [ReadWriteMany]
          resources:
            requests:
              storage: %s
        """.formatted(claim, storage);
  }

  /** The Indexed Job of the runs. */
  public String sweepJob() {
    return job("cnnlab-sweep", """
          completionMode: Indexed
          completions: %d
          parallelism: %d
          backoffLimit: %d
        """.formatted(runs, Math.min(resources.maxParallel(), runs), 3 * runs),
        List.of("bin/cnnlab", "reproduce", "--plan", plan), resources.cpusPerTask(), resources.gpusPerTask());
  }

  /** The render Job: verdicts, bundles and the index from the run folders. */
  public String renderJob() {
    return job("cnnlab-render", """
          completions: 1
          backoffLimit: 2
        """, List.of("bin/cnnlab", "reproduce", "--plan", plan, "--render"), 1, 0);
  }

  private String job(String name, String counts, List<String> command, int cpus, int gpus) {
    String limits = gpus > 0 ? "\n            limits:\n              nvidia.com/gpu: " + gpus : "";
    return """
        apiVersion: batch/v1
        kind: Job
        metadata:
          name: %s
        spec:
        %s  template:
            spec:
              restartPolicy: Never
              containers:
                - name: cnnlab
                  image: %s
                  workingDir: %s
                  command: [%s]
                  env:
                    - {name: JOB_NAME, value: %s}
                  resources:
                    requests:
                      cpu: "%d"%s
                  volumeMounts:
                    - {name: shared, mountPath: %s/%s, subPath: reports}
                    - {name: shared, mountPath: %s/%s, subPath: datasets}
              volumes:
                - name: shared
                  persistentVolumeClaim:
                    claimName: %s
        """.formatted(name, counts, image, workdir,
            String.join(", ", command.stream().map(c -> "\"" + c.replace("\"", "\\\"") + "\"").toList()), name, cpus,
            limits, workdir, reports, workdir, datasets, claim);
  }

  /** Writes {@code pvc.yaml}, {@code sweep-job.yaml} and {@code render-job.yaml} into {@code dir}. */
  public List<Path> write(Path dir) throws IOException {
    Files.createDirectories(dir);
    return List.of(
        Files.writeString(dir.resolve("pvc.yaml"), claimManifest(), StandardCharsets.UTF_8),
        Files.writeString(dir.resolve("sweep-job.yaml"), sweepJob(), StandardCharsets.UTF_8),
        Files.writeString(dir.resolve("render-job.yaml"), renderJob(), StandardCharsets.UTF_8));
  }
}
