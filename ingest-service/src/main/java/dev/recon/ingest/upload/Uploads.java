package dev.recon.ingest.upload;

import dev.recon.contracts.ReportKind;
import dev.recon.ingest.Backoff;
import dev.recon.ingest.GatewayInstance;
import dev.recon.ingest.IngestProperties;
import dev.recon.ingest.eventlog.EventLog;
import dev.recon.ingest.parse.FileRejectedException;
import dev.recon.ingest.parse.ReportFile;
import dev.recon.ingest.parse.ReportReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.TransactionException;

/**
 * Takes uploaded files: stores each, refuses at once what cannot be a report, and has the rest
 * published by a worker. Each file is its own upload with its own status.
 */
@Service
public class Uploads {

  private static final Logger log = LoggerFactory.getLogger(Uploads.class);
  private static final Duration RECORD_RETRY_FIRST = Duration.ofMillis(200);
  private static final Duration RECORD_RETRY_LONGEST = Duration.ofSeconds(10);

  private final UploadRepository repository;
  private final UploadPublisher publisher;
  private final ReportReader reader;
  private final EventLog events;
  private final ExecutorService workers;
  private final ExecutorService largeUploadWorkers;
  private final Path spoolDir;
  private final GatewayInstance instance;

  Uploads(
      UploadRepository repository,
      UploadPublisher publisher,
      ReportReader reader,
      EventLog events,
      ExecutorService uploadWorkers,
      ExecutorService largeUploadWorkers,
      IngestProperties properties,
      GatewayInstance instance)
      throws IOException {
    this.instance = instance;
    this.repository = repository;
    this.publisher = publisher;
    this.reader = reader;
    this.events = events;
    this.workers = uploadWorkers;
    this.largeUploadWorkers = largeUploadWorkers;
    this.spoolDir = Files.createDirectories(properties.spoolDir());
  }

  /**
   * Stores one file and starts its publication.
   *
   * @param kind the kind the caller named, or null to detect it from the header
   * @param keys when not null, receives the keys of every published row
   * @return the upload as recorded now: RECEIVED, or REJECTED when the file cannot be read
   */
  public Upload accept(String fileName, InputStream content, ReportKind kind, PublishedKeys keys)
      throws IOException {
    String baseName = baseName(fileName);
    Path spooled = Files.createTempFile(spoolDir, "upload-", ".part");
    MessageDigest sha256 = sha256();
    long size;
    try (OutputStream out = new DigestOutputStream(Files.newOutputStream(spooled), sha256)) {
      size = content.transferTo(out);
    }
    long id =
        repository.create(baseName, size, HexFormat.of().formatHex(sha256.digest()), instance.id());
    Path stored = Files.move(spooled, spoolDir.resolve("upload-" + id));
    events.info("received " + baseName + " (" + size + " bytes)", "upload " + id);
    ReportFile file;
    try {
      file = reader.open(stored, baseName, kind);
    } catch (FileRejectedException e) {
      reject(id, baseName, e);
      Files.deleteIfExists(stored);
      return find(id);
    }
    repository.opened(id, file.kind().id(), file.format());
    workers.execute(() -> publish(id, baseName, stored, file, keys));
    return find(id);
  }

  public Upload find(long id) {
    return repository
        .find(id)
        .orElseThrow(() -> new UploadNotFoundException("no upload with id " + id));
  }

  /**
   * Publishes an upload on a worker of the small uploads' lane, or hands it to the large uploads'
   * lane once it has more rows than one transaction takes: a large upload waits for the pipeline
   * most of the time, and a small one must not wait for a worker behind it.
   */
  private void publish(long id, String fileName, Path stored, ReportFile file, PublishedKeys keys) {
    publishWith(
        id,
        fileName,
        stored,
        file,
        () -> {
          Optional<UploadPublisher.Published> whole =
              publisher.publishWhole(
                  id, fileName, file, keys, rowsRead -> recordProgress(id, rowsRead));
          if (whole.isEmpty()) {
            largeUploadWorkers.execute(() -> publishLarge(id, fileName, stored, file, keys));
          }
          return whole;
        });
  }

  private void publishLarge(
      long id, String fileName, Path stored, ReportFile file, PublishedKeys keys) {
    publishWith(
        id,
        fileName,
        stored,
        file,
        () ->
            Optional.of(
                publisher.publishInParts(
                    id,
                    fileName,
                    file,
                    () -> reader.open(stored, fileName, file.kind()),
                    keys,
                    rowsRead -> recordProgress(id, rowsRead))));
  }

