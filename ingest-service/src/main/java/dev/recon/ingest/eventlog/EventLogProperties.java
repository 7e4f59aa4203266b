package dev.recon.ingest.eventlog;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The event log's settings; each is overridable by the environment variable named in
 * application.yml.
 *
 * @param retention how long an event is kept: older ones are deleted in the background
 */
@ConfigurationProperties("recon.event-log")
public record EventLogProperties(@DefaultValue("30d") Duration retention) {

  public EventLogProperties {
    if (retention.isNegative() || retention.isZero()) {
      throw new IllegalArgumentException(
          "recon.event-log.retention (RECON_EVENT_LOG_RETENTION) must be positive, not "
              + retention);
    }
  }
}
