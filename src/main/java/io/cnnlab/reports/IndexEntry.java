package io.cnnlab.reports;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One experiment in {@code reports/index.md} and {@code index.pdf}.
 *
 * @param verdict e.g. "reproduced"; null or empty shows as "-"
 * @param thumbnail PNG shown in the index; null for none
 * @param report the experiment's report.pdf; null for none
 */
public record IndexEntry(String experimentId, String title, String verdict, Path thumbnail, Path report) {
  /** The bundle's PDF in its experiment folder. */
  static final String REPORT = "report.pdf";

  /** The bundle's thumbnail in its experiment folder. */
  static final String THUMBNAIL = "thumbnail.png";

  /**
   * The entry of the bundle in {@code experimentDir}, with its thumbnail and PDF where {@link BundleWriter}
   * wrote them (an experiment that was not run has neither).
   */
  static IndexEntry of(Path experimentDir, String experimentId, String title, String verdict) {
    Path thumbnail = experimentDir.resolve(THUMBNAIL);
    Path pdf = experimentDir.resolve(REPORT);
    return new IndexEntry(experimentId, title, verdict, Files.isRegularFile(thumbnail) ? thumbnail : null,
        Files.isRegularFile(pdf) ? pdf : null);
  }
}
