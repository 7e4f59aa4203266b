package dev.recon.ingest.parse;

import java.io.InputStream;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Pull parsing of workbook XML that never resolves an entity: DTD support and external entities are
 * off, and a document that declares a DTD at all is refused (SPEC §1: a workbook with external
 * entities is refused, not read with them left out).
 */
final class SecureXml {

  private SecureXml() {}

  /**
   * A reader positioned at the root element. A factory per reader, as the JDK does not promise that
   * one factory may create readers on several threads at once.
   */
  static XMLStreamReader openAtRoot(InputStream xml) throws XMLStreamException {
    XMLStreamReader reader = newFactory().createXMLStreamReader(xml);
    try {
      skipProlog(reader);
      return reader;
    } catch (XMLStreamException e) {
      reader.close();
      throw e;
    }
  }

  /** Thrown for a DOCTYPE, the only way a workbook part can declare entities. */
  static final class DoctypeException extends XMLStreamException {
    private static final long serialVersionUID = 1L;

    DoctypeException() {
      super("the XML declares a DOCTYPE");
    }
  }

  /** Moves to the root element, refusing a DOCTYPE on the way. */
  private static void skipProlog(XMLStreamReader xml) throws XMLStreamException {
    while (xml.hasNext()) {
      int event = xml.next();
      if (event == XMLStreamReader.DTD) {
        throw new DoctypeException();
      }
      if (event == XMLStreamReader.START_ELEMENT) {
        return;
      }
    }
  }

  /** Skips the element whose start was just read, children included. */
  static void skipElement(XMLStreamReader xml) throws XMLStreamException {
    int depth = 1;
    while (depth > 0) {
      int event = xml.next();
      if (event == XMLStreamReader.START_ELEMENT) {
        depth++;
      } else if (event == XMLStreamReader.END_ELEMENT) {
        depth--;
      }
    }
  }

  private static XMLInputFactory newFactory() {
    // The JDK's own parser, whatever StAX implementation the class path brings.
    XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
    factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    return factory;
  }
}
