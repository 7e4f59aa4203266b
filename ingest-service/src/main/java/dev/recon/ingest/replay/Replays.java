package dev.recon.ingest.replay;

import dev.recon.contracts.Topic;
import dev.recon.contracts.Topics;
import dev.recon.contracts.control.ControlCommand;
import dev.recon.ingest.Backoff;
import dev.recon.ingest.GatewayInstance;
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
import java.util.concurrent.ConcurrentHashMap;
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
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Rebuilds every result from the raw topics, the way Kafka's application reset tool would, but
 * without stopping any process by hand:
 *
 * <ol>
 *   <li>PAUSING: every transform and merge instance is told to pause on {@link Topics#CONTROL}; the
 *       replay waits until the three consumer groups have no member left;
 *   <li>RESETTING: the transform application goes back to the start of the raw topics (kept
 *       forever); the merge application and the sink skip to the end of what they read, because
 *       everything they would read again is about to be produced anew; the Streams applications'
 *       changelogs are deleted; the read model is cleared and every upload goes back to PUBLISHED;
 *   <li>REPROCESSING: the instances resume, and each upload becomes RECONCILED again through the
 *       usual markers.
 * </ol>
 *
 * So each row is reprocessed once, with the configuration the services run with now.
 *
 * <p>A replay never resumes the services on a half-reset state. A failure while pausing changes
 * nothing yet: the replay fails and the services resume as they were. Once resetting has begun, the
 * replay can only go forward: every reset step is safe to repeat while the groups are empty, so a
 * failed step (the broker or the database away) is tried again until all succeed, and a gateway
 * that stops mid-way (killed, say) continues the replay when it starts again. Each replay is driven
 * by one gateway, which beats a heartbeat in the database; another gateway takes over a replay
 * whose driver has been silent for {@link ReplayProperties#takeoverAfter()}, and a gateway that
 * finds its replay taken over stops driving it. A replay is finished once the services were told to
 * resume; until then no other can start, even when it FAILED.
 */
@Component
public class Replays {

  private static final Logger log = LoggerFactory.getLogger(Replays.class);
  private static final Duration POLL = Duration.ofMillis(200);
  private static final Duration RETRY_FIRST = Duration.ofSeconds(1);
  private static final Duration RETRY_LONGEST = Duration.ofSeconds(10);
  private static final String REPLAY_KEY = "replay";

  private final ReplayRepository repository;
  private final Admin admin;
  private final EventLog events;
  private final ReplayProperties properties;
  private final String owner;
  private final Producer<String, ControlCommand> control;
  private final Set<Long> driving = ConcurrentHashMap.newKeySet();
  private final ExecutorService runner =
      Executors.newSingleThreadExecutor(task -> new Thread(task, "replay"));

  Replays(
      ReplayRepository repository,
      Admin admin,
      EventLog events,
      ReplayProperties properties,
      GatewayInstance instance,
      KafkaProperties kafka) {
    this.repository = repository;
    this.admin = admin;
    this.events = events;
    this.properties = properties;
    this.owner = instance.id();
    this.control =
        new KafkaProducer<>(
            kafka.buildProducerProperties(),
            new StringSerializer(),
            Topics.CONTROL.valueSerde().serializer());
  }

  /** Starts a replay, or returns empty when one is already under way. */
  public Optional<Replay> request() {
    Optional<Long> created = repository.create(owner);
    created.ifPresent(
        id -> {
          events.info("replay started: every result is rebuilt from the raw topics", context(id));
          drive(id);
        });
    return created.flatMap(repository::find);
  }

  public Optional<Replay> find(long id) {
    return repository.find(id);
  }

  public List<Replay> latest(int limit) {
    return repository.latest(limit);
  }

  /**
   * Continues the replays this gateway was driving when it stopped, as soon as it starts, and takes
   * over those whose gateway went silent. Off the main thread: a dead gateway's transaction may
   * still hold a replay's row, and the gateway must start meanwhile.
   */
  @Scheduled(initialDelay = 0, fixedDelayString = "${recon.replay.takeover-after:30s}")
  void claimUnfinished() {
    for (long id : repository.claimUnfinished(owner, properties.takeoverAfter())) {
      if (!driving.contains(id)) {
        events.info("replay continued by gateway " + owner, context(id));
        drive(id);
      }
    }
  }

  /** Ends each reprocessing replay whose uploads are all RECONCILED again. */
  @Scheduled(fixedDelayString = "${recon.ingest.progress-interval:250ms}")
  void checkReprocessing() {
    for (Replay replay : repository.active()) {
      if (replay.status() == ReplayStatus.REPROCESSING
          && repository.reprocessed(replay.id())
          && repository.done(replay.id())) {
        events.info(
            "replay done: " + replay.uploadsTotal() + " uploads, " + replay.rowsTotal() + " rows",
            context(replay.id()));
      }
    }
  }

  private void drive(long id) {
    if (driving.add(id)) {
      runner.execute(
          () -> {
            try {
              run(id);
            } finally {
              driving.remove(id);
            }
          });
    }
  }

  /** Takes the replay from the step it is in to its end; returns when it is finished or lost. */
  private void run(long id) {
    try {
      while (true) {
        ReplayStatus status =
            repository.find(id).map(Replay::status).orElseThrow(() -> new LostReplay(id));
        switch (status) {
          case PAUSING -> pause(id);
          case RESETTING -> retryUntilDone(id, () -> reset(id));
          case REPROCESSING, DONE, FAILED -> {
            retryUntilDone(
                id,
                () ->
                    send(new ControlCommand.ResumeAfterReplay(id, repository.retractedAfter(id))));
            repository.resumed(id);
            log.info("replay {}: the services were told to resume", id);
            return;
          }
        }
      }
    } catch (LostReplay e) {
      log.warn("replay {}: another gateway drives it now", id);
    } catch (InterruptedException e) {
      // The gateway is stopping: the replay stays where it is, and continues when it starts again.
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      // The database is out of reach between steps: the replay continues where it is at the next
      // claim, here or on another gateway.
      log.error("replay {}: stopped driving it; it continues at the next claim", id, e);
    }
  }

  /** Nothing is reset yet: a failure fails the replay, and the services resume as they were. */
  private void pause(long id) throws InterruptedException {
    try {
      send(new ControlCommand.PauseForReplay(id));
      awaitGroupsEmpty(id);
      if (!repository.advance(id, owner, ReplayStatus.PAUSING, ReplayStatus.RESETTING)) {
        throw new LostReplay(id);
      }
    } catch (InterruptedException | LostReplay e) {
      throw e;
    } catch (Exception e) {
      String reason = "replay failed: " + message(e) + "; request a new replay";
      log.error("replay {} failed", id, e);
      if (!repository.failed(id, owner, reason)) {
        throw new LostReplay(id);
      }
      events.error("ReplayFailed", reason, context(id), null);
    }
  }

  /** Each step is safe to repeat while every group is empty, so the whole is too. */
  private void reset(long id) throws Exception {
    awaitGroupsEmpty(id);
    resetOffsets();
    deleteInternalTopics(id);
    if (!repository.clearReadModel(id, owner)) {
      throw new LostReplay(id);
    }
    log.info("replay {}: offsets, changelogs and read model reset", id);
  }

  /**
   * A step that must succeed before the replay can go on: tried again, with backoff, until then.
   */
  private void retryUntilDone(long id, Step step) throws InterruptedException {
    Backoff backoff = new Backoff(RETRY_FIRST, RETRY_LONGEST);
    String lastError = null;
    while (true) {
      try {
        step.run();
        return;
      } catch (InterruptedException | LostReplay e) {
        throw e;
      } catch (Exception e) {
        String error = "retrying in " + backoff.next().toSeconds() + " s: " + message(e);
        log.warn("replay {}: {}", id, error, e);
        try {
          repository.retrying(id, error);
          if (!message(e).equals(lastError)) {
            events.error("ReplayRetrying", error, context(id), null);
          }
        } catch (RuntimeException unrecorded) {
          log.warn("replay {}: cannot record the retry", id, unrecorded);
        }
        lastError = message(e);
      }
      backoff.sleep();
      heartbeat(id);
    }
  }

  /** Beats when the database answers; a driver that cannot beat is replaced only after silence. */
  private void heartbeat(long id) {
    boolean owned;
    try {
      owned = repository.beat(id, owner);
    } catch (RuntimeException unreachable) {
      return;
    }
    if (!owned) {
      throw new LostReplay(id);
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

  private void awaitGroupsEmpty(long id) throws Exception {
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
      heartbeat(id);
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
  private void deleteInternalTopics(long id) throws Exception {
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
      heartbeat(id);
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

  private static String context(long id) {
    return "replay " + id;
  }

  private static String message(Exception e) {
    Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
    return cause.getMessage() == null ? cause.toString() : cause.getMessage();
  }

  /** One step of a replay. */
  @FunctionalInterface
  private interface Step {
    void run() throws Exception;
  }

  /** The replay is no longer this gateway's to drive. */
  private static final class LostReplay extends RuntimeException {
    private static final long serialVersionUID = 1L;

    LostReplay(long id) {
      super("replay " + id + " is driven by another gateway");
    }
  }

  @PreDestroy
  void close() {
    runner.shutdownNow();
    control.close(Duration.ofSeconds(5));
  }
}
