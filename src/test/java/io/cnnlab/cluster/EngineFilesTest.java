package io.cnnlab.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sbatch scripts and the Kubernetes manifests carry the fields each engine needs. */
class EngineFilesTest {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  @TempDir Path tmp;

  @Test
  void theArrayScriptHasOneTaskPerRunAtMostKAtOnceRequeueableAndRunsThePlan() throws IOException {
    Path plan = tmp.resolve("reports/plan.json");
    SlurmSweep s = new SlurmSweep(tmp, plan, 69, new ClusterResources("cpu", "8:00:00", 2, 0, 6));
    String script = s.arrayScript();
    assertTrue(script.startsWith("#!/bin/bash\n"));
    for (String line : List.of("#SBATCH --array=0-68%6", "#SBATCH --partition=cpu", "#SBATCH --time=8:00:00",
        "#SBATCH --cpus-per-task=2", "#SBATCH --requeue", "#SBATCH --open-mode=append",
        "#SBATCH --output=" + tmp.resolve("reports/slurm/task-%A_%a.out"), "cd " + tmp,
        "exec bin/cnnlab reproduce --plan " + plan)) {
      assertTrue(script.lines().anyMatch(line::equals), line + " in\n" + script);
    }
    assertFalse(script.contains("gpus") || script.contains("-gpu"), script);
    // sbatch reads #SBATCH lines only before the first command.
    List<String> lines = script.lines().toList();
    int firstCommand = lines.indexOf(lines.stream().filter(l -> !l.startsWith("#")).findFirst().orElseThrow());
    assertTrue(lines.subList(firstCommand, lines.size()).stream().noneMatch(l -> l.startsWith("#SBATCH")));
  }

  @Test
  void theRenderJobRunsAfterTheWholeArrayHoweverItEnded() throws IOException {
    Path plan = tmp.resolve("reports/plan.json");
    SlurmSweep s = new SlurmSweep(tmp, plan, 3, new ClusterResources(null, null, 1, 0, 8));
    assertEquals("0-2%3", s.array(), "K larger than the runs is capped");
    assertTrue(s.renderScript().contains("exec bin/cnnlab reproduce --plan " + plan + " --render"));
    assertFalse(s.renderScript().contains("--partition"), "no partition given: the cluster's default");
    List<Path> scripts = s.write();
    assertTrue(Files.isExecutable(scripts.get(0)) && Files.isExecutable(scripts.get(1)));
    assertEquals(List.of("sbatch", "--parsable", "--dependency=afterany:4711", scripts.get(1).toString()),
        s.submitRender(scripts.get(1), "4711"));
    assertEquals("4711", SlurmSweep.jobId("4711;cluster\n"));
    assertThrows(IllegalArgumentException.class, () -> SlurmSweep.jobId("sbatch: error: invalid partition"));
  }

  @Test
  void aGpuPartitionAsksForGpusAndRefusesToRunWithoutTheGpuBuild() {
    SlurmSweep s = new SlurmSweep(tmp, tmp.resolve("plan.json"), 10, new ClusterResources("gpu", null, 8, 1, 4));
    String script = s.arrayScript();
    assertTrue(script.contains("#SBATCH --gpus-per-task=1\n"), script);
    assertTrue(script.contains("grep -q linux-x86_64-gpu target/classpath.txt"), script);
    assertTrue(script.contains("-Pgpu"), script);
    assertEquals("gpu", s.resources().device());
  }

  @Test
  void badResourcesAreRefusedNamingTheOption() {
    assertTrue(assertThrows(IllegalArgumentException.class, () -> new ClusterResources(null, "8 hours", 1, 0, 1))
        .getMessage().contains("--time '8 hours'"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> new ClusterResources(null, null, 1, 0, 0))
        .getMessage().contains("--max-parallel"));
  }

  @Test
  void theIndexedJobHasOneCompletionPerRunKInParallelTheClaimAndThePlanCommand() throws IOException {
    KubernetesSweep k = new KubernetesSweep("registry/cnnlab:1", "/opt/cnnlab", "cnnlab-shared", "20Gi",
        "reports/plan.json", "reports", "datasets", 69, new ClusterResources(null, null, 4, 1, 6));
    JsonNode job = YAML.readTree(k.sweepJob());
    assertEquals("batch/v1", job.at("/apiVersion").asText());
    assertEquals("Job", job.at("/kind").asText());
    assertEquals("Indexed", job.at("/spec/completionMode").asText());
    assertEquals(69, job.at("/spec/completions").asInt());
    assertEquals(6, job.at("/spec/parallelism").asInt());
    JsonNode pod = job.at("/spec/template/spec");
    assertEquals("Never", pod.at("/restartPolicy").asText());
    JsonNode c = pod.at("/containers/0");
    assertEquals("registry/cnnlab:1", c.at("/image").asText());
    assertEquals("/opt/cnnlab", c.at("/workingDir").asText());
    assertEquals(List.of("bin/cnnlab", "reproduce", "--plan", "reports/plan.json"), strings(c.at("/command")));
    assertEquals("4", c.at("/resources/requests/cpu").asText());
    assertEquals(1, c.at("/resources/limits/nvidia.com~1gpu").asInt());
    assertEquals(List.of("/opt/cnnlab/reports", "/opt/cnnlab/datasets"),
        List.of(c.at("/volumeMounts/0/mountPath").asText(), c.at("/volumeMounts/1/mountPath").asText()));
    assertEquals("cnnlab-shared", pod.at("/volumes/0/persistentVolumeClaim/claimName").asText());
    JsonNode claim = YAML.readTree(k.claimManifest());
    assertEquals("PersistentVolumeClaim", claim.at("/kind").asText());
    assertEquals("cnnlab-shared", claim.at("/metadata/name").asText());
    assertEquals("ReadWriteMany", claim.at("/spec/accessModes/0").asText());
    assertEquals("20Gi", claim.at("/spec/resources/requests/storage").asText());
  }

  @Test
  void theRenderJobRendersFromTheSameClaimWithoutAGpu() throws IOException {
    KubernetesSweep k = new KubernetesSweep("cnnlab:latest", "/opt/cnnlab", "shared", "5Gi",
        "reports/smoke/plan.json", "reports", "data", 3, new ClusterResources(null, null, 2, 1, 2));
    JsonNode job = YAML.readTree(k.renderJob());
    assertEquals(1, job.at("/spec/completions").asInt());
    assertTrue(job.at("/spec/completionMode").isMissingNode());
    JsonNode c = job.at("/spec/template/spec/containers/0");
    assertEquals(List.of("bin/cnnlab", "reproduce", "--plan", "reports/smoke/plan.json", "--render"),
        strings(c.at("/command")));
    assertTrue(c.at("/resources/limits").isMissingNode());
    assertEquals("shared", job.at("/spec/template/spec/volumes/0/persistentVolumeClaim/claimName").asText());
    assertEquals("/opt/cnnlab/data", c.at("/volumeMounts/1/mountPath").asText(), "mounted where --data-root says");
    assertTrue(assertThrows(IllegalArgumentException.class, () -> new KubernetesSweep("i", "/w", "c", "1Gi",
        "/abs/plan.json", "/abs", "datasets", 3, new ClusterResources(null, null, 1, 0, 1))).getMessage()
        .contains("relative to the checkout"));
    List<Path> files = k.write(tmp.resolve("k8s"));
    assertEquals(List.of("pvc.yaml", "sweep-job.yaml", "render-job.yaml"),
        files.stream().map(p -> p.getFileName().toString()).toList());
  }

  private static List<String> strings(JsonNode array) {
    return java.util.stream.StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
  }
}