  /** Runs a publication and records how it ended, unless it answers empty: it goes on elsewhere. */
  private void publishWith(
      long id, String fileName, Path stored, ReportFile file, Publication publication) {
    Optional<UploadPublisher.Published> published;
    try {
      published = publication.run();
    } catch (FileRejectedException e) {
      closeQuietly(file);
      reject(id, fileName, e);
      deleteQuietly(stored);
      return;
    } catch (InterruptedException e) {
      closeQuietly(file);
      Thread.currentThread().interrupt();
      log.info("upload {} ({}) is published again from the start on restart", id, fileName);
      return;
    } catch (IOException | RuntimeException e) {
      closeQuietly(file);
      log.error("upload {} ({}) failed", id, fileName, e);
      String message = "publishing failed: " + e.getMessage() + "; nothing was published";
      repository.ended(id, UploadStatus.FAILED, message);
      events.error("PUBLISH_FAILED", message, "upload " + id + " " + fileName, e.toString());
      deleteQuietly(stored);
      return;
    }
    if (published.isEmpty()) {
      return;
    }
    closeQuietly(file);
    if (recordPublished(id, fileName, published.get())) {
      deleteQuietly(stored);
    }
  }

  @FunctionalInterface
  private interface Publication {
    Optional<UploadPublisher.Published> run()
        throws FileRejectedException, IOException, InterruptedException;
  }

  /**
   * Rows read so far are only shown to people: a database that cannot take them now (restarting,
   * say) must not abort the upload's transaction.
   */
  private void recordProgress(long id, long rowsRead) {
    try {
      repository.progress(id, rowsRead);
    } catch (DataAccessException | TransactionException e) {
      log.warn("cannot record the progress of upload {} ({} rows read)", id, rowsRead, e);
    }
  }

  /**
   * The upload's Kafka transaction has committed: its rows are on their way whatever the database
   * says now, so the upload can no longer fail. Recording it is retried until PostgreSQL takes it
   * (also when its connection dies under the transaction, whose rollback then fails too); a gateway
   * stopped before that leaves it RECEIVED with its file spooled, and publishes it again on
   * restart, which changes no result (line identities).
   *
   * @return false when the gateway stops before it is recorded
   */
  private boolean recordPublished(long id, String fileName, UploadPublisher.Published published) {
    Backoff backoff = new Backoff(RECORD_RETRY_FIRST, RECORD_RETRY_LONGEST);
    while (true) {
      try {
        repository.published(id, published.rowsRead(), published.rowsRead(), published.markers());
        break;
      } catch (DataAccessException | TransactionException e) {
        log.warn(
            "upload {} ({}) is published but cannot be recorded as such; retrying in {} ms",
            id,
            fileName,
            backoff.next().toMillis(),
            e);
        try {
          backoff.sleep();
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          return false;
        }
      }
    }
    try {
      events.info("published " + published.rowsRead() + " rows of " + fileName, "upload " + id);
    } catch (DataAccessException | TransactionException e) {
      log.warn("cannot log the publication of upload {}", id, e);
    }
    return true;
  }

  private void reject(long id, String fileName, FileRejectedException e) {
    repository.ended(id, UploadStatus.REJECTED, e.reason());
    events.error("FILE_" + e.code(), e.reason(), "upload " + id + " " + fileName, null);
  }

  /**
   * An upload this gateway left RECEIVED when it stopped published nothing (its transaction never
   * committed), or published without its publication being recorded: either way it is published
   * again from its stored file, or failed when the file is gone. Other gateways' uploads are theirs
   * to resume: their files are in their spool directories.
   */
  @EventListener(ApplicationReadyEvent.class)
  void resumeInterrupted() {
    for (Upload upload : repository.unpublished(instance.id())) {
      Path stored = spoolDir.resolve("upload-" + upload.id());
      try {
        ReportFile file =
            reader.open(
                stored,
                upload.fileName(),
                upload.kind() == null ? null : ReportKind.fromId(upload.kind()));
        log.info("resuming upload {} ({})", upload.id(), upload.fileName());
        workers.execute(() -> publish(upload.id(), upload.fileName(), stored, file, null));
      } catch (FileRejectedException e) {
        reject(upload.id(), upload.fileName(), e);
      } catch (IOException e) {
        repository.ended(
            upload.id(),
            UploadStatus.FAILED,
            "the gateway stopped before this upload was published; please upload it again");
      }
    }
  }

  private static String baseName(String fileName) {
    String name = fileName == null ? "" : fileName;
    name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1).strip();
    return name.isEmpty() ? "upload" : name;
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java has SHA-256", e);
    }
  }

  private static void closeQuietly(ReportFile file) {
    try {
      file.close();
    } catch (IOException e) {
      log.warn("cannot close {}", file, e);
    }
  }

  private static void deleteQuietly(Path path) {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      log.warn("cannot delete {}", path, e);
    }
  }
}
