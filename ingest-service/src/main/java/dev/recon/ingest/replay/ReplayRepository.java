package dev.recon.ingest.replay;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.interceptor.TransactionAspectSupport;

/**
 * The {@code gateway.replays} table, and the one write a replay makes to the read model: clearing
 * it while every upload it held goes back to PUBLISHED, in one transaction.
 */
@Repository
class ReplayRepository {

  /** Uploads of a replay and how many are RECONCILED again, counted from the uploads table. */
  private static final String WITH_PROGRESS =
      """
      select r.*,
          (select count(*) from gateway.uploads u
            where u.id <= r.last_upload_id and u.status = 'RECONCILED') as uploads_done,
          (select coalesce(sum(u.rows_published), 0) from gateway.uploads u
            where u.id <= r.last_upload_id and u.status = 'RECONCILED') as rows_done
      from gateway.replays r
      """;

  private static final RowMapper<Replay> REPLAY =
      (rs, i) -> {
        ReplayStatus status = ReplayStatus.valueOf(rs.getString("status"));
        boolean counting = status == ReplayStatus.REPROCESSING;
        int uploadsTotal = rs.getInt("uploads_total");
        long rowsTotal = rs.getLong("rows_total");
        return new Replay(
            rs.getLong("id"),
            status,
            rs.getString("error"),
            uploadsTotal,
            counting ? rs.getInt("uploads_done") : status == ReplayStatus.DONE ? uploadsTotal : 0,
            rowsTotal,
            counting ? rs.getLong("rows_done") : status == ReplayStatus.DONE ? rowsTotal : 0,
            rs.getObject("requested_at", OffsetDateTime.class),
            rs.getObject("finished_at", OffsetDateTime.class));
      };

  private final JdbcTemplate jdbc;

