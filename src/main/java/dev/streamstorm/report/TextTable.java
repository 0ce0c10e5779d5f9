package dev.streamstorm.report;

import java.util.ArrayList;
import java.util.List;

/** A plain-text table: first column left-aligned, the others right-aligned. */
final class TextTable {
  private final List<String[]> rows = new ArrayList<>();

  TextTable row(String... cells) {
    rows.add(cells);
    return this;
  }

  boolean isEmpty() {
    return rows.size() <= 1;
  }

  String render(String indent) {
    int cols = rows.stream().mapToInt(r -> r.length).max().orElse(0);
    int[] width = new int[cols];
    for (String[] r : rows) {
      for (int i = 0; i < r.length; i++) {
        width[i] = Math.max(width[i], r[i].length());
      }
    }
    StringBuilder sb = new StringBuilder();
    for (String[] r : rows) {
      sb.append(indent);
      for (int i = 0; i < r.length; i++) {
        if (i == 0) {
          sb.append(pad(r[i], width[i], false));
        } else {
          sb.append("  ").append(pad(r[i], width[i], true));
        }
      }
      sb.append(System.lineSeparator());
    }
    return sb.toString().replaceAll(" +(\\R)", "$1");
  }

  private static String pad(String s, int w, boolean right) {
    String spaces = " ".repeat(Math.max(0, w - s.length()));
    return right ? spaces + s : s + spaces;
  }
}
