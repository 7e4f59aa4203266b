package dev.recon.contracts;

import java.util.Optional;
import java.util.Set;
import org.apache.kafka.streams.processor.StreamPartitioner;

/**
 * Sends an {@link UploadMarker} to the partition number it came from, and every other record where
 * its key puts it. Each stage writes its output through this, which keeps a marker behind
 * everything that the same partition carried before it.
 */
public final class MarkerPartitioner<V> implements StreamPartitioner<String, V> {

  @Override
  public Optional<Set<Integer>> partitions(String topic, String key, V value, int numPartitions) {
    if (value instanceof UploadMarker marker) {
      return Optional.of(Set.of(marker.partition()));
    }
    return Optional.empty();
  }
}
