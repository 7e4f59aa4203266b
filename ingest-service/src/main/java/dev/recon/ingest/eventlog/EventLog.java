package dev.recon.ingest.eventlog;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
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

  /**
   * Events at {@code level} (all when null), page numbered from 1. Two statements rather than one
   * with an optional level: a plan prepared for either would serve the other badly, where each
   * reads its index newest first (the primary key, or {@code pipeline_events_level}).
   */
  public Page page(String level, int page, int size) {
    String where = level == null ? "" : " where level = ?";
    List<Object> filter = level == null ? List.of() : List.of(level.toUpperCase(Locale.ROOT));
    Long total =
        jdbc.queryForObject(
            "select count(*) from gateway.pipeline_events" + where, Long.class, filter.toArray());
    List<Object> parameters = new ArrayList<>(filter);
    parameters.add(size);
    parameters.add((long) (page - 1) * size);
    List<Event> events =
        jdbc.query(
            pageQuery(level != null),
            (rs, i) ->
                new Event(
                    rs.getLong("id"),
                    rs.getObject("timestamp", OffsetDateTime.class),
                    rs.getString("level"),
                    rs.getString("error_type"),
                    rs.getString("message"),
                    rs.getString("context"),
                    rs.getString("additional_info")),
            parameters.toArray());
    return new Page(events, total == null ? 0 : total);
  }

  /** A page of events, newest first. Parameters: the level if {@code byLevel}, limit, offset. */
  static String pageQuery(boolean byLevel) {
    return "select * from gateway.pipeline_events"
        + (byLevel ? " where level = ?" : "")
        + " order by id desc limit ? offset ?";
  }

  /**
   * Removes up to {@code batch} events older than {@code cutoff}, oldest first, and says how many:
   * a bounded statement, so that a first clean-up of a long log never holds a long transaction.
   */
  public int deleteOlderThan(Instant cutoff, int batch) {
    return jdbc.update(
        "delete from gateway.pipeline_events where id in (select id from gateway.pipeline_events"
            + " where timestamp < ? order by timestamp limit ?)",
        OffsetDateTime.ofInstant(cutoff, ZoneOffset.UTC),
        batch);
  }
}