  ReplayRepository(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** A new replay in PAUSING driven by {@code owner}, or empty when another is unfinished. */
  Optional<Long> create(String owner) {
    return Optional.ofNullable(
        jdbc.query(
            "insert into gateway.replays (status, owner, heartbeat_at) values ('PAUSING', ?, now())"
                + " on conflict do nothing returning id",
            rs -> rs.next() ? rs.getLong(1) : null,
            owner));
  }

  /**
   * Makes {@code owner} the driver of every unfinished replay that is its own, has no owner, or
   * whose driver has been silent for {@code silence}.
   *
   * @return the ids of those replays
   */
  List<Long> claimUnfinished(String owner, Duration silence) {
    return jdbc.queryForList(
        """
        update gateway.replays set owner = ?, heartbeat_at = now()
        where not resumed
          and (owner = ? or owner is null or heartbeat_at < now() - make_interval(secs => ?))
        returning id""",
        Long.class,
        owner,
        owner,
        silence.toMillis() / 1000.0);
  }

  /**
   * The driver's heartbeat.
   *
   * @return false when another gateway has taken the replay over
   */
  boolean beat(long id, String owner) {
    return jdbc.update(
            "update gateway.replays set heartbeat_at = now() where id = ? and owner = ?", id, owner)
        == 1;
  }

  Optional<Replay> find(long id) {
    return jdbc.query(WITH_PROGRESS + " where r.id = ?", REPLAY, id).stream().findFirst();
  }

  List<Replay> latest(int limit) {
    return jdbc.query(WITH_PROGRESS + " order by r.id desc limit ?", REPLAY, limit);
  }

  List<Replay> active() {
    return jdbc.query(
        WITH_PROGRESS + " where r.status in ('PAUSING', 'RESETTING', 'REPROCESSING')", REPLAY);
  }

  /**
   * @return false when the replay is no longer in {@code from} or no longer {@code owner}'s
   */
  boolean advance(long id, String owner, ReplayStatus from, ReplayStatus to) {
    return jdbc.update(
            "update gateway.replays set status = ?, error = null"
                + " where id = ? and owner = ? and status = ?",
            to.name(),
            id,
            owner,
            from.name())
        == 1;
  }

  /** A step that failed and is tried again: shown with the replay until it succeeds. */
  void retrying(long id, String error) {
    jdbc.update("update gateway.replays set error = ? where id = ?", error, id);
  }

  /**
   * @return false when the replay is no longer in PAUSING or no longer {@code owner}'s
   */
  boolean failed(long id, String owner, String error) {
    return jdbc.update(
            "update gateway.replays set status = 'FAILED', error = ?, finished_at = now()"
                + " where id = ? and owner = ? and status = 'PAUSING'",
            error,
            id,
            owner)
        == 1;
  }

  void resumed(long id) {
    jdbc.update("update gateway.replays set resumed = true where id = ?", id);
  }

  /**
   * Ends a reprocessing replay whose uploads are all RECONCILED again; the uploads it retracts are
   * RETRACTED with it.
   */
  @Transactional
  boolean done(long id) {
    boolean done =
        jdbc.update(
                "update gateway.replays set status = 'DONE', finished_at = now()"
                    + " where id = ? and status = 'REPROCESSING'",
                id)
            == 1;
    if (done) {
      jdbc.update(
          """
          update gateway.uploads set status = 'RETRACTED', finished_at = now()
          where status = 'RETRACTING'
            and id = any (select unnest(retracts) from gateway.replays where id = ?)""",
          id);
    }
    return done;
  }

  /**
   * The uploads whose rows the services skip once replay {@code id} resumes them: every upload
   * retracted before, and those this replay retracts.
   */
  Set<Long> retractedAfter(long id) {
    return Set.copyOf(
        jdbc.queryForList(
            """
            select id from gateway.uploads where status = 'RETRACTED'
            union
            select unnest(retracts) from gateway.replays where id = ?""",
            Long.class,
            id));
  }

  /**
   * Takes an upload back: RETRACTING when its rows reached the pipeline, RETRACTED at once when it
   * published nothing (refused or failed).
   *
   * @return the new status; empty, having changed nothing, when the upload is not PUBLISHED,
   *     RECONCILED, REJECTED or FAILED (unknown, still RECEIVED, or retracted already)
   */
  Optional<String> retract(long uploadId) {
    return Optional.ofNullable(
        jdbc.query(
            """
            update gateway.uploads set
                status = case when status in ('REJECTED', 'FAILED') then 'RETRACTED'
                              else 'RETRACTING' end,
                finished_at = case when status in ('REJECTED', 'FAILED') then now() end
            where id = ? and status in ('PUBLISHED', 'RECONCILED', 'REJECTED', 'FAILED')
            returning status""",
            rs -> rs.next() ? rs.getString(1) : null,
            uploadId));
  }

  Optional<String> uploadStatus(long uploadId) {
    return jdbc
        .query(
            "select status from gateway.uploads where id = ?", (rs, i) -> rs.getString(1), uploadId)
        .stream()
        .findFirst();
  }

  /**
   * Whether an upload waits to be retracted by a replay that has not begun: none is pausing or
   * resetting (which would take it), nor reprocessing with it.
   */
  boolean retractionWaits() {
    return Boolean.TRUE.equals(
        jdbc.queryForObject(
            """
            select exists (
                select 1 from gateway.uploads u where u.status = 'RETRACTING'
                  and not exists (
                      select 1 from gateway.replays r
                      where r.status in ('PAUSING', 'RESETTING')
                         or (r.status = 'REPROCESSING' and u.id = any (r.retracts))))""",
            Boolean.class));
  }

  /**
   * Empties the read model and sends every upload it held back to PUBLISHED, so that each becomes
   * RECONCILED again when its reprocessed rows are in. The uploads still in flight are part of the
   * replay too.
   *
   * @return false, having changed nothing, when the replay is no longer RESETTING or no longer
   *     {@code owner}'s
   */
  @Transactional
  boolean clearReadModel(long id, String owner) {
    jdbc.execute(
        "truncate results.orders, results.order_lines, results.non_order_charges,"
            + " results.rejected_rows, results.upload_markers");
    jdbc.update(
        "update gateway.uploads set status = 'PUBLISHED', finished_at = null"
            + " where status = 'RECONCILED'");
    int started =
        jdbc.update(
            """
        update gateway.replays r set status = 'REPROCESSING', error = null,
            last_upload_id = coalesce(u.last_id, 0), uploads_total = u.uploads,
            rows_total = u.rows,
            retracts = array(select id from gateway.uploads where status = 'RETRACTING')
        from (select max(id) as last_id, count(*) as uploads,
                     coalesce(sum(rows_published), 0) as rows
              from gateway.uploads where status = 'PUBLISHED') u
        where r.id = ? and r.owner = ? and r.status = 'RESETTING'""",
            id,
            owner);
    if (started == 0) {
      TransactionAspectSupport.currentTransactionStatus().setRollbackOnly();
      return false;
    }
    return true;
  }

  /** True when every upload of the replay is RECONCILED again. */
  boolean reprocessed(long id) {
    Integer pending =
        jdbc.queryForObject(
            """
            select count(*) from gateway.uploads u, gateway.replays r
            where r.id = ? and u.id <= r.last_upload_id and u.status = 'PUBLISHED'""",
            Integer.class,
            id);
    return pending != null && pending == 0;
  }
}
