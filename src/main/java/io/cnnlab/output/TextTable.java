package io.cnnlab.output;

import java.util.List;

/**
 * A table of strings with a header: printed on the console, rendered into PDFs, written as CSV.
 *
 * @param title shown above the table in PDFs
 * @param header column names
 * @param rows each as long as the header
 */
public record TextTable(String title, List<String> header, List<List<String>> rows) {
  public TextTable {
    header = List.copyOf(header);
    rows = rows.stream().map(List::copyOf).toList();
    for (int r = 0; r < rows.size(); r++) {
      if (rows.get(r).size() != header.size()) {
        throw new IllegalArgumentException(
            "table '" + title + "': row " + r + " has " + rows.get(r).size() + " cells for " + header.size() + " columns");
      }
    }
  }
}
