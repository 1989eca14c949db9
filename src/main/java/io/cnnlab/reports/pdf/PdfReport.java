package io.cnnlab.reports.pdf;

import com.lowagie.text.Chunk;
import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.HeaderFooter;
import com.lowagie.text.Image;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.Rectangle;
import com.lowagie.text.pdf.PdfAction;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfTemplate;
import com.lowagie.text.pdf.PdfWriter;
import io.cnnlab.output.Figure;
import io.cnnlab.output.TextTable;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A multi-page A4 PDF built top to bottom: a title page with settings, sections, vector figures (charts
 * and heat maps stay vector through OpenPDF's {@code PdfGraphics2D}), tables and raster images scaled to
 * the page. Text is searchable: Helvetica for the document, the charts' own font inside figures ({@link
 * PdfFontMapper}).
 */
public final class PdfReport implements Closeable {
  /** Figures are drawn on a canvas this many points wide, then scaled to the page (vector, no loss). */
  private static final float FIGURE_CANVAS_WIDTH = 720f;

  private static final Font TITLE = new Font(Font.HELVETICA, 24, Font.BOLD);
  private static final Font SUBTITLE = new Font(Font.HELVETICA, 13, Font.NORMAL, Color.DARK_GRAY);
  private static final Font HEADING = new Font(Font.HELVETICA, 16, Font.BOLD);
  private static final Font NOTICE = new Font(Font.HELVETICA, 16, Font.BOLD, new Color(190, 20, 20));
  private static final Font BODY = new Font(Font.HELVETICA, 10, Font.NORMAL);
  private static final Font CAPTION = new Font(Font.HELVETICA, 9, Font.ITALIC, Color.DARK_GRAY);
  private static final Font CELL = new Font(Font.HELVETICA, 8.5f, Font.NORMAL);
  private static final Font HEADER_CELL = new Font(Font.HELVETICA, 8.5f, Font.BOLD);
  private static final Font LINK = new Font(Font.HELVETICA, 8.5f, Font.UNDERLINE, new Color(0, 70, 170));

  private final Path file;
  private final OutputStream out;
  private final Document document;
  private final PdfWriter writer;

  private PdfReport(Path file, OutputStream out, Document document, PdfWriter writer) {
    this.file = file;
    this.out = out;
    this.document = document;
    this.writer = writer;
  }

