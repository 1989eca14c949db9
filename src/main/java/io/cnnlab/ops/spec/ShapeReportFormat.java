package io.cnnlab.ops.spec;

import io.cnnlab.ops.shape.ActivationShape.Spatial;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/** Renders a {@link ShapeReport} as an aligned text table or as CSV. */
public final class ShapeReportFormat {
  private ShapeReportFormat() {}

  /** CSV columns, in order. */
  public static final String[] CSV_HEADER = {
    "index", "layer", "implied", "output", "height", "width", "channels", "parameters", "macs"
  };

  /**
   * An aligned table: one row per layer (implied layers marked {@code *}), then the totals. MACs are per
   * example.
   */
  public static String table(ShapeReport report) {
    int width = "layer".length();
    for (LayerRow row : report.rows()) {
      width = Math.max(width, row.layer().length() + (row.implied() ? 2 : 0));
    }
    String line = "%3s  %-" + width + "s  %-12s %14s %16s%n";
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, line, "#", "layer", "output", "parameters", "MACs/example"));
    sb.append(String.format(Locale.ROOT, line, "", "input", report.input(), "", ""));
    for (LayerRow row : report.rows()) {
      sb.append(String.format(Locale.ROOT, line, row.index(), row.layer() + (row.implied() ? " *" : ""),
          row.output(), grouped(row.parameters()), grouped(row.macs())));
    }
    sb.append(String.format(Locale.ROOT, line, "", "total", report.output(), grouped(report.totalParameters()),
        grouped(report.totalMacs())));
    if (report.rows().stream().anyMatch(LayerRow::implied)) {
      sb.append("* implied: a dense layer flattens its feature-map input first\n");
    }
    return sb.toString().replaceAll(" +\n", "\n");
  }

  /** CSV with {@link #CSV_HEADER}; a final row {@code total} holds the totals. Flat outputs leave height/width/channels empty. */
  public static String csv(ShapeReport report) {
    StringBuilder sb = new StringBuilder();
    try (CSVPrinter csv = new CSVPrinter(sb, CSVFormat.DEFAULT.builder().setHeader(CSV_HEADER).get())) {
      for (LayerRow row : report.rows()) {
        boolean spatial = row.output() instanceof Spatial;
        Spatial s = spatial ? (Spatial) row.output() : null;
        csv.printRecord(row.index(), row.layer(), row.implied(), row.output(),
            spatial ? s.height() : "", spatial ? s.width() : "", spatial ? s.channels() : "",
            row.parameters(), row.macs());
      }
      csv.printRecord("", "total", false, report.output(), "", "", "", report.totalParameters(), report.totalMacs());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return sb.toString();
  }

  private static String grouped(long value) {
    return String.format(Locale.ROOT, "%,d", value);
  }
}
