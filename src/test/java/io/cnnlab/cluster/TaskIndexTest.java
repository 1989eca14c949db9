package io.cnnlab.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which run a task runs: --index, Slurm's variable, Kubernetes' variable. */
class TaskIndexTest {
  @Test
  void explicitIndexWinsOverTheEnvironment() {
    assertEquals(4, TaskIndex.resolve(4, Map.of("SLURM_ARRAY_TASK_ID", "7")));
  }

  @Test
  void slurmArrayTasksReadSlurmArrayTaskId() {
    assertEquals(7, TaskIndex.resolve(null, Map.of("SLURM_ARRAY_TASK_ID", "7", "PATH", "/bin")));
  }

  @Test
  void kubernetesIndexedJobPodsReadJobCompletionIndex() {
    assertEquals(0, TaskIndex.resolve(null, Map.of("JOB_COMPLETION_INDEX", "0")));
    assertEquals(12, TaskIndex.resolve(null, Map.of("JOB_COMPLETION_INDEX", "12")));
  }

  @Test
  void noIndexOrABadOneIsAnErrorNamingTheVariables() {
    IllegalArgumentException none = assertThrows(IllegalArgumentException.class, () -> TaskIndex.resolve(null,
        Map.of()));
    assertTrue(none.getMessage().contains("--index") && none.getMessage().contains("SLURM_ARRAY_TASK_ID")
        && none.getMessage().contains("JOB_COMPLETION_INDEX"), none.getMessage());
    assertEquals("JOB_COMPLETION_INDEX='x1' is not a run index (a non-negative integer)", assertThrows(
        IllegalArgumentException.class, () -> TaskIndex.resolve(null, Map.of("JOB_COMPLETION_INDEX", "x1")))
        .getMessage());
    assertThrows(IllegalArgumentException.class, () -> TaskIndex.resolve(-1, Map.of()));
    assertThrows(IllegalArgumentException.class, () -> TaskIndex.resolve(null, Map.of("SLURM_ARRAY_TASK_ID", "-2")));
  }
}
