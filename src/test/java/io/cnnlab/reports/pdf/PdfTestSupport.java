package io.cnnlab.reports.pdf;

import java.io.IOException;
import java.nio.file.Path;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.graphics.PDXObject;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.text.PDFTextStripper;

/** Reads PDFs back with PDFBox, a library independent of the one that wrote them. */
public final class PdfTestSupport {
  private PdfTestSupport() {}

  public static int pages(Path pdf) throws IOException {
    try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
      return doc.getNumberOfPages();
    }
  }

  /** Text of pages {@code first..last} (1-based, inclusive). */
  public static String text(Path pdf, int first, int last) throws IOException {
    try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
      PDFTextStripper stripper = new PDFTextStripper();
      stripper.setStartPage(first);
      stripper.setEndPage(last);
      return stripper.getText(doc);
    }
  }

  public static String text(Path pdf) throws IOException {
    return text(pdf, 1, Integer.MAX_VALUE);
  }

  /** Raster images drawn on page {@code page} (1-based), looking inside form XObjects too. */
  public static int rasterImages(Path pdf, int page) throws IOException {
    try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
      return countImages(doc.getPage(page - 1).getResources(), 0);
    }
  }

  /** File suffixes PDFBox gives the raster images on page {@code page} ("jpg" for DCT-encoded, "png"...). */
  public static java.util.List<String> imageSuffixes(Path pdf, int page) throws IOException {
    try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
      java.util.List<String> out = new java.util.ArrayList<>();
      collectSuffixes(doc.getPage(page - 1).getResources(), 0, out);
      return out;
    }
  }

  private static void collectSuffixes(PDResources resources, int depth, java.util.List<String> out) throws IOException {
    if (resources == null || depth > 5) {
      return;
    }
    for (COSName name : resources.getXObjectNames()) {
      PDXObject x = resources.getXObject(name);
      if (x instanceof PDImageXObject image) {
        out.add(image.getSuffix());
      } else if (x instanceof PDFormXObject form) {
        collectSuffixes(form.getResources(), depth + 1, out);
      }
    }
  }

  private static int countImages(PDResources resources, int depth) throws IOException {
    if (resources == null || depth > 5) {
      return 0;
    }
    int n = 0;
    for (COSName name : resources.getXObjectNames()) {
      PDXObject x = resources.getXObject(name);
      if (x instanceof PDImageXObject) {
        n++;
      } else if (x instanceof PDFormXObject form) {
        n += countImages(form.getResources(), depth + 1);
      }
    }
    return n;
  }

  /** Number of vector form XObjects (where figures live) on a page. */
  static int forms(Path pdf, int page) throws IOException {
    try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
      PDResources resources = doc.getPage(page - 1).getResources();
      int n = 0;
      for (COSName name : resources.getXObjectNames()) {
        if (resources.getXObject(name) instanceof PDFormXObject) {
          n++;
        }
      }
      return n;
    }
  }
}
