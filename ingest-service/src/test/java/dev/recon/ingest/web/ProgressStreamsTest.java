package dev.recon.ingest.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;

import dev.recon.ingest.upload.Upload;
import dev.recon.ingest.upload.UploadNotFoundException;
import dev.recon.ingest.upload.UploadProgress;
import dev.recon.ingest.upload.UploadProgress.Progress;
import dev.recon.ingest.upload.UploadStatus;
import dev.recon.ingest.upload.Uploads;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

/** The progress stream of one upload: what it sends, when, and when it ends. */
class ProgressStreamsTest {

  private static final long ID = 7;
  private static final Pattern DATA = Pattern.compile("^data:(.*)$", Pattern.MULTILINE);
  private static final OffsetDateTime RECEIVED = OffsetDateTime.parse("2024-07-01T10:00:00Z");

  private final Uploads uploads = mock(Uploads.class);
  private final UploadProgress progress = mock(UploadProgress.class);
  private ProgressStreams streams;
  private MockMvc mvc;

  @BeforeEach
  void setUp() {
    streams = new ProgressStreams(uploads, progress, Duration.ofMinutes(1));
    mvc = MockMvcBuilders.standaloneSetup(new ProgressController(streams)).build();
  }

  @Test
  void sendsTheUploadAtOnceThenOnlyWhenItChangesAndEndsWhenReconciled() throws Exception {
    uploadIs(UploadStatus.PUBLISHED, new Progress(10, 0, 0, 10L));
    MvcResult stream = open();
    assertThat(events(stream)).hasSize(1);

    streams.push();
    assertThat(events(stream)).as("nothing changed, nothing sent").hasSize(1);

    uploadIs(UploadStatus.PUBLISHED, new Progress(10, 6, 3, 10L));
    streams.push();
    assertThat(events(stream)).hasSize(2);
    assertThat(events(stream).get(1))
        .contains("\"status\":\"PUBLISHED\"")
        .contains("\"transformed\":6")
        .contains("\"reconciled\":3");

    uploadIs(UploadStatus.RECONCILED, new Progress(10, 10, 10, 10L));
    streams.push();
    assertThat(events(stream)).hasSize(3);
    assertThat(events(stream).get(2)).contains("\"status\":\"RECONCILED\"");
    assertThat(streams.open()).isZero();

    streams.push();
    assertThat(events(stream)).as("an ended stream is sent nothing more").hasSize(3);
  }

  @Test
  void anUploadAlreadyFinalIsSentOnceAndItsStreamEnds() throws Exception {
    uploadIs(UploadStatus.REJECTED, new Progress(0, 0, 0, null));
    MvcResult stream = open();

    assertThat(events(stream)).singleElement().asString().contains("\"status\":\"REJECTED\"");
    assertThat(streams.open()).isZero();
  }

  @Test
  void everyBrowserWatchingAnUploadGetsTheChange() throws Exception {
    uploadIs(UploadStatus.RECEIVED, new Progress(5, 0, 0, null));
    MvcResult first = open();
    MvcResult second = open();
    assertThat(streams.open()).isEqualTo(2);

    uploadIs(UploadStatus.PUBLISHED, new Progress(8, 0, 0, 8L));
    streams.push();

    assertThat(events(first)).hasSize(2);
    assertThat(events(second)).hasSize(2);
  }

  @Test
  void aMomentWithoutTheStoreKeepsTheStreamOpen() throws Exception {
    uploadIs(UploadStatus.PUBLISHED, new Progress(10, 0, 0, 10L));
    MvcResult stream = open();
    when(uploads.find(ID)).thenThrow(new DataAccessResourceFailureException("down"));

    streams.push();

    assertThat(events(stream)).hasSize(1);
    assertThat(streams.open()).isEqualTo(1);
  }

  @Test
  void anUnknownUploadIsRefusedBeforeAnyStreamOpens() {
    when(uploads.find(99)).thenThrow(new UploadNotFoundException("no upload with id 99"));

    assertThatThrownBy(() -> streams.subscribe(99)).isInstanceOf(UploadNotFoundException.class);
    assertThat(streams.open()).isZero();
  }

  private void uploadIs(UploadStatus status, Progress now) {
    Upload upload =
        new Upload(
            ID,
            "mtr.csv",
            1234,
            "ab",
            "mtr",
            "csv",
            status,
            now.published(),
            now.published(),
            6,
            status == UploadStatus.REJECTED ? "FILE_NO_HEADER: no header row" : null,
            RECEIVED,
            null,
            status.isFinal() ? RECEIVED.plusSeconds(3) : null);
    when(uploads.find(ID)).thenReturn(upload);
    when(progress.of(any())).thenReturn(now);
  }

  private MvcResult open() throws Exception {
    return mvc.perform(get("/api/uploads/{id}/progress", ID).accept(MediaType.TEXT_EVENT_STREAM))
        .andExpect(request().asyncStarted())
        .andReturn();
  }

  private static List<String> events(MvcResult stream) throws Exception {
    return DATA.matcher(stream.getResponse().getContentAsString())
        .results()
        .map(match -> match.group(1))
        .toList();
  }
}
