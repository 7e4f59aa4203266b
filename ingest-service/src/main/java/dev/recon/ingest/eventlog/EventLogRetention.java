package dev.recon.ingest.eventlog;

import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes events older than the retention, in batches, so that the log and its count stay bounded.
 * Every gateway runs it; two deleting the same events is harmless.
 */
@Component
public class EventLogRetention {

  static final int BATCH = 10_000;
  private static final Logger log = LoggerFactory.getLogger(EventLogRetention.class);

  private final EventLog events;
  private final EventLogProperties properties;
  private final Clock clock;

  @Autowired
  public EventLogRetention(EventLog events, EventLogProperties properties) {
    this(events, properties, Clock.systemUTC());
  }

  EventLogRetention(EventLog events, EventLogProperties properties, Clock clock) {
    this.events = events;
    this.properties = properties;
    this.clock = clock;
  }

  /** Deletes the expired events and says how many there were. */
  @Scheduled(initialDelayString = "PT1M", fixedDelayString = "PT1H")
  public long deleteExpired() {
    Instant cutoff = clock.instant().minus(properties.retention());
    long deleted = 0;
    int batch;
    do {
      batch = events.deleteOlderThan(cutoff, BATCH);
      deleted += batch;
    } while (batch == BATCH);
    if (deleted > 0) {
      log.info("deleted {} events older than {}", deleted, cutoff);
    }
    return deleted;
  }
}
