package dev.recon.ingest.parse;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.jspecify.annotations.Nullable;

/**
 * Text of an XLSX workbook: the shared string table and rich text elements. Read as plain strings
 * because POI's table hands out each string wrapped in a fresh XMLBeans object, which costs more
 * than the rest of reading a cell.
 */
final class XlsxStrings {

  private XlsxStrings() {}

  /** The shared strings in index order; none when the workbook has no table. */
  static List<String> sharedStrings(@Nullable InputStream sharedStringsXml)
      throws XMLStreamException {
    List<String> strings = new ArrayList<>();
    if (sharedStringsXml == null) {
      return strings;
    }
    XMLStreamReader xml = SecureXml.openAtRoot(sharedStringsXml);
    try {
      StringBuilder text = new StringBuilder();
      while (xml.hasNext()) {
        if (xml.next() == XMLStreamReader.START_ELEMENT && xml.getLocalName().equals("si")) {
          text.setLength(0);
          strings.add(readRichText(xml, text));
        }
      }
      return strings;
    } finally {
      xml.close();
    }
  }

  /**
   * The text of the element whose start was just read ({@code <si>} or {@code <is>}): its {@code
   * <t>} runs, directly or inside {@code <r>}, without phonetic guides ({@code <rPh>}).
   */
  static String readRichText(XMLStreamReader xml, StringBuilder text) throws XMLStreamException {
    int depth = 1;
    while (depth > 0) {
      int event = xml.next();
      if (event == XMLStreamReader.END_ELEMENT) {
        depth--;
      } else if (event == XMLStreamReader.START_ELEMENT) {
        switch (xml.getLocalName()) {
          case "t" -> text.append(xml.getElementText());
          case "rPh", "rPr" -> SecureXml.skipElement(xml);
          default -> depth++;
        }
      }
    }
    return text.toString();
  }
}
