package dev.recon.ingest.web;

import dev.recon.contracts.Category;
import dev.recon.contracts.ToleranceBands;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** What the dashboard and the order page need beyond the results API: the tolerance picture. */
@RestController
@RequestMapping("/api")
class InsightsController {

  private static final int MAX_BUCKET_WIDTH = 50;

  private final PayoutHistogram histogram;
  private final FeePercentHistogram feePercents;
  private final List<ToleranceBands.Band> bands;

  InsightsController(
      PayoutHistogram histogram, FeePercentHistogram feePercents, ToleranceBands toleranceBands) {
    this.histogram = histogram;
    this.feePercents = feePercents;
    this.bands = toleranceBands.bands();
  }

  /** The tolerance bands, lowest net amount first, the last one unbounded. */
  @GetMapping("/tolerance-bands")
  Map<String, Object> toleranceBands() {
    return Map.of("bands", bands);
  }

  /** Fee percents of the orders that have one (SPEC §8.1), in buckets of {@code width} percent. */
  @GetMapping("/summary/fee-percent-histogram")
  Map<String, Object> feePercentHistogram(@RequestParam(defaultValue = "10") int width) {
    requireBucketWidth(width);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("width", width);
    body.put("buckets", feePercents.buckets(width));
    return body;
  }

  private static void requireBucketWidth(int width) {
    if (width < 1 || width > MAX_BUCKET_WIDTH) {
      throw new IllegalArgumentException(
          "width must be between 1 and " + MAX_BUCKET_WIDTH + " percent");
    }
  }

  /** Payout percents of paid orders in buckets of {@code width} percent, with the bands. */
  @GetMapping("/summary/payout-histogram")
  Map<String, Object> payoutHistogram(@RequestParam(defaultValue = "5") int width) {
    requireBucketWidth(width);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("category", Category.ORDER_AND_PAYMENT_RECEIVED.label());
    body.put("width", width);
    body.put("buckets", histogram.buckets(width));
    body.put("bands", bands);
    return body;
  }
}
