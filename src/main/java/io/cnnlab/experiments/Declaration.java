package io.cnnlab.experiments;

import io.cnnlab.data.DatasetId;
import io.cnnlab.runs.ExperimentRecord;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One documented experiment, read and validated from {@code reproductions/<id>.yaml} by
 * {@link DeclarationReader}: every variant's settings are already merged and checked, for real runs and for
 * smoke runs.
 *
 * @param source the file it was read from
 * @param id its name, equal to the file's name without {@code .yaml}
 * @param title a human-readable title
 * @param description what it reproduces and how it deviates, or null
 * @param kind what it does
 * @param dataset {@code mnist}, {@code fashion-mnist}, {@code cifar100-coarse}, {@code cifar100-fine},
 *     {@code photos} (edges) or null (convolution checks)
 * @param heavy true when a real run takes hours on a small CPU: skipped by {@code --all} unless
 *     {@code --include-heavy}
 * @param seeds the seeds each variant runs with
 * @param variants the runs compared, in declaration order (one for a plain reproduction)
 * @param reference the published band the verdict compares with, or null when it only measures
 * @param render what its report shows, some of {@link ExperimentRecord#RENDER_ENTRIES}
 */
public record Declaration(
    Path source,
    String id,
    String title,
    String description,
    Kind kind,
    String dataset,
    boolean heavy,
    List<Long> seeds,
    List<Variant> variants,
    Reference reference,
    List<String> render) {

  /** Data set name of the edge-detection photographs. */
  public static final String PHOTOS = "photos";

  public Declaration {
    seeds = List.copyOf(seeds);
    variants = List.copyOf(variants);
    render = List.copyOf(render);
  }

  /** The training data set, or null for kinds that do not train. */
  public DatasetId datasetId() {
    return dataset == null || dataset.equals(PHOTOS) ? null : DatasetId.parse(dataset);
  }

  /** The variant called {@code name}. */
  public Variant variant(String name) {
    return variants.stream().filter(v -> v.name().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException(id + " has no variant '" + name + "'"));
  }

  /**
   * One of the compared configurations.
   *
   * @param name short name used in run folders ({@code <name>-seed<k>}) and charts
   * @param settings defaults merged with the variant's overrides
   * @param smoke the same with the smoke overrides on top (tiny subset, one epoch)
   */
  public record Variant(String name, RunSettings settings, RunSettings smoke) {
    /** The settings of a real or a smoke run. */
    public RunSettings settings(boolean smokeRun) {
      return smokeRun ? smoke : settings;
    }
  }

  /**
   * The published number or band.
   *
   * @param source where it is published
   * @param metric the metric compared (one of {@link Kind#metrics()})
   * @param low lower end of the band, inclusive
   * @param high upper end of the band, inclusive
   * @param published the individual published values, by source
   * @param variant the variant the verdict is about
   */
  public record Reference(
      String source, String metric, double low, double high, Map<String, Double> published, String variant) {
    public Reference {
      published = published == null ? Map.of()
          : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(published));
    }

    /** The form {@code experiment.json} carries (published values in declaration order). */
    public ExperimentRecord.Reference toRecord() {
      return new ExperimentRecord.Reference(source, metric, low, high, published);
    }
  }
}
