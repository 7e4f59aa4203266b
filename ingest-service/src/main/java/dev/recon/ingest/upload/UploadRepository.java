package dev.recon.ingest.upload;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** The {@code gateway.uploads} table and the markers of each upload. */
@Repository
class UploadRepository {

  private static final RowMapper<Upload> UPLOAD =
      (rs, i) ->
          new Upload(
              rs.getLong("id"),
              rs.getString("file_name"),
              rs.getLong("size_bytes"),
              rs.getString("sha256"),
              rs.getString("kind"),
              rs.getString("format"),
              UploadStatus.valueOf(rs.getString("status")),
              rs.getLong("rows_read"),
              rs.getLong("rows_published"),
              (Integer) rs.getObject("partitions"),
              rs.getString("error"),
              rs.getObject("received_at", OffsetDateTime.class),
              rs.getObject("published_at", OffsetDateTime.class),
              rs.getObject("finished_at", OffsetDateTime.class));

  /** Where one partition's end marker of an upload landed on the raw topic. */
  record PartitionMarker(int partition, long rows, long markerOffset) {}

  /** Rows of an upload whose markers reached the sink. */
  record SinkProgress(long rowsReconciled) {}

  private final JdbcTemplate jdbc;

  UploadRepository(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  long create(String fileName, long sizeBytes, String sha256, String owner) {
    Long id =
        jdbc.queryForObject(
            "insert into gateway.uploads (file_name, size_bytes, sha256, status, owner)"
                + " values (?, ?, ?, 'RECEIVED', ?) returning id",
            Long.class,
            fileName,
            sizeBytes,
            sha256,
            owner);
    return id == null ? 0 : id;
  }

  Optional<Upload> find(long id) {
    return jdbc.query("select * from gateway.uploads where id = ?", UPLOAD, id).stream()
        .findFirst();
  }

  List<Upload> latest(int limit) {
    return jdbc.query("select * from gateway.uploads order by id desc limit ?", UPLOAD, limit);
  }

  /**
   * Uploads {@code owner} received and has not published: only it has their spooled files. Those
   * recorded before gateways had names belong to whichever gateway starts first.
   */
  List<Upload> unpublished(String owner) {
    return jdbc.query(
        "select * from gateway.uploads where status = 'RECEIVED' and (owner = ? or owner is null)"
            + " order by id",
        UPLOAD,
        owner);
  }

  List<Upload> inProgress() {
    return jdbc.query(
        "select * from gateway.uploads where status in ('RECEIVED', 'PUBLISHED') order by id",
        UPLOAD);
  }

  void opened(long id, String kind, String format) {
    jdbc.update("update gateway.uploads set kind = ?, format = ? where id = ?", kind, format, id);
  }

  void progress(long id, long rowsRead) {
    jdbc.update("update gateway.uploads set rows_read = ? where id = ?", rowsRead, id);
  }

  @Transactional
  void published(long id, long rowsRead, long rowsPublished, List<PartitionMarker> markers) {
    jdbc.batchUpdate(
        "insert into gateway.upload_partitions (upload_id, partition, rows, marker_offset)"
            + " values (?, ?, ?, ?)",
        markers,
        markers.size(),
        (statement, marker) -> {
          statement.setLong(1, id);
          statement.setInt(2, marker.partition());
          statement.setLong(3, marker.rows());
          statement.setLong(4, marker.markerOffset());
        });
    jdbc.update(
        "update gateway.uploads set status = 'PUBLISHED', rows_read = ?, rows_published = ?,"
            + " partitions = ?, published_at = now() where id = ?",
        rowsRead,
        rowsPublished,
        markers.size(),
        id);
  }

  /**
   * Makes a PUBLISHED upload RECONCILED when the markers of all its partitions are in PostgreSQL on
   * both topics, checked in the same statement. A replay empties the markers and sends uploads back
   * to PUBLISHED in one transaction, which this statement either precedes (the replay then sends
   * the upload back) or follows, seeing no marker: never an upload RECONCILED whose rows a replay
   * has just removed.
   *
   * @return whether the upload is now RECONCILED
   */
  boolean reconcileIfComplete(long id, String resultsTopic, String rejectedTopic) {
    return jdbc.update(
            """
            update gateway.uploads u set status = 'RECONCILED', error = null, finished_at = now()
            where u.id = ? and u.status = 'PUBLISHED'
              and (select count(*) from results.upload_markers m
                   where m.upload_id = u.id and m.topic = ?) >= u.partitions
              and (select count(*) from results.upload_markers m
                   where m.upload_id = u.id and m.topic = ?) >= u.partitions""",
            id,
            resultsTopic,
            rejectedTopic)
        == 1;
  }

  void ended(long id, UploadStatus status, String error) {
    jdbc.update(
        "update gateway.uploads set status = ?, error = ?, finished_at = now() where id = ?",
        status.name(),
        error,
        id);
  }

  List<PartitionMarker> markers(long id) {
    return jdbc.query(
        "select partition, rows, marker_offset from gateway.upload_partitions"
            + " where upload_id = ? order by partition",
        (rs, i) -> new PartitionMarker(rs.getInt("partition"), rs.getLong("rows"), rs.getLong(3)),
        id);
  }

  SinkProgress sinkProgress(long id, String resultsTopic) {
    return jdbc.queryForObject(
        "select coalesce(sum(rows), 0) from results.upload_markers"
            + " where upload_id = ? and topic = ?",
        (rs, i) -> new SinkProgress(rs.getLong(1)),
        id,
        resultsTopic);
  }
}
