package io.cnnlab.runs;

import java.util.List;
import java.util.Map;

/**
 * What the harness writes to {@code reports/<experiment>/experiment.json} after running an experiment, and all
 * the report renderer needs besides the run folders: the declaration's identity and reference, the verdict, and
 * where each run's outputs are.
 *
 * <p>Layout of an experiment's folder: {@code experiment.json}; one folder per run ({@code <run>/}) holding
 * {@code manifest.json}, and for training runs {@code metrics.csv} (columns of
 * {@link MetricsColumns#HEADER}), {@code predictions.csv} ({@link PredictionsColumns}), {@code checkpoint/} and
 * {@code features/} (see {@link RunFolder}); other kinds write their own CSV/PNG outputs into their run folder and list them in
 * {@link RunRecord#outputs()}.
 *
 * @param id declaration id, e.g. {@code lenet-fmnist-textbook}
 * @param title human-readable title
 * @param kind what the experiment does, e.g. {@code train}, {@code edges}, {@code conv-shapes}
 * @param dataset data set name ({@code fashion-mnist}...), or null when none
 * @param classNames class names of the data set, in label order (empty when none)
 * @param smoke true when run with {@code --smoke} (tiny subset, one epoch): its numbers are not comparable
 * @param reference the published number it is compared against, or null when it only measures
 * @param verdict the outcome
 * @param runs every run, in declaration order
 * @param render what the declaration asks to render, some of {@link #RENDER_ENTRIES}
 * @param settings the effective settings, as text, for the report's settings page
 */
public record ExperimentRecord(
    String id,
    String title,
    String kind,
    String dataset,
    List<String> classNames,
    boolean smoke,
    Reference reference,
    Verdict verdict,
    List<RunRecord> runs,
    List<String> render,
    Map<String, String> settings) {

  /**
   * What {@code render} may hold. The declaration reader refuses other words and the renderer draws these, so both
   * take them from here.
   */
  public static final List<String> RENDER_ENTRIES =
      List.of("curves", "overlay", "time", "confusion", "feature-maps", "kernels", "edges", "workers", "table");

  /**
   * A published number or band.
   *
   * @param source where it is published, e.g. {@code d2l 2.0 §6.6 (PyTorch, TensorFlow, MXNet)}
   * @param metric the metric compared, a metrics.csv column of the last epoch such as {@code test_accuracy}
   * @param low lower end of the band (inclusive)
   * @param high upper end of the band (inclusive)
   * @param published the individual published values, e.g. {@code PyTorch 0.779}, for the comparison table
   */
  public record Reference(String source, String metric, double low, double high, Map<String, Double> published) {}

  /** Outcome of comparing the measured value against the reference. */
  public enum Status {
    REPRODUCED,
    OUTSIDE_BAND,
    MEASURED,
    NOT_RUN,
    FAILED
  }

  /**
   * @param status the outcome
   * @param measured the compared value (mean over seeds of the reference variant), or null
   * @param spread min and max over seeds, or null with one seed
   * @param gap distance to the nearest end of the band when outside it (signed: negative = below), else 0
   * @param reason why it was not run or failed, with the command that fixes it; or a note
   * @param metric what {@code measured} is a value of (the reference's metric, or the kind's headline metric such as
   *     {@code megapixels_per_second}), which also gives its unit; null when not known (records written before it)
   */
  public record Verdict(Status status, Double measured, double[] spread, Double gap, String reason, String metric) {
    /** A verdict whose metric is not named. */
    public Verdict(Status status, Double measured, double[] spread, Double gap, String reason) {
      this(status, measured, spread, gap, reason, null);
    }
  }

  /**
   * @param name run folder name, e.g. {@code avg-seed1}
   * @param variant the variant it belongs to (ablations compare variants), e.g. {@code avg}
   * @param seed its seed
   * @param dir its folder, relative to the experiment folder
   * @param configHash hash of its effective configuration
   * @param reused true when a finished run with the same hash was reused instead of rerun
   * @param outputs files it wrote besides the standard ones, relative to its folder
   */
  public record RunRecord(
      String name, String variant, long seed, String dir, String configHash, boolean reused, List<String> outputs) {}
}
