package io.cnnlab.reports.pdf;

import com.lowagie.text.DocumentException;
import com.lowagie.text.Image;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/** Images encoded in memory for embedding in PDFs: PNG for drawn figures, JPEG for photographs. */
final class ImageBytes {
  private ImageBytes() {}

  /** {@code image} as a PDF image at its pixel size: a JPEG of {@code quality} for photographs, else a PNG. */
  static Image pdf(BufferedImage image, boolean photographic, float quality) throws IOException {
    try {
      Image pdfImage = Image.getInstance(photographic ? jpeg(image, quality) : png(image));
      pdfImage.scaleAbsolute(image.getWidth(), image.getHeight());
      return pdfImage;
    } catch (DocumentException e) {
      throw new IOException("cannot embed a " + image.getWidth() + "x" + image.getHeight() + " image in a PDF: "
          + e.getMessage(), e);
    }
  }

  static byte[] png(BufferedImage image) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(image, "png", out);
    return out.toByteArray();
  }

  /** JPEG of {@code quality} in (0, 1]; transparent parts become white (JPEG has no alpha). */
  static byte[] jpeg(BufferedImage image, float quality) throws IOException {
    BufferedImage rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
    Graphics2D g = rgb.createGraphics();
    try {
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, rgb.getWidth(), rgb.getHeight());
      g.drawImage(image, 0, 0, null);
    } finally {
      g.dispose();
    }
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
      writer.setOutput(stream);
      ImageWriteParam param = writer.getDefaultWriteParam();
      param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      param.setCompressionQuality(quality);
      writer.write(null, new IIOImage(rgb, null, null), param);
    } finally {
      writer.dispose();
    }
    return out.toByteArray();
  }
}
