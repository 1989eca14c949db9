package io.cnnlab.experiments;

import io.cnnlab.runs.RunEnvironment;
import io.cnnlab.runs.RunJson;
import io.cnnlab.runs.RunManifest;
import java.util.List;
import java.util.Map;

/** The {@link RunManifest} of a planned run about to start; the manifest's later states are its own methods. */
final class Manifests {
  private Manifests() {}

  /** The manifest of {@code run} about to start ({@code status running}). */
  static RunManifest starting(PlannedRun run, RunEnvironment env, String startedAt) {
    Declaration d = run.declaration();
    return new RunManifest(d.id(), run.name(), run.variant().name(), run.seed(), d.kind().token(), d.dataset(),
        RunJson.toObject(run.settings().model()), run.configuration().get("smoke").equals("true"), run.configuration(),
        run.configHash(), run.settings().given(), env, RunManifest.RUNNING, 0, Map.of(), List.of(), startedAt, null, 0,
        null);
  }
}
