package dev.recon.ingest.upload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recon.ingest.upload.UploadRepository.PartitionMarker;
import org.junit.jupiter.api.Test;

class UploadProgressTest {

  /** 1,000 rows at offsets 500-1499 (with nothing else in between), the marker at 1500. */
  private final PartitionMarker marker = new PartitionMarker(2, 1_000, 1_500);

  @Test
  void noRowIsPassedBeforeTheUploadsFirstRow() {
    assertThat(UploadProgress.rowsPassed(marker, 0)).isZero();
    assertThat(UploadProgress.rowsPassed(marker, 500)).isZero();
  }

  @Test
  void rowsBehindTheCommittedOffsetArePassed() {
    assertThat(UploadProgress.rowsPassed(marker, 501)).isEqualTo(1);
    assertThat(UploadProgress.rowsPassed(marker, 1_200)).isEqualTo(700);
    assertThat(UploadProgress.rowsPassed(marker, 1_500)).isEqualTo(1_000);
  }

  @Test
  void everyRowIsPassedOnceTheMarkerIs() {
    assertThat(UploadProgress.rowsPassed(marker, 1_501)).isEqualTo(1_000);
    assertThat(UploadProgress.rowsPassed(marker, 90_000)).isEqualTo(1_000);
  }
}
