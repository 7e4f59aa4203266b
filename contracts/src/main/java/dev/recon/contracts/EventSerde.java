package dev.recon.contracts;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Values of a topic that carries one event per row: those events in their compact binary form
 * ({@link RowEventCodec}), the rare others (upload markers, non-order charges) as JSON. Both forms
 * are read, so are events that an earlier version wrote as JSON.
 */
public final class EventSerde<T> implements Serde<T> {

  private final Class<T> type;
  private final JsonSerde<T> json;

  public EventSerde(Class<T> type) {
    this.type = type;
    this.json = new JsonSerde<>(type);
  }

  @Override
  public Serializer<T> serializer() {
    Serializer<T> asJson = json.serializer();
    return (topic, value) ->
        RowEventCodec.encodes(value) ? RowEventCodec.encode(value) : asJson.serialize(topic, value);
  }

  @Override
  public Deserializer<T> deserializer() {
    Deserializer<T> fromJson = json.deserializer();
    return (topic, bytes) -> {
      if (bytes == null || bytes.length == 0 || bytes[0] == '{') {
        return fromJson.deserialize(topic, bytes);
      }
      try {
        return type.cast(RowEventCodec.decode(bytes));
      } catch (IllegalArgumentException | ClassCastException e) {
        throw new SerializationException(
            "cannot read " + type.getSimpleName() + " from " + topic + ": " + e.getMessage(), e);
      }
    };
  }
}
