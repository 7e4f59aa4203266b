package dev.recon.ingest.parse;

import java.io.IOException;
import java.io.InputStream;
import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParserFactory;
import org.xml.sax.ContentHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;

/**
 * SAX parsing of workbook XML that never resolves an entity: a document that declares a DTD at all
 * is refused (SPEC §1: a workbook with external entities is refused, not read with them left out),
 * and external entities and DTDs are off besides. The parser is the JDK's own, whatever the class
 * path brings, and not namespace aware: SpreadsheetML has one namespace, and elements are matched
 * by their local name, so a prefixed {@code <x:row>} reads as {@code row}.
 */
final class SecureXml {

  private static final String DISALLOW_DOCTYPE =
      "http://apache.org/xml/features/disallow-doctype-decl";

  private SecureXml() {}

  /** Thrown for a DOCTYPE, the only way a workbook part can declare entities. */
  static final class DoctypeException extends SAXException {
    private static final long serialVersionUID = 1L;

    DoctypeException(Exception cause) {
      super("the XML declares a DOCTYPE", cause);
    }
  }

  /**
   * Parses a whole part with the handler. A factory per parse, as the JDK does not promise that one
   * factory may create parsers on several threads at once.
   */
  static void parse(InputStream xml, ContentHandler handler) throws IOException, SAXException {
    XMLReader reader;
    try {
      SAXParserFactory factory = SAXParserFactory.newDefaultInstance();
      factory.setNamespaceAware(false);
      factory.setValidating(false);
      factory.setXIncludeAware(false);
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setFeature(DISALLOW_DOCTYPE, true);
      factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
      factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
      factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
      reader = factory.newSAXParser().getXMLReader();
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException("the JDK's SAX parser cannot be configured securely", e);
    }
    reader.setContentHandler(handler);
    reader.setEntityResolver(
        (publicId, systemId) -> {
          throw new SAXException("the XML refers to an external entity " + systemId);
        });
    try {
      reader.parse(new InputSource(xml));
    } catch (SAXException e) {
      if (e.getMessage() != null && e.getMessage().contains("DOCTYPE")) {
        throw new DoctypeException(e);
      }
      throw e;
    }
  }

  /** The local part of an element name as a parser without namespaces reports it. */
  static String localName(String qualifiedName) {
    int colon = qualifiedName.indexOf(':');
    return colon < 0 ? qualifiedName : qualifiedName.substring(colon + 1);
  }
}
