package dev.recon.merge;

import dev.recon.contracts.control.ControlChannel;
import dev.recon.contracts.control.LocalStateGeneration;
import dev.recon.contracts.control.PausableProcessing;
import java.util.Set;
import org.apache.kafka.streams.KafkaStreams;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.stereotype.Component;

/**
 * Runs the stream graph and the PostgreSQL sink as the gateway's control channel says: not while a
 * replay is under way, which is why neither starts by itself (see {@link MergeApplication}).
 */
@Component
class ReplayControl implements SmartLifecycle, PausableProcessing {

  /** The id of the sink's listener container. */
  static final String SINK = "recon-sink";

  private final StreamsBuilderFactoryBean streams;
  private final KafkaListenerEndpointRegistry listeners;
  private final String bootstrapServers;
  private ControlChannel channel;

  ReplayControl(
      StreamsBuilderFactoryBean streams,
      KafkaListenerEndpointRegistry listeners,
      @Value("${spring.kafka.bootstrap-servers}") String bootstrapServers) {
    this.streams = streams;
    this.listeners = listeners;
    this.bootstrapServers = bootstrapServers;
  }

  @Override
  public synchronized void start() {
    channel = ControlChannel.open(bootstrapServers, "merge-control");
    channel.drive(this);
  }

  @Override
  public synchronized void stop() {
    channel.close();
    channel = null;
    sink().stop();
    streams.stop();
  }

  @Override
  public synchronized boolean isRunning() {
    return channel != null;
  }

  @Override
  public void pauseForReplay() {
    KafkaStreams stopped = streams.getKafkaStreams();
    streams.stop();
    if (stopped != null) {
      stopped.cleanUp();
    }
    sink().stop();
  }

  @Override
  public void startProcessing(long replayGeneration, Set<Long> retractedUploads) {
    // Retracted uploads are skipped upstream, by the transform: nothing of them reaches here.
    if (!streams.isRunning()) {
      LocalStateGeneration.of(streams.getStreamsConfiguration()).dropIfOlderThan(replayGeneration);
      streams.start();
    }
    if (!sink().isRunning()) {
      sink().start();
    }
  }

  private MessageListenerContainer sink() {
    return listeners.getListenerContainer(SINK);
  }
}
