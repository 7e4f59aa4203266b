package dev.recon.stack;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The one JSON mapper of the stack: amounts are read as exact decimals, never doubles. */
public final class Json {
  public static final JsonMapper MAPPER =
      JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

  private Json() {}

  /**
   * Builds the mapper and reads a document with it: what a first answer would otherwise wait for.
   */
  static void warmUp() {
    MAPPER.readTree("{\"uploads\":[{\"id\":1,\"rowsPublished\":2,\"error\":null}]}");
  }

  /** A node's value as text: null for an absent or JSON null node, the JSON form of a container. */
  public static String text(JsonNode node) {
    if (node == null || node.isMissingNode() || node.isNull()) {
      return null;
    }
    return node.isValueNode() ? node.asString() : node.toString();
  }
}
