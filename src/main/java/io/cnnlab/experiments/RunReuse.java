package io.cnnlab.experiments;

import io.cnnlab.runs.RunFolder;
import io.cnnlab.runs.RunManifest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Decides what to do with a planned run's folder: reuse a finished run of the same configuration, resume an
 * interrupted one, or run afresh (clearing what is there). It stores nothing; the folder layout is
 * {@link RunFolder}'s and the manifest is {@link RunManifest}.
 */
public final class RunReuse {
  /** What the harness does with a planned run. */
  public enum Action {
    /** A finished run with the same configuration hash is there: its results are used as they are. */
    REUSE,
    /** An interrupted training run of the same configuration is there: the trainer resumes its checkpoint. */
    RESUME,
    /** Nothing usable is there (or {@code --force}): the folder is cleared and the run starts from scratch. */
    RUN;

    /** Lower-case name for tables. */
    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  private RunReuse() {}

  /** The manifest in {@code runDir}, if there is one that reads. */
  public static Optional<RunManifest> manifest(Path runDir) {
    Path file = runDir.resolve(RunFolder.MANIFEST);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(RunManifest.read(file));
    } catch (IOException e) {
      return Optional.empty(); // unreadable (e.g. cut short): treated like no manifest, the run starts afresh
    }
  }

  /** What to do with {@code run}, given what its folder holds. */
  public static Action decide(PlannedRun run, boolean force) {
    if (force) {
      return Action.RUN;
    }
    Optional<RunManifest> m = manifest(run.dir());
    if (m.isEmpty() || !m.get().configHash().equals(run.configHash())) {
      return Action.RUN;
    }
    if (m.get().isFinished()) {
      return Action.REUSE;
    }
    return run.declaration().kind().trains() ? Action.RESUME : Action.RUN;
  }

  /** Deletes {@code dir} and everything in it, if it exists. */
  public static void clear(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
