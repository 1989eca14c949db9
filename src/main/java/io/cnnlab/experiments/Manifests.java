package io.cnnlab.experiments;

import io.cnnlab.graph.Execution;
import io.cnnlab.runs.RunEnvironment;
import io.cnnlab.runs.RunJson;
import io.cnnlab.runs.RunManifest;

/** The {@link RunManifest} of a planned run about to start; the manifest's later states are its own methods. */
final class Manifests {
  private Manifests() {}

  /**
   * The manifest of {@code run} about to start ({@code status running}).
   *
   * @param execution how the run computes (training kinds), else null
   */
  static RunManifest starting(PlannedRun run, RunEnvironment env, Execution execution, String startedAt) {
    Declaration d = run.declaration();
    return RunManifest.builder().experiment(d.id()).run(run.name()).variant(run.variant().name()).seed(run.seed())
        .kind(d.kind().token()).dataset(d.dataset()).model(RunJson.toObject(run.settings().model()))
        .smoke(run.configuration().get("smoke").equals("true")).configuration(run.configuration())
        .configHash(run.configHash()).settings(run.settings().given()).environment(env)
        .execution(execution == null ? null : execution.record()).startedAt(startedAt).build();
  }
}
