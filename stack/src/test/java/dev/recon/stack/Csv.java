package dev.recon.stack;

import java.util.ArrayList;
import java.util.List;

/**
 * RFC 4180 CSV as Python's csv module reads it: quoted fields may hold commas, doubled quotes and
 * line breaks; a leading BOM is dropped.
 */
final class Csv {
  private Csv() {}

  static List<List<String>> parse(String text) {
    String s = text.startsWith("\uFEFF") ? text.substring(1) : text;
    List<List<String>> rows = new ArrayList<>();
    List<String> row = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    boolean rowStarted = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < s.length() && s.charAt(i + 1) == '"') {
          field.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          field.append(c);
        }
        continue;
      }
      switch (c) {
        case '"' -> {
          quoted = true;
          rowStarted = true;
        }
        case ',' -> {
          row.add(field.toString());
          field.setLength(0);
          rowStarted = true;
        }
        case '\r', '\n' -> {
          if (c == '\r' && i + 1 < s.length() && s.charAt(i + 1) == '\n') {
            i++;
          }
          if (rowStarted || field.length() > 0) {
            row.add(field.toString());
            rows.add(row);
          } else {
            rows.add(List.of());
          }
          row = new ArrayList<>();
          field.setLength(0);
          rowStarted = false;
        }
        default -> {
          field.append(c);
          rowStarted = true;
        }
      }
    }
    if (rowStarted || field.length() > 0) {
      row.add(field.toString());
      rows.add(row);
    }
    return rows;
  }
}
