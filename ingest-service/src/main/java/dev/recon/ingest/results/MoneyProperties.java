package dev.recon.ingest.results;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the figures of SPEC §8 are read.
 *
 * @param paymentTermDays {@code RECON_PAYMENT_TERM_DAYS}: an unpaid order older than this many days
 *     is overdue (SPEC §8.2)
 */
@ConfigurationProperties("recon.money")
public record MoneyProperties(@DefaultValue("14") int paymentTermDays) {

  public MoneyProperties {
    if (paymentTermDays < 0) {
      throw new IllegalArgumentException(
          "RECON_PAYMENT_TERM_DAYS must be 0 or more days, not " + paymentTermDays);
    }
  }
}
