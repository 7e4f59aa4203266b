package dev.recon.merge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.recon.contracts.Topics;
import dev.recon.contracts.control.ControlChannel;
import dev.recon.contracts.control.ControlCommand;
import dev.recon.contracts.control.PausableProcessing;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The control channel against a real broker: a command that fails is not the channel's end, and
 * processing always starts knowing the latest replay.
 */
class ControlChannelTest {

  @Test
  void aPauseThatFailsIsTriedAgainAndLaterCommandsStillArrive(@TempDir Path kafkaLogs)
      throws Exception {
    try (InProcessKafka kafka = InProcessKafka.start(kafkaLogs)) {
      try (Admin admin =
          Admin.create(
              Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
        admin.createTopics(List.of(new NewTopic(Topics.CONTROL.name(), 1, (short) 1))).all().get();
      }
      FailingFirstPause processing = new FailingFirstPause();

      try (ControlChannel channel = ControlChannel.open(kafka.bootstrapServers(), "test")) {
        channel.drive(processing);
        assertThat(processing.generations).containsExactly(0L);

        send(kafka, new ControlCommand.PauseForReplay(7));
        send(kafka, new ControlCommand.ResumeAfterReplay(7, Set.of(3L)));

        await("the failed pause to be tried again and the resume to arrive")
            .atMost(Duration.ofSeconds(30))
            .untilAsserted(
                () -> {
                  assertThat(processing.pauses).hasValue(2);
                  assertThat(processing.generations).containsExactly(0L, 7L);
                });
      }

      FailingFirstPause startedLater = new FailingFirstPause();
      try (ControlChannel channel = ControlChannel.open(kafka.bootstrapServers(), "later")) {
        channel.drive(startedLater);
        assertThat(startedLater.generations)
            .as("an instance started after replay 7 keeps no state from before it")
            .containsExactly(7L);
        assertThat(startedLater.retracted)
            .as("and skips the uploads retracted by then")
            .containsExactly(Set.of(3L));
      }
    }
  }

  private static void send(InProcessKafka kafka, ControlCommand command) {
    try (KafkaProducer<String, ControlCommand> producer =
        new KafkaProducer<>(
            Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
            new StringSerializer(),
            Topics.CONTROL.valueSerde().serializer())) {
      producer.send(new ProducerRecord<>(Topics.CONTROL.name(), "replay", command));
    }
  }

  /** Its first pause fails, as a Streams client that cannot close in time would. */
  private static final class FailingFirstPause implements PausableProcessing {
    final AtomicInteger pauses = new AtomicInteger();
    final List<Long> generations = new CopyOnWriteArrayList<>();
    final List<Set<Long>> retracted = new CopyOnWriteArrayList<>();

    @Override
    public void pauseForReplay() {
      if (pauses.incrementAndGet() == 1) {
        throw new IllegalStateException("injected: the first pause fails");
      }
    }

    @Override
    public void startProcessing(long replayGeneration, Set<Long> retractedUploads) {
      generations.add(replayGeneration);
      retracted.add(retractedUploads);
    }
  }
}
