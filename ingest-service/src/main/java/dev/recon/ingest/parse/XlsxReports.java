package dev.recon.ingest.parse;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import org.apache.poi.openxml4j.exceptions.InvalidFormatException;
import org.apache.poi.openxml4j.exceptions.OpenXML4JException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.openxml4j.opc.PackagePart;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.apache.poi.xssf.usermodel.XSSFRelation;
import org.jspecify.annotations.Nullable;
import org.xml.sax.Attributes;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/** Opens the first worksheet of an XLSX workbook as a stream of rows. */
final class XlsxReports {

  private XlsxReports() {}

  static ReportFile open(Path file, Upload upload, ParseLimits limits)
      throws FileRejectedException, IOException {
    String fileName = upload.shownName();
    OPCPackage workbook;
    try {
      workbook = OPCPackage.open(file.toFile(), PackageAccess.READ);
    } catch (OpenXML4JException | RuntimeException e) {
      throw Rejections.unreadableWorkbook(fileName, "", e, limits);
    }
    XlsxSheetSource sheet = null;
    XlsxSharedStrings sharedStrings = null;
    try {
      XSSFReader reader = new XSSFReader(workbook);
      boolean date1904 = usesDate1904(reader);
      boolean[] dateStyles = dateStyles(reader.getStylesTable());
      try (InputStream sharedStringsXml = sharedStringsXml(workbook)) {
        sharedStrings = XlsxSharedStrings.read(sharedStringsXml, limits.maxCellChars());
      }
      Iterator<InputStream> sheets = reader.getSheetsData();
      if (!sheets.hasNext()) {
        throw new FileRejectedException(
            Rejections.CORRUPT_WORKBOOK,
            fileName + ": the workbook has no worksheet; the report must be on the first sheet");
      }
      sheet =
          new XlsxSheetSource(
              sheets.next(),
              sharedStrings,
              dateStyles,
              date1904,
              fileName,
              limits,
              workbook::revert);
    } catch (IOException | OpenXML4JException | SAXException | RuntimeException e) {
      // POI signals corrupt parts with assorted unchecked exceptions too.
      throw Rejections.unreadableWorkbook(fileName, "", e, limits);
    } finally {
      if (sheet == null) {
        try (Closeable strings = sharedStrings) {
          workbook.revert();
        }
      }
    }
    return SourceReportFile.afterHeader(sheet, upload, "xlsx");
  }

  /** The shared string table, which a workbook of only inline strings lacks. */
  private static @Nullable InputStream sharedStringsXml(OPCPackage workbook)
      throws IOException, InvalidFormatException {
    List<PackagePart> parts =
        workbook.getPartsByContentType(XSSFRelation.SHARED_STRINGS.getContentType());
    return parts.isEmpty() ? null : parts.get(0).getInputStream();
  }

  /** By cell style index, whether the style's number format is a date format. */
  private static boolean[] dateStyles(@Nullable StylesTable styles) {
    if (styles == null) {
      return new boolean[0];
    }
    boolean[] dates = new boolean[styles.getNumCellStyles()];
    for (int i = 0; i < dates.length; i++) {
      XSSFCellStyle style = styles.getStyleAt(i);
      dates[i] =
          style != null
              && CellText.isDateFormat(
                  Short.toUnsignedInt(style.getDataFormat()), style.getDataFormatString());
    }
    return dates;
  }

  /** Whether serial dates count from 1904 (old Mac workbooks) instead of 1900. */
  private static boolean usesDate1904(XSSFReader reader)
      throws IOException, OpenXML4JException, SAXException {
    WorkbookProperties properties = new WorkbookProperties();
    try (InputStream workbookXml = reader.getWorkbookData()) {
      SecureXml.parse(workbookXml, properties);
    } catch (WorkbookProperties.Found found) {
      // read as far as needed
    }
    return properties.date1904;
  }

  /** Finds {@code <workbookPr date1904>}, which comes before the sheets, then stops the parse. */
  private static final class WorkbookProperties extends DefaultHandler {
    boolean date1904;

    @Override
    public void startElement(String uri, String localName, String qName, Attributes attributes)
        throws Found {
      if (localName.equals("workbookPr")) {
        String value = attributes.getValue("date1904");
        date1904 = "1".equals(value) || "true".equalsIgnoreCase(value);
        throw new Found();
      }
      if (localName.equals("sheets")) {
        throw new Found();
      }
    }

    /** Ends the parse early. */
    static final class Found extends SAXException {
      private static final long serialVersionUID = 1L;
    }
  }
}
