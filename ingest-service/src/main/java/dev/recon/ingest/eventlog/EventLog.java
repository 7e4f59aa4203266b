package dev.recon.ingest.eventlog;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The pipeline's event log: what happened to uploads, newest first, for people and /logs. */
@Repository
public class EventLog {

  /** One entry; {@code errorType} is the reason code of an error, null otherwise. */
  public record Event(
      long id,
      OffsetDateTime timestamp,
      String level,
      String errorType,
      String message,
      String context,
      String additionalInfo) {}

  /** A page of events, newest first. */
  public record Page(List<Event> events, long total) {}

  private final JdbcTemplate jdbc;

  public EventLog(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public void info(String message, String context) {
    append("INFO", null, message, context, null);
  }

  public void error(String errorType, String message, String context, String additionalInfo) {
    append("ERROR", errorType, message, context, additionalInfo);
  }

  private void append(
      String level, String errorType, String message, String context, String additionalInfo) {
    jdbc.update(
        "insert into gateway.pipeline_events (level, error_type, message, context, additional_info)"
            + " values (?, ?, ?, ?, ?)",
        level,
        errorType,
        message,
        context,
        additionalInfo);
  }

  /** Events at {@code level} (all when null), page numbered from 1. */
  public Page page(String level, int page, int size) {
    String levelFilter = level == null ? null : level.toUpperCase(Locale.ROOT);
    Long total =
        jdbc.queryForObject(
            "select count(*) from gateway.pipeline_events where (?::text is null or level = ?)",
            Long.class,
            levelFilter,
            levelFilter);
    List<Event> events =
        jdbc.query(
            "select * from gateway.pipeline_events where (?::text is null or level = ?)"
                + " order by id desc limit ? offset ?",
            (rs, i) ->
                new Event(
                    rs.getLong("id"),
                    rs.getObject("timestamp", OffsetDateTime.class),
                    rs.getString("level"),
                    rs.getString("error_type"),
                    rs.getString("message"),
                    rs.getString("context"),
                    rs.getString("additional_info")),
            levelFilter,
            levelFilter,
            size,
            (long) (page - 1) * size);
    return new Page(events, total == null ? 0 : total);
  }
}
