package io.cnnlab.experiments;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cnnlab.data.DatasetId;
import io.cnnlab.models.ModelSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;

/**
 * What a report needs from a run's {@code manifest.json} to rebuild its model: the model settings and the
 * data set. The manifest is read as generic JSON, because the harness owns its other keys.
 *
 * <p>Keys read, at the top level or inside one top-level object (e.g. {@code "config": {...}}):
 * <ul>
 *   <li>{@code "model"}: an object with the fields of {@link ModelSettings} ({@code type} required; {@code
 *       variant}, {@code activation}, {@code pool}, {@code batchNorm}, {@code padding}, {@code dropout}, {@code
 *       width}, {@code budgetFraction}, {@code lrn}, {@code inputSize} optional, null or absent = default;
 *       other keys refused), or just the type as a string ({@code "lenet"});
 *   <li>{@code "dataset"}: the data set's command-line name ({@code "fashion-mnist"}), or an object whose
 *       {@code "name"} is.
 * </ul>
 * When the manifest lacks one, {@link ExperimentRecord#settings()} key {@code model} (a type name or the
 * same object as JSON text) and {@link ExperimentRecord#dataset()} are used instead.
 *
 * @param model the model as trained
 * @param dataset the data set it was trained on
 */
public record ManifestModel(ModelSettings model, DatasetId dataset) {
  /** The manifest's file name inside a run folder. */
  public static final String FILE = "manifest.json";

  /**
   * Reads {@code runDir/manifest.json}, falling back on {@code record} for what it lacks.
   *
   * @throws ExperimentFileException naming the manifest when it is malformed, or when neither it nor the
   *     record says which model or data set the run used
   */
  public static ManifestModel read(Path runDir, ExperimentRecord record) throws ExperimentFileException {
    Path file = runDir.resolve(FILE);
    JsonNode root = null;
    if (Files.isRegularFile(file)) {
      try {
        root = ExperimentRecordJson.MAPPER.readTree(file.toFile());
      } catch (IOException e) {
        String why = e instanceof JacksonException j ? j.getOriginalMessage() : e.getMessage();
        throw new ExperimentFileException(file, "not valid JSON: " + why, e);
      }
      if (root != null && !root.isObject()) {
        throw new ExperimentFileException(file, "expected a JSON object, found " + root.getNodeType());
      }
    }
    ModelSettings model = model(file, find(root, "model"), record);
    DatasetId dataset = dataset(file, find(root, "dataset"), record);
    return new ManifestModel(model, dataset);
  }

  private static ModelSettings model(Path file, JsonNode node, ExperimentRecord record) throws ExperimentFileException {
    String from = file.toString();
    if (node == null && record.settings() != null && record.settings().get("model") != null) {
      String text = record.settings().get("model").trim();
      from = "the experiment record's setting 'model'";
      try {
        node = text.startsWith("{") ? ExperimentRecordJson.MAPPER.readTree(text) : ExperimentRecordJson.MAPPER.getNodeFactory().textNode(text);
      } catch (IOException e) {
        throw new ExperimentFileException(file, from + " is neither a model type nor a JSON object: " + text, e);
      }
    }
    if (node == null) {
      throw new ExperimentFileException(file, (Files.isRegularFile(file) ? "has no key 'model'" : "no such file")
          + " and the experiment record has no setting 'model'; expected {\"model\": {\"type\": \"lenet\", ...},"
          + " \"dataset\": \"fashion-mnist\"} to rebuild the model for feature maps");
    }
    try {
      if (node.isTextual()) {
        return ModelSettings.of(node.asText());
      }
      if (!node.isObject()) {
        throw new ExperimentFileException(file, "'model' in " + from + " must be an object or a type name, found " + node.getNodeType());
      }
      return ExperimentRecordJson.MAPPER.treeToValue(node, ModelSettings.class);
    } catch (JacksonException e) {
      throw new ExperimentFileException(file, "'model' in " + from + " is not a model description: " + e.getOriginalMessage(), e);
    } catch (IllegalArgumentException e) {
      throw new ExperimentFileException(file, "'model' in " + from + ": " + e.getMessage(), e);
    }
  }

  private static DatasetId dataset(Path file, JsonNode node, ExperimentRecord record) throws ExperimentFileException {
    if (node != null && node.isObject() && node.path("name").isTextual()) {
      node = node.get("name");
    }
    String name = node != null && node.isTextual() ? node.asText() : record.dataset();
    if (name == null || name.isBlank()) {
      throw new ExperimentFileException(file, "has no key 'dataset' and the experiment record names no data set;"
          + " expected \"dataset\": \"fashion-mnist\" (or another of " + java.util.Arrays.toString(DatasetId.values()) + ")");
    }
    try {
      return DatasetId.parse(name);
    } catch (IllegalArgumentException e) {
      throw new ExperimentFileException(file, e.getMessage(), e);
    }
  }

  /** {@code key} at the top level, else in the first top-level object that has it; null when nowhere. */
  private static JsonNode find(JsonNode root, String key) {
    if (root == null) {
      return null;
    }
    JsonNode direct = root.get(key);
    if (direct != null && !direct.isNull()) {
      return direct;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
      JsonNode child = it.next().getValue();
      if (child instanceof ObjectNode && child.get(key) != null && !child.get(key).isNull()) {
        return child.get(key);
      }
    }
    return null;
  }
}
