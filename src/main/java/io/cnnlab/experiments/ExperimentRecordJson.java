package io.cnnlab.experiments;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads and writes {@code reports/<experiment>/experiment.json}, the {@link ExperimentRecord} the harness leaves
 * behind. Unknown keys are refused, so a renamed field fails loudly instead of rendering an empty report.
 */
public final class ExperimentRecordJson {
  private ExperimentRecordJson() {}

  /** The record's file name inside an experiment folder. */
  public static final String FILE = "experiment.json";

  static final ObjectMapper MAPPER = JsonMapper.builder()
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(SerializationFeature.INDENT_OUTPUT)
      .build();

  /** Writes {@code record} to {@code file} (parent folders created). */
  public static Path write(Path file, ExperimentRecord record) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    MAPPER.writeValue(file.toFile(), record);
    return file;
  }

  /**
   * Reads an experiment record.
   *
   * @throws ExperimentFileException naming the file when it is missing, not JSON, has an unknown or
   *     mistyped key, or lacks what every record needs (id, title, kind, runs)
   */
  public static ExperimentRecord read(Path file) throws ExperimentFileException {
    if (!Files.isRegularFile(file)) {
      throw new ExperimentFileException(file, "no such file; expected the " + FILE
          + " the reproduction harness writes after running an experiment");
    }
    ExperimentRecord record;
    try {
      record = MAPPER.readValue(file.toFile(), ExperimentRecord.class);
    } catch (JacksonException e) {
      JsonLocation at = e.getLocation();
      String where = at == null || at.getLineNr() < 0 ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
      throw new ExperimentFileException(file, "not a valid experiment record" + where + ": " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new ExperimentFileException(file, "cannot read: " + e.getMessage(), e);
    }
    if (record == null) {
      throw new ExperimentFileException(file, "holds JSON null; expected an experiment record object");
    }
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
      throw new ExperimentFileException(file, "lacks " + String.join(", ", missing) + "; every experiment record has them");
    }
    for (int i = 0; i < record.runs().size(); i++) {
      ExperimentRecord.RunRecord run = record.runs().get(i);
      if (run == null || isBlank(run.name()) || isBlank(run.dir())) {
        throw new ExperimentFileException(file, "runs[" + i + "] lacks a name or dir");
      }
    }
    return record;
  }

  private static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }
}
