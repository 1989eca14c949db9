package io.cnnlab.image;

import io.cnnlab.ops.edges.EdgeMaps;
import io.cnnlab.ops.edges.Orientation;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Pictures of one photo's {@link EdgeMaps}. The four orientation maps share one display scale, so their
 * brightness can be compared (a photo of vertical stems shows a bright vertical map and a dim horizontal
 * one); the combined map has its own. Both scales are {@link EdgeDisplay#PERCENTILE}th percentiles of
 * |response|.
 *
 * <p>On the contact sheet, large maps are shrunk by keeping each block's largest |response| and the scales
 * are taken again on the shrunk maps: the block maximum lifts the noise floor of flat areas, and a scale
 * from the full-size map would print that noise as gray haze.
 */
public final class EdgeFigures {
  /** Largest panel on a contact sheet; larger photos are shrunk by an integer factor. */
  public static final int PANEL_WIDTH = 640;

  /** Largest panel height on a contact sheet. */
  public static final int PANEL_HEIGHT = 480;

  private final EdgeMaps maps;

  public EdgeFigures(EdgeMaps maps) {
    this.maps = maps;
  }

  /** |response| that prints white in the full-size orientation pictures. */
  public float orientationScale() {
    float[][] all = new float[Orientation.values().length][];
    for (Orientation o : Orientation.values()) {
      all[o.ordinal()] = maps.response(o);
    }
    return EdgeDisplay.percentileAbs(EdgeDisplay.PERCENTILE, all);
  }

  /** Combined strength that prints white in the full-size combined picture. */
  public float combinedScale() {
    return EdgeDisplay.percentileAbs(EdgeDisplay.PERCENTILE, maps.combined());
  }

  /** The full-size picture of each orientation's |response|. */
  public Map<Orientation, BufferedImage> orientations() {
    float scale = orientationScale();
    Map<Orientation, BufferedImage> out = new EnumMap<>(Orientation.class);
    for (Orientation o : Orientation.values()) {
      out.put(o, EdgeDisplay.render(maps.response(o), maps.width(), maps.height(), scale));
    }
    return out;
  }

  /** The full-size picture of the combined edge strength. */
  public BufferedImage combined() {
    return EdgeDisplay.render(maps.combined(), maps.width(), maps.height(), combinedScale());
  }

  /**
   * The contact sheet titled {@code name}: the {@code original} photo, the four orientations and the
   * combined map, 3 x 2, each labelled; panels at most {@value #PANEL_WIDTH} x {@value #PANEL_HEIGHT}.
   */
  public BufferedImage sheet(String name, BufferedImage original) {
    int k = Downscale.factor(maps.width(), maps.height(), PANEL_WIDTH, PANEL_HEIGHT);
    int w = (maps.width() + k - 1) / k;
    int h = (maps.height() + k - 1) / k;
    List<float[]> shrunk = new ArrayList<>();
    for (Orientation o : Orientation.values()) {
      shrunk.add(Downscale.maxAbs(maps.response(o), maps.width(), maps.height(), k));
    }
    float scale = EdgeDisplay.percentileAbs(EdgeDisplay.PERCENTILE, shrunk.toArray(new float[0][]));
    float[] combined = Downscale.maxAbs(maps.combined(), maps.width(), maps.height(), k);
    float combinedScale = EdgeDisplay.percentileAbs(EdgeDisplay.PERCENTILE, combined);

    List<ContactSheet.Panel> panels = new ArrayList<>();
    panels.add(new ContactSheet.Panel("original", Downscale.average(original, k)));
    for (Orientation o : Orientation.values()) {
      panels.add(new ContactSheet.Panel(o.title(), EdgeDisplay.render(shrunk.get(o.ordinal()), w, h, scale)));
    }
    panels.add(new ContactSheet.Panel(String.format(Locale.ROOT, "combined: %s (white \u2265 %.0f)",
        ruleText(), combinedScale), EdgeDisplay.render(combined, w, h, combinedScale)));
    String title = String.format(Locale.ROOT, "%s  %dx%d  %s   white: |r| \u2265 %.0f%s",
        name, maps.width(), maps.height(), maps.operator().title(), scale,
        k > 1 ? "   (panels 1/" + k + " size, " + k + "x" + k + " block max)" : "");
    return ContactSheet.compose(title, panels, 3);
  }

  private String ruleText() {
    switch (maps.rule()) {
      case MAX:
        return "max of |r|";
      case L2:
        return "sqrt of sum of r\u00b2";
      default:
        throw new AssertionError(maps.rule());
    }
  }
}
