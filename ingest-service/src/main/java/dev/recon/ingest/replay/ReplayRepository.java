package dev.recon.ingest.replay;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

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

  /** A new replay in PAUSING, or empty when another one is still active. */
  Optional<Long> create() {
    return Optional.ofNullable(
        jdbc.query(
            "insert into gateway.replays (status) values ('PAUSING')"
                + " on conflict do nothing returning id",
            rs -> rs.next() ? rs.getLong(1) : null));
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

  void status(long id, ReplayStatus status) {
    jdbc.update("update gateway.replays set status = ? where id = ?", status.name(), id);
  }

  void ended(long id, ReplayStatus status, String error) {
    jdbc.update(
        "update gateway.replays set status = ?, error = ?, finished_at = now() where id = ?",
        status.name(),
        error,
        id);
  }

  /**
   * Empties the read model and sends every upload it held back to PUBLISHED, so that each becomes
   * RECONCILED again when its reprocessed rows are in. The uploads still in flight are part of the
   * replay too.
   */
  @Transactional
  void clearReadModel(long id) {
    jdbc.execute(
        "truncate results.orders, results.order_lines, results.non_order_charges,"
            + " results.rejected_rows, results.upload_markers");
    jdbc.update(
        "update gateway.uploads set status = 'PUBLISHED', finished_at = null"
            + " where status = 'RECONCILED'");
    jdbc.update(
        """
        update gateway.replays r set status = 'REPROCESSING',
            last_upload_id = coalesce(u.last_id, 0), uploads_total = u.uploads,
            rows_total = u.rows
        from (select max(id) as last_id, count(*) as uploads,
                     coalesce(sum(rows_published), 0) as rows
              from gateway.uploads where status = 'PUBLISHED') u
        where r.id = ?""",
        id);
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
