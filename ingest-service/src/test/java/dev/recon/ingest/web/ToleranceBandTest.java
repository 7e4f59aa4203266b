package dev.recon.ingest.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class ToleranceBandTest {

  @Test
  void readsTheDefaultTableLowestNetFirstWithTheLastBandUnbounded() {
    assertThat(ToleranceBand.parse("300:50,500:45,900:43,1500:38,*:30"))
        .containsExactly(
            new ToleranceBand(new BigDecimal("300"), new BigDecimal("50")),
            new ToleranceBand(new BigDecimal("500"), new BigDecimal("45")),
            new ToleranceBand(new BigDecimal("900"), new BigDecimal("43")),
            new ToleranceBand(new BigDecimal("1500"), new BigDecimal("38")),
            new ToleranceBand(null, new BigDecimal("30")));
  }

  @Test
  void aMalformedTableReadsAsNoBandsInsteadOfStoppingTheGateway() {
    assertThat(ToleranceBand.parse("300:50,500")).isEmpty();
    assertThat(ToleranceBand.parse("300:50,*:x")).isEmpty();
    assertThat(ToleranceBand.parse("300:50,900:40")).as("no unbounded last band").isEmpty();
    assertThat(ToleranceBand.parse("*:30,300:50")).isEmpty();
  }
}
