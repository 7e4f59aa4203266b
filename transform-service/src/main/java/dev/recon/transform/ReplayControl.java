package dev.recon.transform;

import dev.recon.contracts.control.ControlChannel;
import dev.recon.contracts.control.LocalStateGeneration;
import dev.recon.contracts.control.PausableProcessing;
import java.util.Set;
import org.apache.kafka.streams.KafkaStreams;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.stereotype.Component;

/**
 * Runs the stream graph as the gateway's control channel says: not while a replay is under way,
 * which is why the Streams bean does not start by itself (see {@link TransformApplication}).
 */
@Component
class ReplayControl implements SmartLifecycle, PausableProcessing {

  private final StreamsBuilderFactoryBean streams;
  private final String bootstrapServers;
  private final RetractedUploads retracted;
  private ControlChannel channel;

  ReplayControl(
      StreamsBuilderFactoryBean streams,
      @Value("${spring.kafka.bootstrap-servers}") String bootstrapServers,
      RetractedUploads retracted) {
    this.streams = streams;
    this.retracted = retracted;
    this.bootstrapServers = bootstrapServers;
  }

  @Override
  public synchronized void start() {
    channel = ControlChannel.open(bootstrapServers, "transform-control");
    channel.drive(this);
  }

  @Override
  public synchronized void stop() {
    channel.close();
    channel = null;
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
  }

  @Override
  public void startProcessing(long replayGeneration, Set<Long> retractedUploads) {
    if (!streams.isRunning()) {
      LocalStateGeneration.of(streams.getStreamsConfiguration()).dropIfOlderThan(replayGeneration);
      retracted.replaceWith(retractedUploads);
      streams.start();
    }
  }
}
