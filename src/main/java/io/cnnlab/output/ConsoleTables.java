package io.cnnlab.output;

import java.io.PrintStream;
import java.util.List;

/** Prints a {@link TextTable} with aligned columns: text left, numbers right. */
public final class ConsoleTables {
  private ConsoleTables() {}

  public static void print(TextTable table, PrintStream out) {
    int columns = table.header().size();
    int[] width = new int[columns];
    for (int c = 0; c < columns; c++) {
      width[c] = table.header().get(c).length();
      for (List<String> row : table.rows()) {
        width[c] = Math.max(width[c], row.get(c).length());
      }
    }
    out.println(table.title());
    out.println(line(table.header(), width, table.rows()));
    for (List<String> row : table.rows()) {
      out.println(line(row, width, table.rows()));
    }
    out.println();
  }

  private static String line(List<String> cells, int[] width, List<List<String>> rows) {
    StringBuilder sb = new StringBuilder();
    for (int c = 0; c < cells.size(); c++) {
      String cell = cells.get(c);
      boolean numeric = !rows.isEmpty() && isNumber(rows.get(0).get(c));
      String pad = " ".repeat(width[c] - cell.length());
      sb.append(c == 0 ? "" : "  ").append(numeric ? pad + cell : cell + pad);
    }
    return sb.toString().stripTrailing();
  }

  private static boolean isNumber(String s) {
    return s.matches("-?[0-9.]+(e[-+]?[0-9]+)?");
  }
}
