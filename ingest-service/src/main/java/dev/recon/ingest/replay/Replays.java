package dev.recon.ingest.replay;

import dev.recon.contracts.Topic;
import dev.recon.contracts.Topics;
import dev.recon.contracts.control.ControlCommand;
import dev.recon.ingest.eventlog.EventLog;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Rebuilds every result from the raw topics, the way Kafka's application reset tool would, but
 * without stopping any process by hand:
 *
 * <ol>
 *   <li>every transform and merge instance is told to pause on {@link Topics#CONTROL}; the replay
 *       waits until the three consumer groups have no member left;
 *   <li>the transform application goes back to the start of the raw topics (kept forever); the
 *       merge application and the sink skip to the end of what they read, because everything they
 *       would read again is about to be produced anew; the merge store's changelog is deleted;
 *   <li>the read model is cleared and every upload goes back to PUBLISHED;
 *   <li>the instances resume, and each upload becomes RECONCILED again through the usual markers.
 * </ol>
 *
 * So each row is reprocessed once, with the configuration the services run with now.
 */
@Component
public class Replays {

  private static final Logger log = LoggerFactory.getLogger(Replays.class);
  private static final Duration POLL = Duration.ofMillis(200);
  private static final String REPLAY_KEY = "replay";

  private final ReplayRepository repository;
  private final Admin admin;
  private final EventLog events;
  private final ReplayProperties properties;
  private final Producer<String, ControlCommand> control;
  private final ExecutorService runner =
      Executors.newSingleThreadExecutor(task -> new Thread(task, "replay"));

  Replays(
      ReplayRepository repository,
      Admin admin,
      EventLog events,
      ReplayProperties properties,
      KafkaProperties kafka) {
    this.repository = repository;
    this.admin = admin;
    this.events = events;
    this.properties = properties;
    this.control =
        new KafkaProducer<>(
            kafka.buildProducerProperties(),
            new StringSerializer(),
            Topics.CONTROL.valueSerde().serializer());
  }

  /** Starts a replay, or returns empty when one is already under way. */
  public Optional<Replay> request() {
    Optional<Long> created = repository.create();
    created.ifPresent(id -> runner.execute(() -> run(id)));
    return created.flatMap(repository::find);
  }

  public Optional<Replay> find(long id) {
    return repository.find(id);
  }

  public List<Replay> latest(int limit) {
    return repository.latest(limit);
  }

  private void run(long id) {
    events.info("replay started: every result is rebuilt from the raw topics", "replay " + id);
    try {
      send(new ControlCommand.PauseForReplay(id));
      awaitGroupsEmpty();
      repository.status(id, ReplayStatus.RESETTING);
      resetOffsets();
      deleteInternalTopics();
      repository.clearReadModel(id);
      send(new ControlCommand.ResumeAfterReplay(id));
      log.info("replay {}: processing resumed from the raw topics", id);
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      fail(id, e);
    }
  }

  /** Ends each reprocessing replay whose uploads are all RECONCILED again. */
  @Scheduled(fixedDelayString = "${recon.ingest.progress-interval:250ms}")
  void checkReprocessing() {
    for (Replay replay : repository.active()) {
      if (replay.status() == ReplayStatus.REPROCESSING && repository.reprocessed(replay.id())) {
        repository.ended(replay.id(), ReplayStatus.DONE, null);
        events.info(
            "replay done: " + replay.uploadsTotal() + " uploads, " + replay.rowsTotal() + " rows",
            "replay " + replay.id());
      }
    }
  }

  /**
   * A replay this gateway was running when it stopped cannot be finished from the middle: it is
   * failed, and processing resumes so that nothing stays paused.
   */
  @EventListener(ApplicationReadyEvent.class)
  void failInterrupted() {
    for (Replay replay : repository.active()) {
      if (replay.status() != ReplayStatus.REPROCESSING) {
        fail(replay.id(), new IllegalStateException("the gateway stopped during the replay"));
      }
    }
  }

  private void fail(long id, Exception cause) {
    String reason = "replay failed: " + cause.getMessage() + "; request a new replay";
    log.error("replay {} failed", id, cause);
    repository.ended(id, ReplayStatus.FAILED, reason);
    events.error("ReplayFailed", reason, "replay " + id, null);
    try {
      send(new ControlCommand.ResumeAfterReplay(id));
    } catch (Exception e) {
      log.error("replay {}: cannot tell the services to resume", id, e);
    }
  }

  private void send(ControlCommand command) throws Exception {
    control
        .send(new ProducerRecord<>(Topics.CONTROL.name(), REPLAY_KEY, command))
        .get(30, TimeUnit.SECONDS);
  }

  private List<String> groups() {
    return List.of(
        properties.transformApplication(), properties.mergeApplication(), properties.sinkGroup());
  }

  private void awaitGroupsEmpty() throws Exception {
    Instant deadline = Instant.now().plus(properties.pauseTimeout());
    while (true) {
      Map<String, ConsumerGroupDescription> groups =
          admin.describeConsumerGroups(groups()).all().get(30, TimeUnit.SECONDS);
      List<String> busy =
          groups.values().stream()
              .filter(group -> !group.members().isEmpty())
              .map(ConsumerGroupDescription::groupId)
              .toList();
      if (busy.isEmpty()) {
        return;
      }
      if (Instant.now().isAfter(deadline)) {
        throw new TimeoutException(
            "instances of "
                + busy
                + " did not stop within "
                + properties.pauseTimeout()
                + " (is an old version without replay support running?)");
      }
      Thread.sleep(POLL.toMillis());
    }
  }

  private void resetOffsets() throws Exception {
    reset(
        properties.transformApplication(),
        offsets(List.of(Topics.RAW_MTR, Topics.RAW_PAYMENT), OffsetSpec.earliest()));
    reset(
        properties.mergeApplication(),
        offsets(List.of(Topics.LINES_MTR, Topics.LINES_PAYMENT), OffsetSpec.latest()));
    reset(
        properties.sinkGroup(),
        offsets(List.of(Topics.RESULTS, Topics.REJECTED), OffsetSpec.latest()));
  }

  private void reset(String group, Map<TopicPartition, OffsetAndMetadata> offsets)
      throws Exception {
    admin.alterConsumerGroupOffsets(group, offsets).all().get(30, TimeUnit.SECONDS);
  }

  private Map<TopicPartition, OffsetAndMetadata> offsets(
      List<? extends Topic<String, ?>> topics, OffsetSpec spec) throws Exception {
    Map<String, TopicDescription> described =
        admin
            .describeTopics(topics.stream().map(Topic::name).toList())
            .allTopicNames()
            .get(30, TimeUnit.SECONDS);
    Map<TopicPartition, OffsetSpec> request = new HashMap<>();
    described.forEach(
        (name, topic) ->
            topic
                .partitions()
                .forEach(
                    partition ->
                        request.put(new TopicPartition(name, partition.partition()), spec)));
    Map<TopicPartition, ListOffsetsResultInfo> listed =
        admin.listOffsets(request).all().get(30, TimeUnit.SECONDS);
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    listed.forEach(
        (partition, info) -> offsets.put(partition, new OffsetAndMetadata(info.offset())));
    return offsets;
  }

  /** The Streams applications' changelog and repartition topics, deleted like the reset tool. */
  private void deleteInternalTopics() throws Exception {
    Set<String> internal = internalTopics();
    if (internal.isEmpty()) {
      return;
    }
    try {
      admin.deleteTopics(internal).all().get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      log.warn("deleting {}: {}", internal, e.getCause().toString());
    }
    Instant deadline = Instant.now().plus(properties.pauseTimeout());
    while (!internalTopics().isEmpty()) {
      if (Instant.now().isAfter(deadline)) {
        throw new TimeoutException("the broker did not delete " + internalTopics());
      }
      Thread.sleep(POLL.toMillis());
    }
  }

  private Set<String> internalTopics() throws Exception {
    Collection<String> names = admin.listTopics().names().get(30, TimeUnit.SECONDS);
    return names.stream()
        .filter(
            name ->
                (name.startsWith(properties.transformApplication() + "-")
                        || name.startsWith(properties.mergeApplication() + "-"))
                    && (name.endsWith("-changelog") || name.endsWith("-repartition")))
        .collect(Collectors.toSet());
  }

  @PreDestroy
  void close() {
    runner.shutdownNow();
    control.close(Duration.ofSeconds(5));
  }
}
