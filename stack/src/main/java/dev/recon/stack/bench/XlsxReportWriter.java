package dev.recon.stack.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes a report as a real {@code .xlsx} in one pass, like {@code gen_reports.py --xlsx-strings
 * inline}: amounts are number cells ({@code #,##0.00}), dates are date cells ({@code yyyy-mm-dd
 * hh:mm:ss}), every other value an inline string. Inline strings, because a shared string table
 * would have to be held whole until the sheet ends; the sheet is the last part of the archive so
 * that it can stream.
 */
final class XlsxReportWriter implements ReportSink {
  private static final String HEAD =
      "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
  private static final String NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
  private static final String REL_NS =
      "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
  private static final String PKG_NS =
      "http://schemas.openxmlformats.org/package/2006/relationships";
  private static final String CT = "application/vnd.openxmlformats-officedocument.spreadsheetml";
  // fixed entry times: the same seed gives the same bytes
  private static final LocalDateTime ZIP_TIME = LocalDateTime.of(1980, 1, 1, 0, 0);
  private static final int DATE_STYLE = 1;
  private static final int AMOUNT_STYLE = 2;

  private final ReportLayout layout;
  private final ZipOutputStream zip;
  private final Writer sheet;
  private final String[] letters;
  private final StringBuilder line = new StringBuilder(1024);
  private long rowNumber;

  XlsxReportWriter(ReportLayout layout, Path file) throws IOException {
    this.layout = layout;
    OutputStream raw = Files.newOutputStream(file);
    this.zip = new ZipOutputStream(raw, StandardCharsets.UTF_8);
    this.letters = new String[layout.columns().size()];
    for (int i = 0; i < letters.length; i++) {
      letters[i] = columnLetters(i);
    }
    part("[Content_Types].xml", contentTypes());
    part(
        "_rels/.rels",
        HEAD
            + "<Relationships xmlns=\""
            + PKG_NS
            + "\"><Relationship Id=\"rId1\" Type=\""
            + REL_NS
            + "/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>");
    part(
        "xl/workbook.xml",
        HEAD
            + "<workbook xmlns=\""
            + NS
            + "\" xmlns:r=\""
            + REL_NS
            + "\"><workbookPr/><sheets><sheet name=\""
            + escape(layout.sheetName())
            + "\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>");
    part(
        "xl/_rels/workbook.xml.rels",
        HEAD
            + "<Relationships xmlns=\""
            + PKG_NS
            + "\"><Relationship Id=\"rId1\" Type=\""
            + REL_NS
            + "/worksheet\" Target=\"worksheets/sheet1.xml\"/><Relationship Id=\"rId2\" Type=\""
            + REL_NS
            + "/styles\" Target=\"styles.xml\"/></Relationships>");
    part("xl/styles.xml", styles());
    zip.putNextEntry(entry("xl/worksheets/sheet1.xml"));
    this.sheet = new BufferedWriter(new OutputStreamWriter(zip, StandardCharsets.UTF_8), 1 << 16);
    sheet.write(HEAD + "<worksheet xmlns=\"" + NS + "\" xmlns:r=\"" + REL_NS + "\"><sheetData>");
    Object[] header = layout.columns().toArray();
    add(header);
  }

  @Override
  public void add(Object[] row) throws IOException {
    long r = ++rowNumber;
    line.setLength(0);
    line.append("<row r=\"").append(r).append("\">");
    for (int i = 0; i < row.length; i++) {
      Object value = row[i];
      if (value instanceof Long number) {
        boolean date = layout.isDate(i);
        line.append("<c r=\"")
            .append(letters[i])
            .append(r)
            .append("\" s=\"")
            .append(date ? DATE_STYLE : AMOUNT_STYLE)
            .append("\"><v>")
            .append(date ? ReportLayout.xlsxDate(number) : ReportLayout.xlsxAmount(number))
            .append("</v></c>");
      } else if (!((String) value).isEmpty()) {
        String text = (String) value;
        line.append("<c r=\"").append(letters[i]).append(r).append("\" t=\"inlineStr\"><is><t");
        if (!text.equals(text.strip())) {
          line.append(" xml:space=\"preserve\"");
        }
        line.append('>').append(escape(text)).append("</t></is></c>");
      }
    }
    line.append("</row>");
    sheet.append(line);
  }

  @Override
  public void close() throws IOException {
    sheet.write("</sheetData></worksheet>");
    sheet.flush();
    zip.closeEntry();
    zip.close();
  }

  private void part(String name, String xml) throws IOException {
    zip.putNextEntry(entry(name));
    zip.write(xml.getBytes(StandardCharsets.UTF_8));
    zip.closeEntry();
  }

  private static ZipEntry entry(String name) {
    ZipEntry entry = new ZipEntry(name);
    entry.setTimeLocal(ZIP_TIME);
    return entry;
  }

  private static String contentTypes() {
    return HEAD
        + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
        + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package."
        + "relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/>"
        + "<Override PartName=\"/xl/workbook.xml\" ContentType=\""
        + CT
        + ".sheet.main+xml\"/><Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\""
        + CT
        + ".worksheet+xml\"/><Override PartName=\"/xl/styles.xml\" ContentType=\""
        + CT
        + ".styles+xml\"/></Types>";
  }

  private static String styles() {
    return HEAD
        + "<styleSheet xmlns=\""
        + NS
        + "\"><numFmts count=\"1\"><numFmt numFmtId=\"164\" formatCode=\"yyyy-mm-dd hh:mm:ss\"/>"
        + "</numFmts><fonts count=\"1\"><font><sz val=\"11\"/><name val=\"Calibri\"/></font>"
        + "</fonts><fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill>"
        + "<fill><patternFill patternType=\"gray125\"/></fill></fills><borders count=\"1\">"
        + "<border><left/><right/><top/><bottom/><diagonal/></border></borders>"
        + "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/>"
        + "</cellStyleXfs><cellXfs count=\"3\">"
        + "<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>"
        + "<xf numFmtId=\"164\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\""
        + " applyNumberFormat=\"1\"/>"
        + "<xf numFmtId=\"4\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\""
        + " applyNumberFormat=\"1\"/></cellXfs><cellStyles count=\"1\">"
        + "<cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles></styleSheet>";
  }

  private static String columnLetters(int index) {
    StringBuilder letters = new StringBuilder();
    for (int i = index + 1; i > 0; i = (i - 1) / 26) {
      letters.insert(0, (char) ('A' + (i - 1) % 26));
    }
    return letters.toString();
  }

  private static String escape(String text) {
    if (text.indexOf('&') < 0 && text.indexOf('<') < 0 && text.indexOf('>') < 0) {
      return text;
    }
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
