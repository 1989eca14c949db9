package io.cnnlab.experiments;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks and merges the partial settings blocks of a declaration ({@code defaults}, a variant, {@code smoke})
 * as YAML trees, before they become {@link RunSettings}: a variant may override a single model key, which no
 * record with required fields could hold on its own. Keys are checked against the record components of the
 * type they will map onto, so the allowed keys are always the code's; values only for their type here, and
 * for their meaning once, on the merged {@link RunSettings} ({@link RunSettings#check}, {@link RunSettings#job}).
 */
final class SettingsTree {
  private SettingsTree() {}

  /**
   * Rejects keys {@code type} has no component for (by name or by a {@link JsonAlias} of it) and values that do
   * not convert to their component's type, recursing into record-typed components.
   *
   * @param where location for messages, e.g. {@code variants[1]}
   * @throws IllegalArgumentException naming the key, where it is and the allowed keys or the expected type
   */
  static void checkKeys(
      JsonNode node, Class<? extends Record> type, String where, List<String> extraKeys, ObjectMapper mapper) {
    if (!node.isObject()) {
      throw new IllegalArgumentException(where + " must be a mapping of keys to values, got " + describe(node));
    }
    List<String> allowed = new ArrayList<>(extraKeys);
    for (RecordComponent c : type.getRecordComponents()) {
      allowed.add(c.getName());
    }
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      RecordComponent component = component(type, e.getKey());
      if (component == null && !extraKeys.contains(e.getKey())) {
        throw new IllegalArgumentException("unknown key '" + e.getKey() + "' in " + where + "; allowed keys: "
            + String.join(", ", allowed));
      }
      if (component == null || e.getValue().isNull()) {
        continue;
      }
      if (component.getType().isRecord()) {
        @SuppressWarnings("unchecked")
        Class<? extends Record> inner = (Class<? extends Record>) component.getType();
        checkKeys(e.getValue(), inner, where + "." + e.getKey(), List.of(), mapper);
      } else {
        checkType(e.getValue(), component.getType(), where + "." + e.getKey(), mapper);
      }
    }
  }

  /** The component of {@code type} called {@code key}, or having it as an alias; null when none. */
  private static RecordComponent component(Class<? extends Record> type, String key) {
    for (RecordComponent c : type.getRecordComponents()) {
      if (c.getName().equals(key) || aliases(type, c).contains(key)) {
        return c;
      }
    }
    return null;
  }

  /** The earlier names of a component, from its {@link JsonAlias} (which Jackson reads as well). */
  private static List<String> aliases(Class<? extends Record> type, RecordComponent c) {
    try {
      JsonAlias alias = type.getDeclaredField(c.getName()).getAnnotation(JsonAlias.class);
      return alias == null ? List.of() : List.of(alias.value());
    } catch (NoSuchFieldException e) {
      throw new IllegalStateException(type.getSimpleName() + " has no field for its component " + c.getName(), e);
    }
  }

  /**
   * {@code node} (checked by {@link #checkKeys}) with every alias renamed to its component's name, so that blocks
   * merge key by key whichever name each used.
   *
   * @throws IllegalArgumentException when a block gives one setting under two names
   */
  static ObjectNode canonicalNames(ObjectNode node, Class<? extends Record> type, String where) {
    ObjectNode out = node.objectNode();
    Map<String, String> givenAs = new java.util.HashMap<>();
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      RecordComponent c = component(type, e.getKey());
      String name = c == null ? e.getKey() : c.getName();
      String earlier = givenAs.put(name, e.getKey());
      if (earlier != null) {
        throw new IllegalArgumentException("keys '" + earlier + "' and '" + e.getKey() + "' in " + where
            + " name the same setting; give it once, as '" + name + "'");
      }
      out.set(name, e.getValue());
    }
    return out;
  }

  private static void checkType(JsonNode value, Class<?> type, String key, ObjectMapper mapper) {
    boolean ok = !value.isContainerNode();
    if (ok) {
      try {
        mapper.treeToValue(value, type);
      } catch (JsonProcessingException | IllegalArgumentException e) {
        ok = false;
      }
    }
    if (!ok) {
      String expected = type == Integer.class || type == Long.class ? "an integer"
          : type == Double.class || type == Float.class ? "a number"
          : type == Boolean.class ? "true or false" : "text";
      throw new IllegalArgumentException("key '" + key + "': expected " + expected + ", got " + describe(value));
    }
  }

  /** Rejects keys of {@code node} that do not apply to {@code kind}, naming the ones that do. */
  static void checkApplies(JsonNode node, Kind kind, String where, List<String> extraKeys) {
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      String key = e.getKey();
      if (!extraKeys.contains(key) && !kind.settingKeys().contains(key)) {
        throw new IllegalArgumentException("key '" + key + "' in " + where + " does not apply to kind " + kind
            + "; keys that apply: " + String.join(", ", kind.settingKeys().stream().sorted().toList()));
      }
    }
  }

  /** {@code base} with every key of {@code overlay} put on top; mappings present in both are merged. */
  static ObjectNode merge(ObjectNode base, JsonNode overlay) {
    ObjectNode out = base.deepCopy();
    for (Map.Entry<String, JsonNode> e : overlay.properties()) {
      JsonNode mine = out.get(e.getKey());
      if (mine instanceof ObjectNode m && e.getValue().isObject()) {
        out.set(e.getKey(), merge(m, e.getValue()));
      } else {
        out.set(e.getKey(), e.getValue().deepCopy());
      }
    }
    return out;
  }

  /** A short description of a YAML value for messages. */
  static String describe(JsonNode node) {
    if (node.isObject()) {
      return "a mapping";
    }
    if (node.isArray()) {
      return "a list";
    }
    return node.isTextual() ? "'" + node.asText() + "'" : node.toString();
  }
}
