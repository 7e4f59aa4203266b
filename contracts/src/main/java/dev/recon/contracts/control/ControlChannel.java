package dev.recon.contracts.control;

import dev.recon.contracts.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows {@link Topics#CONTROL} for one service instance. It reads without a consumer group, so
 * every instance sees every command. The last command already on the topic tells a starting
 * instance whether a replay is under way; only commands after it are delivered.
 */
public final class ControlChannel implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ControlChannel.class);
  private static final TopicPartition PARTITION = new TopicPartition(Topics.CONTROL.name(), 0);
  private static final Duration POLL = Duration.ofSeconds(1);
  private static final Duration RETRY_FIRST = Duration.ofSeconds(1);
  private static final Duration RETRY_LONGEST = Duration.ofSeconds(30);

  private final KafkaConsumer<String, ControlCommand> consumer;
  private final Optional<ControlCommand> current;
  private volatile Thread follower;
  private volatile boolean closed;

  private ControlChannel(String bootstrapServers, String clientId) {
    consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ConsumerConfig.CLIENT_ID_CONFIG,
                clientId,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false),
            new StringDeserializer(),
            Topics.CONTROL.valueSerde().deserializer());
    consumer.assign(List.of(PARTITION));
    current = lastCommand();
  }

  /** Connects and reads the latest command; {@link #drive} acts on it and on every later one. */
  public static ControlChannel open(String bootstrapServers, String clientId) {
    return new ControlChannel(bootstrapServers, clientId);
  }

  /**
   * Starts {@code processing} unless a replay is under way, then pauses and resumes it as commands
   * arrive, on a thread of its own, until {@link #close()}.
   */
  public void drive(PausableProcessing processing) {
    if (current.filter(ControlCommand.PauseForReplay.class::isInstance).isEmpty()) {
      processing.startProcessing(
          current.map(ControlCommand::replayId).orElse(0L),
          current
              .map(command -> ((ControlCommand.ResumeAfterReplay) command).retractedUploads())
              .orElse(Set.of()));
    } else {
      log.info("replay {} under way: processing starts when it resumes", current.get().replayId());
    }
    Thread thread = new Thread(() -> deliver(processing), "control-channel");
    thread.setDaemon(true);
    follower = thread;
    thread.start();
  }

  private Optional<ControlCommand> lastCommand() {
    long end = consumer.endOffsets(List.of(PARTITION)).get(PARTITION);
    long start = consumer.beginningOffsets(List.of(PARTITION)).get(PARTITION);
    if (end <= start) {
      consumer.seek(PARTITION, end);
      return Optional.empty();
    }
    // The offset before the end may be a transaction marker: read back a little and keep the last.
    consumer.seek(PARTITION, Math.max(start, end - 10));
    ControlCommand last = null;
    while (consumer.position(PARTITION) < end) {
      for (ConsumerRecord<String, ControlCommand> record : consumer.poll(POLL)) {
        last = record.value();
      }
    }
    return Optional.ofNullable(last);
  }

  private void deliver(PausableProcessing processing) {
    try {
      while (!closed) {
        for (ConsumerRecord<String, ControlCommand> record : consumer.poll(POLL)) {
          log.info("control command {}", record.value());
          apply(record.value(), processing);
        }
      }
    } catch (WakeupException closing) {
      // close() woke the poll: the channel is done.
    } finally {
      consumer.close();
    }
  }

  /**
   * Applies a command until it takes, backing off between tries: an instance that gave up pausing
   * would keep a replay waiting for its group to empty, and one that gave up resuming would stay
   * idle until restarted (as this thread did when it died of the first exception).
   */
  private void apply(ControlCommand command, PausableProcessing processing) {
    Duration backoff = RETRY_FIRST;
    while (!closed) {
      try {
        if (command instanceof ControlCommand.ResumeAfterReplay resume) {
          processing.startProcessing(resume.replayId(), resume.retractedUploads());
        } else {
          processing.pauseForReplay();
        }
        return;
      } catch (RuntimeException e) {
        log.error("control command {} failed; trying again in {}", command, backoff, e);
      }
      try {
        Thread.sleep(backoff.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      backoff =
          backoff.multipliedBy(2).compareTo(RETRY_LONGEST) > 0
              ? RETRY_LONGEST
              : backoff.multipliedBy(2);
    }
  }

  @Override
  public void close() {
    closed = true;
    Thread thread = follower;
    if (thread == null) {
      consumer.close();
      return;
    }
    consumer.wakeup();
    try {
      thread.join(POLL.multipliedBy(5).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
