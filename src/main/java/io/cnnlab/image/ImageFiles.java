package io.cnnlab.image;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/** Reads JPEG/PNG photos and writes PNG images with {@code javax.imageio}. */
public final class ImageFiles {
  private ImageFiles() {}

  /** True when {@code file}'s name ends in .jpg, .jpeg or .png (any case). */
  public static boolean isImageName(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    return name.endsWith(".jpg") || name.endsWith(".jpeg") || name.endsWith(".png");
  }

  /** The JPEG and PNG files directly in {@code dir}, sorted by file name. */
  public static List<Path> list(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(Files::isRegularFile).filter(ImageFiles::isImageName)
          .sorted().collect(Collectors.toList());
    }
  }

  /** {@code file}'s name without its extension: {@code Dune.jpg} gives {@code Dune}. */
  public static String stem(Path file) {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot > 0 ? name.substring(0, dot) : name;
  }

  /**
   * Decodes {@code file}.
   *
   * @throws IOException naming the file when it cannot be read or is not a JPEG/PNG image
   */
  public static BufferedImage read(Path file) throws IOException {
    BufferedImage image;
    try {
      image = ImageIO.read(file.toFile());
    } catch (IOException | RuntimeException e) {
      throw new IOException(file + ": not a readable JPEG or PNG image (" + e.getMessage() + ")", e);
    }
    if (image == null) {
      throw new IOException(file + ": not a readable JPEG or PNG image (no image decoder recognises its content)");
    }
    return image;
  }

  /** Writes {@code image} to {@code file} as PNG, creating parent folders. */
  public static void writePng(BufferedImage image, Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    if (!ImageIO.write(image, "png", file.toFile())) {
      throw new IOException(file + ": no PNG writer for image type " + image.getType());
    }
  }
}