  /**
   * Starts a PDF at {@code file} (parent folders created).
   *
   * @param footer text at the foot of every page, before the page number
   */
  public static PdfReport create(Path file, String footer) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    OutputStream out = Files.newOutputStream(file);
    Document document = new Document(PageSize.A4, 48, 48, 48, 48);
    try {
      PdfWriter writer = PdfWriter.getInstance(document, out);
      // Keep images where they are added instead of letting later text overtake them.
      writer.setStrictImageSequence(true);
      HeaderFooter foot = new HeaderFooter(new Phrase(footer + "  \u2014  page ", CAPTION), true);
      foot.setAlignment(Element.ALIGN_CENTER);
      foot.setBorder(Rectangle.NO_BORDER);
      document.setFooter(foot);
      document.addTitle(footer);
      document.addCreator("cnnlab");
      document.open();
      return new PdfReport(file, out, document, writer);
    } catch (DocumentException e) {
      out.close();
      throw new IOException("cannot start PDF " + file + ": " + e.getMessage(), e);
    }
  }

  /** The title page: title, subtitle, verdict (omitted when null) and a two-column settings table. */
  public PdfReport titlePage(String title, String subtitle, String verdict, Map<String, String> settings) throws IOException {
    return titlePage(title, subtitle, null, verdict, settings);
  }

  /**
   * The title page with a warning under the subtitle in bold red (e.g. that the numbers come from a smoke
   * run); {@code notice} and {@code verdict} are omitted when null.
   */
  public PdfReport titlePage(String title, String subtitle, String notice, String verdict, Map<String, String> settings)
      throws IOException {
    add(new Paragraph(title, TITLE));
    Paragraph sub = new Paragraph(subtitle, SUBTITLE);
    sub.setSpacingAfter(14);
    add(sub);
    if (notice != null) {
      Paragraph n = new Paragraph(notice, NOTICE);
      n.setSpacingAfter(14);
      add(n);
    }
    if (verdict != null) {
      Paragraph v = new Paragraph();
      v.add(new Chunk("Verdict: ", HEADING));
      v.add(new Chunk(verdict, new Font(Font.HELVETICA, 16, Font.NORMAL)));
      v.setSpacingAfter(14);
      add(v);
    }
    if (!settings.isEmpty()) {
      table(new TextTable("Settings", List.of("setting", "value"),
          settings.entrySet().stream().map(e -> List.of(e.getKey(), e.getValue())).toList()));
    }
    return this;
  }

  /** Starts a new page headed {@code heading}. */
  public PdfReport section(String heading) throws IOException {
    document.newPage();
    Paragraph p = new Paragraph(heading, HEADING);
    p.setSpacingAfter(8);
    add(p);
    return this;
  }

  /** A heading on the current page (no page break): parts of a short bundle share pages. */
  public PdfReport heading(String heading) throws IOException {
    Paragraph p = new Paragraph(heading, new Font(Font.HELVETICA, 13, Font.BOLD));
    p.setSpacingBefore(4);
    p.setSpacingAfter(4);
    add(p);
    return this;
  }

  /** Starts a new page (nothing happens on a page that is still empty). */
  public PdfReport newPage() {
    document.newPage();
    return this;
  }

  public PdfReport paragraph(String text) throws IOException {
    Paragraph p = new Paragraph(text, BODY);
    p.setSpacingAfter(6);
    add(p);
    return this;
  }

  /**
   * A vector figure as wide as the text column, {@code aspect} = width / height, with a caption below;
   * moves to a new page when the rest of this one is too short.
   */
  public PdfReport figure(Figure figure, double aspect, String caption) throws IOException {
    return figure(figure, aspect, caption, 1f);
  }

  /** As {@link #figure(Figure, double, String)}, at most {@code pageShare} of the page's height tall. */
  public PdfReport figure(Figure figure, double aspect, String caption, float pageShare) throws IOException {
    placeScaled(vector(figure, aspect, caption), caption, pageShare);
    return this;
  }

  /**
   * Vector figures side by side, {@code columns} to a row, each with its caption under it; a row is kept on
   * one page. Several variants' charts share a page this way.
   */
  public PdfReport figureGrid(List<Figure> figures, double aspect, List<String> captions, int columns) throws IOException {
    List<Image> images = new ArrayList<>();
    for (int i = 0; i < figures.size(); i++) {
      images.add(vector(figures.get(i), aspect, captions.get(i)));
    }
    return grid(images, captions, columns);
  }

  /**
   * Raster images side by side, {@code columns} to a row, each with its caption under it (photographs as JPEG,
   * as {@link #image(BufferedImage, String, boolean)}): a sweep's contact sheets several to a page.
   */
  public PdfReport imageGrid(List<BufferedImage> images, List<String> captions, int columns, boolean photographic)
      throws IOException {
    List<Image> pdfImages = new ArrayList<>();
    for (int i = 0; i < images.size(); i++) {
      pdfImages.add(ImageBytes.pdf(images.get(i), photographic, JPEG_QUALITY));
    }
    return grid(pdfImages, captions, columns);
  }

  private PdfReport grid(List<Image> images, List<String> captions, int columns) throws IOException {
    PdfPTable grid = new PdfPTable(columns);
    grid.setWidthPercentage(100);
    grid.setSpacingAfter(8);
    for (int i = 0; i < images.size() + (columns - images.size() % columns) % columns; i++) {
      PdfPCell cell = new PdfPCell();
      cell.setBorder(Rectangle.NO_BORDER);
      cell.setPadding(3);
      if (i < images.size()) {
        images.get(i).setWidthPercentage(100);
        cell.addElement(images.get(i));
        Paragraph caption = new Paragraph(captions.get(i), CAPTION);
        caption.setAlignment(Element.ALIGN_CENTER);
        cell.addElement(caption);
      }
      grid.addCell(cell);
    }
    add(grid);
    return this;
  }

  /** {@code figure} drawn as vectors on a canvas {@value #FIGURE_CANVAS_WIDTH} points wide. */
  private Image vector(Figure figure, double aspect, String caption) throws IOException {
    float w = FIGURE_CANVAS_WIDTH;
    float h = (float) (w / aspect);
    PdfTemplate template = writer.getDirectContent().createTemplate(w, h);
    Graphics2D g = template.createGraphics(w, h, new PdfFontMapper());
    try {
      figure.draw(g, new Rectangle2D.Double(0, 0, w, h));
    } finally {
      g.dispose();
    }
    try {
      return Image.getInstance(template);
    } catch (DocumentException e) {
      throw new IOException("cannot add figure '" + caption + "' to " + file + ": " + e.getMessage(), e);
    }
  }

  /** JPEG quality of photographic images. */
  static final float JPEG_QUALITY = 0.85f;

  /** A raster image (feature maps, contact sheets) scaled to fit the page, never enlarged beyond 2x. */
  public PdfReport image(BufferedImage image, String caption) throws IOException {
    return image(image, caption, false);
  }

  /**
   * As {@link #image(BufferedImage, String)}; with {@code photographic} the image is embedded as a JPEG of
   * quality {@value #JPEG_QUALITY} (photos take a tenth of their PNG size), otherwise losslessly.
   */
  public PdfReport image(BufferedImage image, String caption, boolean photographic) throws IOException {
    return image(image, caption, photographic, 1f);
  }

  /** As {@link #image(BufferedImage, String, boolean)}, at most {@code pageShare} of the page's height tall. */
  public PdfReport image(BufferedImage image, String caption, boolean photographic, float pageShare) throws IOException {
    Image pdfImage = ImageBytes.pdf(image, photographic, JPEG_QUALITY);
    float cap = Math.min(2f, (document.right() - document.left()) / image.getWidth());
    pdfImage.scaleAbsolute(image.getWidth() * cap, image.getHeight() * cap);
    placeScaled(pdfImage, caption, pageShare);
    return this;
  }

  private void placeScaled(Image image, String caption, float pageShare) throws IOException {
    float width = document.right() - document.left();
    float pageHeight = (document.top() - document.bottom() - 60) * Math.max(0.1f, Math.min(1f, pageShare));
    float scaledW = Math.min(width, image.getScaledWidth());
    float scaledH = image.getScaledHeight() * scaledW / image.getScaledWidth();
    if (scaledH > pageHeight) {
      scaledW *= pageHeight / scaledH;
      scaledH = pageHeight;
    }
    image.scaleAbsolute(scaledW, scaledH);
    // Figure and caption in one borderless table kept together: both move to the next page when the rest
    // of this one is too short, and a caption never lands alone on a page.
    PdfPTable box = new PdfPTable(1);
    box.setWidthPercentage(100);
    box.setKeepTogether(true);
    box.setSpacingAfter(10);
    PdfPCell picture = new PdfPCell(image, false);
    picture.setBorder(Rectangle.NO_BORDER);
    picture.setHorizontalAlignment(Element.ALIGN_CENTER);
    picture.setPadding(0);
    box.addCell(picture);
    if (caption != null && !caption.isEmpty()) {
      PdfPCell text = new PdfPCell(new Phrase(caption, CAPTION));
      text.setBorder(Rectangle.NO_BORDER);
      text.setHorizontalAlignment(Element.ALIGN_CENTER);
      text.setPaddingTop(4);
      box.addCell(text);
    }
    add(box);
  }

  /** A table with its title above, header row repeated on every page it spans. */
  public PdfReport table(TextTable table) throws IOException {
    if (table.title() != null && !table.title().isEmpty()) {
      Paragraph p = new Paragraph(table.title(), new Font(Font.HELVETICA, 11, Font.BOLD));
      p.setSpacingBefore(6);
      p.setSpacingAfter(4);
      add(p);
    }
    PdfPTable pdf = new PdfPTable(columnWidths(table));
    pdf.setWidthPercentage(100);
    pdf.setHeaderRows(1);
    pdf.setSpacingAfter(10);
    for (String name : table.header()) {
      PdfPCell cell = new PdfPCell(new Phrase(name, HEADER_CELL));
      cell.setBackgroundColor(new Color(225, 230, 238));
      pdf.addCell(cell);
    }
    for (List<String> row : table.rows()) {
      for (String value : row) {
        pdf.addCell(new PdfPCell(new Phrase(value, CELL)));
      }
    }
    add(pdf);
    return this;
  }

  /** Relative column widths from the longest text in each column, bounded so no column vanishes or dominates. */
  private static float[] columnWidths(TextTable table) {
    float[] widths = new float[table.header().size()];
    for (int c = 0; c < widths.length; c++) {
      int longest = table.header().get(c).length();
      for (List<String> row : table.rows()) {
        longest = Math.max(longest, row.get(c).length());
      }
      widths[c] = Math.max(4, Math.min(36, longest));
    }
    return widths;
  }

  /**
   * A table whose cells may link to other files: {@code links} gives, per row, the relative path a cell
   * of column {@code linkColumn} opens (null for none); thumbnails (null for none) fill column {@code
   * imageColumn}, whose header cell stays as given; {@code widths} are relative column widths.
   */
  public PdfReport linkedTable(
      TextTable table, float[] widths, int linkColumn, List<String> links, int imageColumn, List<Path> thumbnails)
      throws IOException {
    PdfPTable pdf = new PdfPTable(widths);
    pdf.setWidthPercentage(100);
    pdf.setHeaderRows(1);
    for (String name : table.header()) {
      PdfPCell cell = new PdfPCell(new Phrase(name, HEADER_CELL));
      cell.setBackgroundColor(new Color(225, 230, 238));
      pdf.addCell(cell);
    }
    for (int r = 0; r < table.rows().size(); r++) {
      List<String> row = table.rows().get(r);
      for (int c = 0; c < row.size(); c++) {
        PdfPCell cell;
        if (c == imageColumn && thumbnails.get(r) != null && Files.isRegularFile(thumbnails.get(r))) {
          try {
            Image thumb = Image.getInstance(Files.readAllBytes(thumbnails.get(r)));
            thumb.scaleToFit(120, 80);
            cell = new PdfPCell(thumb, false);
            cell.setPadding(3);
          } catch (DocumentException e) {
            throw new IOException("cannot read thumbnail " + thumbnails.get(r) + ": " + e.getMessage(), e);
          }
        } else if (c == linkColumn && links.get(r) != null) {
          Chunk chunk = new Chunk(row.get(c), LINK);
          chunk.setAction(new PdfAction(links.get(r), 1));
          cell = new PdfPCell(new Phrase(chunk));
        } else {
          cell = new PdfPCell(new Phrase(row.get(c), CELL));
        }
        pdf.addCell(cell);
      }
    }
    add(pdf);
    return this;
  }

  private void add(Element element) throws IOException {
    try {
      document.add(element);
    } catch (DocumentException e) {
      throw new IOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  /** The file being written. */
  public Path file() {
    return file;
  }

  /** Finishes the PDF and closes the file. */
  @Override
  public void close() throws IOException {
    if (document.isOpen()) {
      document.close();
    }
    out.close();
  }
}
