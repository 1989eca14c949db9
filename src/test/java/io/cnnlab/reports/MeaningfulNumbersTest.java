package io.cnnlab.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cnnlab.reports.charts.SweepOverview;
import io.cnnlab.reports.pdf.PdfTestSupport;
import io.cnnlab.reports.site.SiteWriter;
import io.cnnlab.runs.ExperimentRecord;
import io.cnnlab.runs.ExperimentRecord.Status;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The numbers of the verdicts, bundles and site keep their meaning, on records made by hand as conv-1x1 and
 * edge-detection write them: a difference of 5.7e-6 against a band of [0, 1e-4] is not rounded to 0.0000, a rate
 * carries its unit, a value with no band is not placed on a scale, and twelve photos' contact sheets fit a few pages.
 */
class MeaningfulNumbersTest {
  @TempDir Path tmp;

  private static ExperimentRecord conv1x1() {
    return new ExperimentRecord("conv-1x1", "1x1 convolution", "conv-1x1", null, List.of(), false,
        new ExperimentRecord.Reference("float32 rounding only", "max_abs_diff", 0, 1.0e-4, null),
        new ExperimentRecord.Verdict(Status.REPRODUCED, 5.7220458984375e-6, null, 0.0, "inside [0, 0.0001]",
            "max_abs_diff"),
        List.of(new ExperimentRecord.RunRecord("main-seed1", "main", 1, "main-seed1", "h", false, List.of())),
        List.of(), Map.of());
  }

  /** Edge detection measured at 41.6602 megapixels/s, its run listing {@code sheets} contact sheets. */
  private static ExperimentRecord edges(List<String> sheets) {
    return new ExperimentRecord("edge-detection", "Prewitt and Sobel edge detection", "edges", "photos", List.of(),
        false, null, new ExperimentRecord.Verdict(Status.MEASURED, 41.6602, null, null, "megapixels_per_second: main"
            + " 41.66", "megapixels_per_second"),
        List.of(new ExperimentRecord.RunRecord("main-seed1", "main", 1, "main-seed1", "h", false, sheets)),
        List.of("edges"), Map.of());
  }

  @Test
  void verdictsKeepSmallValuesAndGiveUnits() {
    assertEquals("reproduced: max_abs_diff 5.722e-6, within [0, 1e-4]; inside [0, 0.0001]",
        ExperimentText.verdict(conv1x1()));
    assertEquals("measured: 41.66 megapixels/s; megapixels_per_second: main 41.66",
        ExperimentText.verdict(edges(List.of())));
  }

  @Test
  void theBundleAndTheSiteRowShowThemToo() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("conv-1x1"));
    new BundleRenderer().renderExperiment(dir, conv1x1());
    String pdf = PdfTestSupport.text(dir.resolve("report.pdf")).replaceAll("\\s+", " ");
    assertTrue(pdf.contains("max_abs_diff 5.722e-6, within [0, 1e-4]"), pdf);
    assertFalse(pdf.contains("0.0000"), pdf);

    SiteWriter.write(tmp, "sweep", List.of(conv1x1(), edges(List.of())));
    String html = Files.readString(tmp.resolve("index.html"));
    assertTrue(html.contains("max_abs_diff 5.722e-6</td><td class=\"num\">[0, 1e-4]</td>"), html);
    assertTrue(html.contains("41.66 megapixels/s"), html);
    assertFalse(html.contains("0.000 to 0.000"), html);
  }

  @Test
  void aMeasuredValueWithoutABandIsWrittenNotPlacedOnAnEmptyScale() {
    Color measured = SweepOverview.statusColor("measured");
    SweepOverview.Row alone = new SweepOverview.Row("edge-detection", "megapixels_per_second", "measured", 41.6602,
        null, null, false);
    SweepOverview.Row seeds = new SweepOverview.Row("seeds", "test_accuracy", "measured", 0.79,
        new SweepOverview.Interval(0.78, 0.80), null, false);
    assertFalse(hasDot(new SweepOverview("t", List.of(alone)), measured), "no dot without a band or a spread");
    assertTrue(hasDot(new SweepOverview("t", List.of(seeds)), measured), "a dot among its seeds' spread");
  }

  /** Whether the chart has a 7x7 block of {@code colour}: the measured value's dot (text strokes are thinner). */
  private static boolean hasDot(SweepOverview chart, Color colour) {
    BufferedImage image = new BufferedImage(1200, chart.height(), BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    chart.draw(g, new Rectangle2D.Double(0, 0, image.getWidth(), image.getHeight()));
    g.dispose();
    for (int y = 0; y + 7 <= image.getHeight(); y++) {
      for (int x = 0; x + 7 <= image.getWidth(); x++) {
        if (block(image, x, y, colour.getRGB())) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean block(BufferedImage image, int x0, int y0, int rgb) {
    for (int y = y0; y < y0 + 7; y++) {
      for (int x = x0; x < x0 + 7; x++) {
        if (image.getRGB(x, y) != rgb) {
          return false;
        }
      }
    }
    return true;
  }

  @Test
  void twelvePhotosContactSheetsShareAFewPages() throws IOException {
    Path dir = tmp.resolve("edge-detection");
    Path run = Files.createDirectories(dir.resolve("main-seed1"));
    List<String> sheets = new ArrayList<>();
    for (int photo = 0; photo < 12; photo++) {
      for (String operator : List.of("prewitt", "sobel")) {
        String name = "photo" + photo + "-" + operator + "-sheet.png";
        // The size of the sheets edge-detection writes: six panels of a 2560x1600 photo at a quarter size.
        ImageIO.write(new BufferedImage(1984, 944, BufferedImage.TYPE_INT_RGB), "png", run.resolve(name).toFile());
        sheets.add(name);
      }
    }
    new BundleRenderer().renderExperiment(dir, edges(sheets));
    Path pdf = dir.resolve("report.pdf");
    int pages = PdfTestSupport.pages(pdf);
    assertTrue(pages <= 6, "pages: " + pages);
    assertEquals(List.of("jpg", "jpg"), PdfTestSupport.imageSuffixes(pdf, 2).subList(0, 2), "several to a page");
    String text = PdfTestSupport.text(pdf);
    assertEquals(1, text.split("edges-photo3-sobel-sheet.png", -1).length - 1, "each caption once:\n" + text);
  }
}
