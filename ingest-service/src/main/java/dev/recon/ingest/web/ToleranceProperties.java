package dev.recon.ingest.web;

import dev.recon.contracts.ToleranceBands;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The tolerance table the dashboard and the order page show: the merge service's setting, with the
 * same default, read by the same parser.
 *
 * @param bands {@code RECON_TOLERANCE_BANDS}, read by {@link ToleranceBands#parse}
 */
@ConfigurationProperties("recon.tolerance")
public record ToleranceProperties(@DefaultValue(ToleranceBands.DEFAULT) String bands) {}
