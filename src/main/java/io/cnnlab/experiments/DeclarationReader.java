package io.cnnlab.experiments;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cnnlab.check.ParseErrors;
import io.cnnlab.data.DatasetId;
import io.cnnlab.runs.ExperimentRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Reads experiment declarations ({@code reproductions/<id>.yaml}) strictly: unknown keys, values of the wrong
 * type and values outside their allowed set are rejected with the file, the key and what is allowed. Every
 * variant is merged with the defaults and checked for a real and a smoke run, so a declaration that reads
 * also plans.
 *
 * <p>Layout of a file (see {@code reproductions/README.md}): {@code id, title, description, kind, dataset,
 * heavy, defaults, variants, seeds, reference, render, smoke}; {@code defaults}, each variant (besides its
 * {@code name}) and {@code smoke} are {@link RunSettings} blocks, merged in that order.
 */
public final class DeclarationReader {
  /** Overrides every smoke run gets before the declaration's own {@code smoke} block. */
  static final int SMOKE_TRAIN_LIMIT = 512;

  static final int SMOKE_TEST_LIMIT = 256;
  static final int SMOKE_PHOTOS = 2;

  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9.-]*");

  /** What the top level of a file maps onto; blocks merged later stay trees. */
  record DeclarationFile(
      String id, String title, String description, String kind, String dataset, Boolean heavy,
      JsonNode defaults, List<JsonNode> variants, List<Long> seeds, ReferenceFile reference, List<String> render,
      JsonNode smoke) {}

  record ReferenceFile(
      String source, String metric, Double low, Double high, Map<String, Double> published, String variant) {}

  private DeclarationReader() {}

  /**
   * Reads every {@code *.yaml} file of {@code dir}, sorted by id.
   *
   * @throws InvalidDeclarationException for the first file that does not read
   * @throws IOException when the folder cannot be listed or holds no declaration
   */
  public static List<Declaration> readAll(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new IOException("declarations folder " + dir + " does not exist (run from the project root, or pass"
          + " --declarations DIR)");
    }
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(p -> p.getFileName().toString().endsWith(".yaml")).sorted().toList();
    }
    if (files.isEmpty()) {
      throw new IOException("no *.yaml declarations in " + dir);
    }
    List<Declaration> out = new ArrayList<>();
    for (Path f : files) {
      out.add(read(f));
    }
    return out;
  }

  /** Reads and checks one declaration file. */
  public static Declaration read(Path file) {
    JsonNode tree;
    try {
      tree = Yaml.MAPPER.readTree(file.toFile());
    } catch (JacksonException e) {
      throw new InvalidDeclarationException(file, "not valid YAML: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new InvalidDeclarationException(file, "cannot be read: " + e.getMessage(), e);
    }
    if (tree == null || !tree.isObject()) {
      throw new InvalidDeclarationException(file, "expected a mapping with the keys " + topKeys());
    }
    DeclarationFile raw = Yaml.map(file, tree, DeclarationFile.class, "");
    try {
      return check(file, raw);
    } catch (InvalidDeclarationException e) {
      throw e;
    } catch (IllegalArgumentException e) {
      throw new InvalidDeclarationException(file, e.getMessage(), e);
    }
  }

  private static Declaration check(Path file, DeclarationFile raw) {
    String stem = file.getFileName().toString().replaceFirst("\\.ya?ml$", "");
    required(raw.id(), "id");
    if (!raw.id().equals(stem)) {
      throw new IllegalArgumentException("key 'id': '" + raw.id() + "' must equal the file name '" + stem + "'");
    }
    required(raw.title(), "title");
    required(raw.kind(), "kind");
    Kind kind = ParseErrors.keyed("key 'kind'", () -> Kind.parse(raw.kind()));
    String dataset = dataset(kind, raw.dataset());
    List<Long> seeds = seeds(raw.seeds());
    List<String> render = raw.render() == null ? List.of() : raw.render();
    for (int i = 0; i < render.size(); i++) {
      if (!ExperimentRecord.RENDER_ENTRIES.contains(render.get(i))) {
        throw new IllegalArgumentException("key 'render[" + i + "]': unknown item '" + render.get(i)
            + "'; allowed values: " + String.join(", ", ExperimentRecord.RENDER_ENTRIES));
      }
    }
    List<Declaration.Variant> variants = variants(file, raw, kind, dataset);
    Declaration.Reference reference = reference(raw.reference(), kind, variants);
    return new Declaration(file, raw.id(), raw.title(), raw.description(), kind, dataset,
        raw.heavy() != null && raw.heavy(), seeds, variants, reference, render);
  }

  private static String dataset(Kind kind, String given) {
    if (kind.trains()) {
      required(given, "dataset");
      return ParseErrors.keyed("key 'dataset'", () -> DatasetId.parse(given)).cliName();
    }
    if (kind == Kind.EDGES) {
      if (given != null && !given.equals(Declaration.PHOTOS)) {
        throw new IllegalArgumentException("key 'dataset': kind edges reads '" + Declaration.PHOTOS + "', got '"
            + given + "'");
      }
      return Declaration.PHOTOS;
    }
    if (given != null) {
      throw new IllegalArgumentException("key 'dataset' does not apply to kind " + kind + " (it reads no data)");
    }
    return null;
  }

  private static List<Long> seeds(List<Long> given) {
    if (given == null) {
      return List.of(1L);
    }
    if (given.isEmpty() || given.contains(null) || new HashSet<>(given).size() != given.size()) {
      throw new IllegalArgumentException("key 'seeds': expected a non-empty list of distinct integers, got " + given);
    }
    return given;
  }

  private static List<Declaration.Variant> variants(Path file, DeclarationFile raw, Kind kind, String dataset) {
    JsonNodeFactory nodes = JsonNodeFactory.instance;
    ObjectNode defaults = block(raw.defaults(), "defaults", kind, List.of());
    ObjectNode smoke = block(raw.smoke(), "smoke", kind, List.of());
    List<JsonNode> given = raw.variants() == null || raw.variants().isEmpty()
        ? List.of(nodes.objectNode().put("name", "main")) : raw.variants();
    List<Declaration.Variant> out = new ArrayList<>();
    for (int i = 0; i < given.size(); i++) {
      JsonNode v = given.get(i);
      String where = "variants[" + i + "]";
      ObjectNode overrides = block(v, where, kind, List.of("name"));
      JsonNode name = overrides.remove("name");
      if (name == null || !name.isTextual() || !NAME.matcher(name.asText()).matches()) {
        throw new IllegalArgumentException("key '" + where + ".name': expected a short name of lower-case letters,"
            + " digits, '-' and '.', got " + (name == null ? "nothing" : SettingsTree.describe(name)));
      }
      String n = name.asText();
      if (out.stream().anyMatch(o -> o.name().equals(n))) {
        throw new IllegalArgumentException("key '" + where + ".name': variant '" + n + "' is declared twice");
      }
      ObjectNode merged = SettingsTree.merge(defaults, overrides);
      ObjectNode smokeMerged = SettingsTree.merge(SettingsTree.merge(merged, smokeDefaults(kind)), smoke);
      String label = "variant '" + n + "' (defaults + " + where + ")";
      Map<String, JsonNode> blocks = new LinkedHashMap<>();
      blocks.put("defaults", defaults);
      blocks.put(where, overrides);
      RunSettings real = settings(file, merged, label, kind, dataset, blocks);
      blocks.put("smoke", smoke);
      out.add(new Declaration.Variant(n, real,
          settings(file, smokeMerged, label + " with smoke overrides", kind, dataset, blocks)));
    }
    return out;
  }

  /** A settings block, checked key by key (it may be partial); an absent block is empty. */
  private static ObjectNode block(JsonNode node, String where, Kind kind, List<String> extra) {
    if (node == null || node.isNull()) {
      return JsonNodeFactory.instance.objectNode();
    }
    SettingsTree.checkKeys(node, RunSettings.class, where, extra, Yaml.MAPPER);
    ObjectNode named = SettingsTree.canonicalNames((ObjectNode) node.deepCopy(), RunSettings.class, where);
    SettingsTree.checkApplies(named, kind, where, extra);
    return named;
  }

  /** Tiny subset, one epoch, few photos, one timed repeat. */
  private static ObjectNode smokeDefaults(Kind kind) {
    ObjectNode s = JsonNodeFactory.instance.objectNode();
    if (kind.trains()) {
      s.put("trainLimit", SMOKE_TRAIN_LIMIT).put("testLimit", SMOKE_TEST_LIMIT).put("epochs", 1);
    } else if (kind == Kind.EDGES) {
      s.put("photos", SMOKE_PHOTOS);
    } else if (kind == Kind.CONV_1X1) {
      s.putObject("conv").put("repeats", 1).put("warmup", 0);
    }
    return s;
  }

  /**
   * The merged block as settings, checked once, now, by what the run will do with them ({@link RunSettings#check},
   * {@link RunSettings#job}); a bad value is reported at the last of {@code blocks} (where -> block, in merge
   * order) that gave it.
   */
  private static RunSettings settings(
      Path file, ObjectNode merged, String label, Kind kind, String dataset, Map<String, JsonNode> blocks) {
    RunSettings s = Yaml.map(file, merged, RunSettings.class, label);
    try {
      s.check();
      if (kind.trains()) {
        if (s.model() == null) {
          throw new IllegalArgumentException("model must be given (in defaults or the variant), e.g. model: {type: lenet}");
        }
        s.job(DatasetId.parse(dataset), Path.of("datasets"), 0L);
      }
    } catch (IllegalArgumentException e) {
      String m = e.getMessage();
      String at = givenAt(m, blocks);
      if (at != null) {
        String key = at.substring(at.indexOf('.') + 1);
        m = "key '" + at + "': " + (m.startsWith(key + ": ") ? m.substring(key.length() + 2) : m);
      }
      throw new IllegalArgumentException(label + ": " + m, e);
    }
    return s;
  }

  /**
   * Where the setting a message starts with ({@code model.pool: ...}, {@code learningRate must ...}) was given:
   * {@code variants[1].model.pool}; null when the message names no key the blocks hold.
   */
  static String givenAt(String message, Map<String, JsonNode> blocks) {
    java.util.regex.Matcher m = Pattern.compile("^([A-Za-z]+(?:\\.[A-Za-z]+)?)[: ]").matcher(message);
    if (!m.find()) {
      return null;
    }
    String key = m.group(1);
    String at = null;
    for (Map.Entry<String, JsonNode> b : blocks.entrySet()) {
      if (!b.getValue().at("/" + key.replace('.', '/')).isMissingNode()) {
        at = b.getKey() + "." + key;
      }
    }
    return at;
  }

  private static Declaration.Reference reference(ReferenceFile r, Kind kind, List<Declaration.Variant> variants) {
    if (r == null) {
      return null;
    }
    required(r.source(), "reference.source");
    required(r.metric(), "reference.metric");
    if (!kind.metrics().contains(r.metric())) {
      throw new IllegalArgumentException("key 'reference.metric': '" + r.metric() + "' is not a metric of kind "
          + kind + "; allowed values: " + String.join(", ", kind.metrics()));
    }
    if (r.low() == null || r.high() == null || !Double.isFinite(r.low()) || !Double.isFinite(r.high())
        || r.low() > r.high()) {
      throw new IllegalArgumentException("keys 'reference.low' and 'reference.high': expected numbers with low <= high,"
          + " got " + r.low() + " and " + r.high());
    }
    List<String> names = variants.stream().map(Declaration.Variant::name).toList();
    String variant = r.variant();
    if (variant == null) {
      if (names.size() > 1) {
        throw new IllegalArgumentException("key 'reference.variant' is required with several variants; allowed values: "
            + String.join(", ", names));
      }
      variant = names.get(0);
    } else if (!names.contains(variant)) {
      throw new IllegalArgumentException("key 'reference.variant': no variant '" + variant + "'; allowed values: "
          + String.join(", ", names));
    }
    if (r.published() != null && r.published().values().stream().anyMatch(v -> v == null || !Double.isFinite(v))) {
      throw new IllegalArgumentException("key 'reference.published': expected numbers, got " + r.published());
    }
    return new Declaration.Reference(r.source(), r.metric(), r.low(), r.high(), r.published(), variant);
  }

  private static void required(String value, String key) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("key '" + key + "' is required");
    }
  }

  private static String topKeys() {
    return Arrays.stream(DeclarationFile.class.getRecordComponents()).map(c -> c.getName())
        .collect(Collectors.joining(", "));
  }
}
