package io.cnnlab.experiments;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.file.Path;
import java.util.List;

/**
 * The strict YAML mapper of declarations (unknown keys, duplicate keys and fractional integers refused) and
 * the translation of its errors into messages that name the file and the key.
 */
final class Yaml {
  static final ObjectMapper MAPPER = YAMLMapper.builder()
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
      .build();

  private Yaml() {}

  /** Maps a tree onto {@code type}, turning Jackson's errors into messages naming the key. */
  static <T> T map(Path file, JsonNode tree, Class<T> type, String label) {
    try {
      return MAPPER.treeToValue(tree, type);
    } catch (UnrecognizedPropertyException e) {
      String where = path(e).replaceFirst("\\.?[^.\\[]*$", "");
      List<String> known = e.getKnownPropertyIds().stream().map(Object::toString).sorted().toList();
      throw new InvalidDeclarationException(file, "unknown key '" + e.getPropertyName() + "'"
          + (where.isEmpty() ? " at the top level" : " in " + where) + "; allowed keys: " + String.join(", ", known), e);
    } catch (JsonMappingException e) {
      String key = path(e);
      Throwable cause = e.getCause() instanceof IllegalArgumentException iae ? iae : null;
      String why = cause != null ? cause.getMessage() : e.getOriginalMessage().replaceAll("\\s+", " ");
      throw new InvalidDeclarationException(file, (label.isEmpty() ? "" : label + ": ") + "key '" + key + "': "
          + why, e);
    } catch (JacksonException e) {
      throw new InvalidDeclarationException(file, e.getOriginalMessage(), e);
    }
  }

  /** {@code variants[1].model.pool} from Jackson's path. */
  private static String path(JsonMappingException e) {
    StringBuilder sb = new StringBuilder();
    for (JsonMappingException.Reference r : e.getPath()) {
      if (r.getFieldName() != null) {
        sb.append(sb.length() == 0 ? "" : ".").append(r.getFieldName());
      } else if (r.getIndex() >= 0) {
        sb.append('[').append(r.getIndex()).append(']');
      }
    }
    return sb.toString();
  }
}
