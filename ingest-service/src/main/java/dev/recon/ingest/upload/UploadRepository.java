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

  /** Rows of an upload whose markers reached the sink, by topic. */
  record SinkProgress(int resultMarkers, int rejectedMarkers, long rowsReconciled) {}

  private final JdbcTemplate jdbc;

  UploadRepository(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  long create(String fileName, long sizeBytes, String sha256) {
    Long id =
        jdbc.queryForObject(
            "insert into gateway.uploads (file_name, size_bytes, sha256, status)"
                + " values (?, ?, ?, 'RECEIVED') returning id",
            Long.class,
            fileName,
            sizeBytes,
            sha256);
    return id == null ? 0 : id;
  }

  Optional<Upload> find(long id) {
    return jdbc.query("select * from gateway.uploads where id = ?", UPLOAD, id).stream()
        .findFirst();
  }

  List<Upload> latest(int limit) {
    return jdbc.query("select * from gateway.uploads order by id desc limit ?", UPLOAD, limit);
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

  SinkProgress sinkProgress(long id, String resultsTopic, String rejectedTopic) {
    return jdbc.queryForObject(
        "select count(*) filter (where topic = ?), count(*) filter (where topic = ?),"
            + " coalesce(sum(rows) filter (where topic = ?), 0)"
            + " from results.upload_markers where upload_id = ?",
        (rs, i) -> new SinkProgress(rs.getInt(1), rs.getInt(2), rs.getLong(3)),
        resultsTopic,
        rejectedTopic,
        resultsTopic,
        id);
  }
}
