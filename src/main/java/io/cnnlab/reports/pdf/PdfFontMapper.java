package io.cnnlab.reports.pdf;

import com.lowagie.text.DocumentException;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.DefaultFontMapper;
import com.lowagie.text.pdf.FontMapper;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Chooses the PDF font for text that charts draw through {@code PdfGraphics2D}.
 *
 * <p>The charts lay text out with the metrics of the AWT font, which on Linux is DejaVu Sans for the
 * logical "SansSerif". Mapped to Helvetica, OpenPDF stretches the narrower Helvetica glyphs with extra
 * character spacing to fill the same widths ("1 0" for "10"). So sans-serif text is written in DejaVu
 * Sans itself (subset embedded, Unicode, searchable) when its TrueType files are found in the usual
 * places; otherwise OpenPDF's default mapping (Helvetica) is used.
 */
final class PdfFontMapper implements FontMapper {
  private static final List<Path> FOLDERS =
      List.of(
          Path.of("/usr/share/fonts/truetype/dejavu"),
          Path.of("/usr/share/fonts/dejavu-sans-fonts"),
          Path.of("/usr/share/fonts/TTF"),
          Path.of("/usr/share/fonts/dejavu"));

  private static final Map<Integer, BaseFont> CACHE = new ConcurrentHashMap<>();
  private final DefaultFontMapper fallback = new DefaultFontMapper();

  @Override
  public BaseFont awtToPdf(Font font) {
    String family = font.getFamily();
    boolean sans = Font.SANS_SERIF.equals(family) || Font.DIALOG.equals(family) || family.startsWith("DejaVu Sans");
    if (sans && !family.contains("Mono")) {
      int style = font.getStyle() & (Font.BOLD | Font.ITALIC);
      BaseFont dejaVu = CACHE.computeIfAbsent(style, PdfFontMapper::load);
      if (dejaVu != null) {
        return dejaVu;
      }
    }
    return fallback.awtToPdf(font);
  }

  @Override
  public Font pdfToAwt(BaseFont font, int size) {
    return fallback.pdfToAwt(font, size);
  }

  /** DejaVu Sans of the AWT style, or null when its file is not installed (computeIfAbsent stores nothing). */
  private static BaseFont load(int style) {
    String file =
        switch (style) {
          case Font.BOLD -> "DejaVuSans-Bold.ttf";
          case Font.ITALIC -> "DejaVuSans-Oblique.ttf";
          case Font.BOLD | Font.ITALIC -> "DejaVuSans-BoldOblique.ttf";
          default -> "DejaVuSans.ttf";
        };
    for (Path folder : FOLDERS) {
      Path path = folder.resolve(file);
      if (Files.isRegularFile(path)) {
        try {
          return BaseFont.createFont(path.toString(), BaseFont.IDENTITY_H, BaseFont.EMBEDDED);
        } catch (DocumentException | IOException e) {
          return null;
        }
      }
    }
    return null;
  }
}
