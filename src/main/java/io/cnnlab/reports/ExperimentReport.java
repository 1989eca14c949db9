package io.cnnlab.reports;

import io.cnnlab.output.ComparisonBarChart;
import io.cnnlab.output.TextTable;
import io.cnnlab.reports.charts.ConfusionMatrix;
import io.cnnlab.reports.input.MetricsTable;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything one experiment's report shows, gathered from its runs' outputs; {@link BundleWriter} turns it
 * into {@code reports/<id>/report.pdf} with PNGs and CSVs. Build with {@link #builder}.
 */
public final class ExperimentReport {
  /**
   * A confusion matrix with a name for every class.
   *
   * @param source where the predictions come from, e.g. "run avg-seed1"; null when not said
   */
  public record Confusion(ConfusionMatrix matrix, List<String> classNames, String source) {
    public Confusion {
      if (classNames.size() != matrix.classes()) {
        throw new IllegalArgumentException(classNames.size() + " names for " + matrix.classes() + " classes");
      }
      classNames = List.copyOf(classNames);
    }
  }

  /** The metric charts a report can show; which ones an experiment gets is its declaration's choice. */
  public enum Part {
    /** Per variant: one run's curves, or the mean and min-max band over seeds. */
    CURVES,
    /** Every variant on one chart per metric (train loss, train accuracy, test accuracy). */
    OVERLAY,
    /** Stacked bars of where an epoch's time goes, per variant. */
    TIME
  }

  /**
   * A table shown in the report and written as {@code fileStem.csv}.
   *
   * @param fileStem CSV file name without extension
   */
  public record Table(String fileStem, TextTable table) {}

  /**
   * A raster figure (feature maps, kernels, contact sheet).
   *
   * @param fileStem PNG file name without extension, e.g. "feature-maps-3"
   * @param photographic true for photographs (edge-detection sheets): the PDF embeds them as JPEG, which
   *     keeps a report of many photos a few megabytes; drawn figures stay lossless
   * @param inPdf false for figures written as PNGs only (the PDF shows the first few of a kind)
   */
  public record Raster(String fileStem, String caption, BufferedImage image, boolean photographic, boolean inPdf) {}

  private final String id;
  private final String title;
  private final String verdict;
  private final String notice;
  private final List<String> notes;
  private final Set<Part> parts;
  private final List<Table> tables;
  private final Map<String, String> settings;
  private final TextTable comparison;
  private final Map<String, List<MetricsTable>> variants;
  private final Confusion confusion;
  private final List<ComparisonBarChart.Bar> workerComparison;
  private final List<Raster> rasters;
  private final String context;
  private final Map<String, List<MetricsTable>> peers;
  private final Map<String, String> variantContexts;

  private ExperimentReport(Builder b) {
    this.variantContexts = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(b.variantContexts));
    this.context = b.context;
    this.peers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(b.peers));
    this.id = b.id;
    this.title = b.title;
    this.verdict = b.verdict;
    this.notice = b.notice;
    this.notes = List.copyOf(b.notes);
    this.parts = java.util.Collections.unmodifiableSet(EnumSet.copyOf(b.parts));
    this.tables = List.copyOf(b.tables);
    this.settings = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(b.settings));
    this.comparison = b.comparison;
    this.variants = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(b.variants));
    this.confusion = b.confusion;
    this.workerComparison = List.copyOf(b.workerComparison);
    this.rasters = List.copyOf(b.rasters);
  }

  /**
   * @param id experiment identifier, also the bundle's folder name (letters, digits, '.', '_', '-')
   * @param title human title, e.g. "LeNet on Fashion-MNIST (d2l 6.6)"
   */
  public static Builder builder(String id, String title) {
    return new Builder(id, title);
  }

  public String id() {
    return id;
  }

  public String title() {
    return title;
  }

  /** The verdict against the reference, e.g. "reproduced"; null when the experiment has none. */
  public String verdict() {
    return verdict;
  }

  /** A warning shown prominently on the title page (e.g. "SMOKE — not comparable"); null for none. */
  public String notice() {
    return notice;
  }

  /** Paragraphs shown under the comparison with the reference (e.g. why the verdict is what it is). */
  public List<String> notes() {
    return notes;
  }

  /** The metric charts to draw (all unless the builder was told otherwise). */
  public Set<Part> parts() {
    return parts;
  }

  /** Further tables (e.g. a run's CSV output), in order. */
  public List<Table> tables() {
    return tables;
  }

  public Map<String, String> settings() {
    return settings;
  }

  /** Our numbers against the textbook's; null when there is no reference. */
  public TextTable comparison() {
    return comparison;
  }

  /** Variant label to its runs (one per seed), in insertion order; empty for experiments that do not train. */
  public Map<String, List<MetricsTable>> variants() {
    return variants;
  }

  /** Null when no predictions were recorded. */
  public Confusion confusion() {
    return confusion;
  }

  public List<ComparisonBarChart.Bar> workerComparison() {
    return workerComparison;
  }

  public List<Raster> rasters() {
    return rasters;
  }

  /**
   * What every chart says it shows, in its title or caption: data set, model, settings and seeds (e.g.
   * "Fashion-MNIST · LeNet ... · lr=0.9, batch=256 · seeds 1, 2, 3"); null when not known.
   */
  public String context() {
    return context;
  }

  /** Per variant, its context (its own settings and seeds); variants not in it use {@link #context()}. */
  public Map<String, String> variantContexts() {
    return variantContexts;
  }

  /** Another framework's runs with the same settings, per peer label (one table per seed), drawn beside ours. */
  public Map<String, List<MetricsTable>> peers() {
    return peers;
  }

  /** Collects the parts of a report; only id and title are required. */
  public static final class Builder {
    private final String id;
    private final String title;
    private String verdict;
    private String notice;
    private final List<String> notes = new ArrayList<>();
    private Set<Part> parts = EnumSet.allOf(Part.class);
    private final List<Table> tables = new ArrayList<>();
    private final Map<String, String> settings = new LinkedHashMap<>();
    private TextTable comparison;
    private final Map<String, List<MetricsTable>> variants = new LinkedHashMap<>();
    private Confusion confusion;
    private final List<ComparisonBarChart.Bar> workerComparison = new ArrayList<>();
    private final List<Raster> rasters = new ArrayList<>();
    private String context;
    private final Map<String, List<MetricsTable>> peers = new LinkedHashMap<>();
    private final Map<String, String> variantContexts = new LinkedHashMap<>();

    private Builder(String id, String title) {
      if (!id.matches("[A-Za-z0-9._-]+") || id.startsWith(".")) {
        throw new IllegalArgumentException(
            "experiment id '" + id + "' must be a folder name of letters, digits, '.', '_' and '-'");
      }
      this.id = id;
      this.title = title;
    }

    public Builder verdict(String verdict) {
      this.verdict = verdict;
      return this;
    }

    public Builder notice(String notice) {
      this.notice = notice;
      return this;
    }

    public Builder note(String paragraph) {
      notes.add(paragraph);
      return this;
    }

    /** Draws only these metric charts. */
    public Builder parts(Set<Part> chosen) {
      parts = chosen.isEmpty() ? EnumSet.noneOf(Part.class) : EnumSet.copyOf(chosen);
      return this;
    }

    public Builder table(String fileStem, TextTable table) {
      checkStem(fileStem);
      tables.add(new Table(fileStem, table));
      return this;
    }

    /** Adds a setting shown on the title page (insertion order kept). */
    public Builder setting(String key, String value) {
      settings.put(key, value);
      return this;
    }

    public Builder settings(Map<String, String> all) {
      settings.putAll(all);
      return this;
    }

    public Builder comparison(TextTable table) {
      this.comparison = table;
      return this;
    }

    /** Adds a variant with its runs, one per seed (all with the same epochs, ideally). */
    public Builder variant(String label, List<MetricsTable> runs) {
      if (runs.isEmpty()) {
        throw new IllegalArgumentException("variant " + label + " has no runs");
      }
      variants.put(label, List.copyOf(runs));
      return this;
    }

    public Builder confusion(ConfusionMatrix matrix, List<String> classNames) {
      return confusion(matrix, classNames, null);
    }

    /** @param source where the predictions come from, shown in the captions */
    public Builder confusion(ConfusionMatrix matrix, List<String> classNames, String source) {
      this.confusion = new Confusion(matrix, classNames, source);
      return this;
    }

    /** Bars for the loader-workers comparison (e.g. epoch time and data wait for 2 and 5 workers). */
    public Builder workerComparison(List<ComparisonBarChart.Bar> bars) {
      workerComparison.addAll(bars);
      return this;
    }

    public Builder raster(String fileStem, String caption, BufferedImage image) {
      return raster(fileStem, caption, image, false);
    }

    /** @param photographic see {@link Raster#photographic()} */
    public Builder raster(String fileStem, String caption, BufferedImage image, boolean photographic) {
      return raster(fileStem, caption, image, photographic, true);
    }

    /** @param inPdf see {@link Raster#inPdf()} */
    public Builder raster(String fileStem, String caption, BufferedImage image, boolean photographic, boolean inPdf) {
      checkStem(fileStem);
      rasters.add(new Raster(fileStem, caption, image, photographic, inPdf));
      return this;
    }

    /** See {@link ExperimentReport#context()}. */
    public Builder context(String text) {
      this.context = text;
      return this;
    }

    /** See {@link ExperimentReport#variantContexts()}. */
    public Builder variantContext(String variant, String text) {
      variantContexts.put(variant, text);
      return this;
    }

    /** Adds a peer's runs (one per seed), see {@link ExperimentReport#peers()}. */
    public Builder peer(String label, List<MetricsTable> runs) {
      if (!runs.isEmpty()) {
        peers.put(label, List.copyOf(runs));
      }
      return this;
    }

    private static void checkStem(String fileStem) {
      if (!fileStem.matches("[A-Za-z0-9._-]+")) {
        throw new IllegalArgumentException("file stem '" + fileStem + "' must be letters, digits, '.', '_' and '-'");
      }
    }

    public ExperimentReport build() {
      return new ExperimentReport(this);
    }
  }
}
