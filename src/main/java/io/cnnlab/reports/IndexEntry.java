package io.cnnlab.reports;

import java.nio.file.Path;

/**
 * One experiment in {@code reports/index.md} and {@code index.pdf}.
 *
 * @param verdict e.g. "reproduced"; null or empty shows as "-"
 * @param thumbnail PNG shown in the index; null for none
 * @param report the experiment's report.pdf
 */
public record IndexEntry(String experimentId, String title, String verdict, Path thumbnail, Path report) {}
