package io.cnnlab.runs;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.cnnlab.output.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one JSON codec of run files ({@code experiment.json}, {@code manifest.json}, {@code features/index.json}).
 * Writes are atomic (a temporary file renamed over the target, so a crash leaves the old file or the new one);
 * reads are strict (an unknown key fails, so a renamed field fails loudly) or lenient (files written by newer
 * versions still read); every failure is a {@link RunFileException} naming the file.
 */
public final class RunJson {
  private RunJson() {}

  private static final ObjectMapper STRICT = JsonMapper.builder()
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(SerializationFeature.INDENT_OUTPUT)
      .build();

  private static final ObjectMapper LENIENT = STRICT.copy().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  /** Writes {@code value} to {@code file} atomically, creating the parent folders. */
  public static Path write(Path file, Object value) throws IOException {
    return AtomicFiles.write(file, tmp -> STRICT.writeValue(tmp.toFile(), value));
  }

  /**
   * Reads {@code file} as {@code type}, refusing unknown keys.
   *
   * @param what what the file holds, for messages ("experiment record")
   */
  public static <T> T readStrict(Path file, Class<T> type, String what) throws RunFileException {
    return read(STRICT, file, type, what);
  }

  /** Reads {@code file} as {@code type}, ignoring keys it does not know. */
  public static <T> T readLenient(Path file, Class<T> type, String what) throws RunFileException {
    return read(LENIENT, file, type, what);
  }

  /** {@code value} (a record or bean) as a JSON object of its properties, e.g. model settings for a manifest. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> toObject(Object value) {
    return value == null ? null : LENIENT.convertValue(value, LinkedHashMap.class);
  }

  /**
   * The JSON object {@code object} as {@code type}, keys it does not know ignored: the inverse of
   * {@link #toObject}.
   *
   * @throws IllegalArgumentException saying which value does not fit
   */
  public static <T> T fromObject(Map<String, Object> object, Class<T> type) {
    return LENIENT.convertValue(object, type);
  }

  private static <T> T read(ObjectMapper mapper, Path file, Class<T> type, String what) throws RunFileException {
    if (!Files.isRegularFile(file)) {
      throw new RunFileException(file, "no such file");
    }
    T value;
    try {
      value = mapper.readValue(file.toFile(), type);
    } catch (JacksonException e) {
      JsonLocation at = e.getLocation();
      String where = at == null || at.getLineNr() < 0 ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
      throw new RunFileException(file, "not a valid " + what + where + ": " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new RunFileException(file, "cannot read: " + e.getMessage(), e);
    }
    if (value == null) {
      throw new RunFileException(file, "holds JSON null; expected an object (" + what + ")");
    }
    return value;
  }
}
