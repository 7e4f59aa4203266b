package dev.recon.ingest.results;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * An order's place in a sort: its sort value (as text; null for an absent amount, and for the sort
 * by order id, which needs none) and its order id. Clients get it as an opaque cursor, which names
 * its sort so that it is never read in another one.
 */
record OrderPosition(String value, String orderId) {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private record Cursor(String sort, String value, String orderId) {}

  String cursor(OrderSort sort) {
    byte[] json = JSON.writeValueAsBytes(new Cursor(sort.text(), value, orderId));
    return Base64.getUrlEncoder().withoutPadding().encodeToString(json);
  }

  static OrderPosition ofCursor(String cursor, OrderSort sort) {
    Cursor decoded;
    try {
      decoded =
          JSON.readValue(
              new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8),
              Cursor.class);
    } catch (IllegalArgumentException | JacksonException e) {
      throw new IllegalArgumentException("'" + cursor + "' is not a cursor of this API", e);
    }
    if (!sort.text().equals(decoded.sort())) {
      throw new IllegalArgumentException(
          "the cursor is one of the sort " + decoded.sort() + ", not " + sort.text());
    }
    if (decoded.orderId() == null || !sort.acceptsValue(decoded.value())) {
      throw new IllegalArgumentException("'" + cursor + "' is not a cursor of this API");
    }
    return new OrderPosition(decoded.value(), decoded.orderId());
  }
}
