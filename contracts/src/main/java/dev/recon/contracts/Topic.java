package dev.recon.contracts;

import org.apache.kafka.common.serialization.Serde;

/** A topic with its key and value serdes, so that a topic is never a bare string. */
public record Topic<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde) {}
