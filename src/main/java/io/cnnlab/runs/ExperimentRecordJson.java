package io.cnnlab.runs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads and writes {@code reports/<experiment>/experiment.json}, the {@link ExperimentRecord} the harness leaves
 * behind. Unknown keys are refused, so a renamed field fails loudly instead of rendering an empty report. Every
 * reader goes through {@link #read} (the harness's verdict tables over earlier sweeps, {@code cnnlab report}), so
 * they all accept and refuse the same files.
 */
public final class ExperimentRecordJson {
  private ExperimentRecordJson() {}

  /** Writes {@code record} to {@code file} (parent folders created, atomically). */
  public static Path write(Path file, ExperimentRecord record) throws IOException {
    return RunJson.write(file, record);
  }

  /**
   * Reads an experiment record.
   *
   * @throws RunFileException naming the file when it is missing, not JSON, has an unknown or mistyped key, or
   *     lacks what every record needs (id, title, kind, runs)
   */
  public static ExperimentRecord read(Path file) throws RunFileException {
    if (!Files.isRegularFile(file)) {
      throw new RunFileException(file, "no such file; expected the " + ExperimentFolder.RECORD
          + " the reproduction harness writes after running an experiment");
    }
    ExperimentRecord record = RunJson.readStrict(file, ExperimentRecord.class, "experiment record");
    List<String> missing = new ArrayList<>();
    if (isBlank(record.id())) {
      missing.add("id");
    }
    if (isBlank(record.title())) {
      missing.add("title");
    }
    if (isBlank(record.kind())) {
      missing.add("kind");
    }
    if (record.runs() == null) {
      missing.add("runs");
    }
    if (record.verdict() == null || record.verdict().status() == null) {
      missing.add("verdict.status");
    }
    if (!missing.isEmpty()) {
      throw new RunFileException(file, "lacks " + String.join(", ", missing) + "; every experiment record has them");
    }
    for (int i = 0; i < record.runs().size(); i++) {
      ExperimentRecord.RunRecord run = record.runs().get(i);
      if (run == null || isBlank(run.name()) || isBlank(run.dir())) {
        throw new RunFileException(file, "runs[" + i + "] lacks a name or dir");
      }
    }
    return record;
  }

  private static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }
}
