package io.cnnlab.experiments;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One run of a sweep: a variant of a declaration with one seed, its folder and its effective configuration.
 *
 * @param declaration the experiment
 * @param variant the variant
 * @param seed the seed
 * @param dir the run folder, {@code <root>/<experiment>/<variant>-seed<seed>}
 * @param settings the variant's settings for this mode (real or smoke)
 * @param job the training job (training kinds), else null
 * @param configuration the effective configuration, as stable {@code key -> text}
 * @param configHash SHA-256 of {@link #configuration()}: a finished run with the same hash is reused
 */
public record PlannedRun(
    Declaration declaration, Declaration.Variant variant, long seed, Path dir, RunSettings settings, TrainingJob job,
    Map<String, String> configuration, String configHash) {

  /**
   * Version of the configuration text; bump it when the meaning of a key changes. 2: the requested execution
   * (convolution forms, threads and towers as asked, not as resolved on the planning host) replaced the resolved
   * threads and towers.
   */
  static final String CONFIGURATION_VERSION = "cnnlab-run-2";

  /** Folder name of a variant's run with a seed, e.g. {@code avg-seed1}. */
  public static String runName(String variant, long seed) {
    return variant + "-seed" + seed;
  }

  /** The run folder's name. */
  public String name() {
    return dir.getFileName().toString();
  }

  /** Whether this is a smoke run (the declaration's smoke settings), as its configuration says. */
  public boolean smoke() {
    return Boolean.parseBoolean(configuration.get("smoke"));
  }

  /** {@code experiment/run}, for messages. */
  public String label() {
    return declaration.id() + "/" + name();
  }

  /** Plans the run of {@code variant} with {@code seed} under {@code experimentDir}. */
  public static PlannedRun of(Declaration d, Declaration.Variant variant, long seed, Path experimentDir, Path dataRoot,
      boolean smoke, String device) {
    RunSettings s = variant.settings(smoke);
    TrainingJob job = d.kind().trains() ? s.job(d.datasetId(), dataRoot, seed) : null;
    Map<String, String> c = configuration(d.kind(), d.dataset(), device, smoke, seed, s, job);
    return new PlannedRun(d, variant, seed, experimentDir.resolve(runName(variant.name(), seed)), s, job, c, hash(c));
  }

  /**
   * The effective configuration of a run, as stable {@code key -> text}: what {@link #configHash()} hashes. For
   * training kinds it is read off the job {@code settings} built (so the settings are mapped once, by {@link
   * RunSettings#job}), the requested execution included (in {@code training}); for the others it is the settings
   * as given. Nothing in it depends on the host that plans: threads are as asked ({@code all} for every core).
   *
   * @param job the training job of {@code settings} (training kinds), else null
   */
  public static Map<String, String> configuration(Kind kind, String dataset, String device, boolean smoke, long seed,
      RunSettings settings, TrainingJob job) {
    Map<String, String> c = new LinkedHashMap<>();
    c.put("version", CONFIGURATION_VERSION);
    c.put("kind", kind.token());
    c.put("dataset", String.valueOf(dataset));
    c.put("device", device);
    c.put("smoke", Boolean.toString(smoke));
    if (job != null) {
      c.put("training", job.config().canonical());
      c.put("identity", job.identity());
      c.put("epochs", Integer.toString(job.config().epochs()));
      c.put("workers", Integer.toString(job.workers()));
    } else {
      c.put("seed", Long.toString(seed));
      c.put("threads", settings.threadsRequested());
      settings.given().forEach(c::putIfAbsent);
    }
    return Collections.unmodifiableMap(c);
  }

  /** SHA-256 (hex) of the {@code key=value} lines. */
  public static String hash(Map<String, String> configuration) {
    StringBuilder text = new StringBuilder();
    configuration.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(text.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
