package dev.recon.ingest.results;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The age buckets of an unpaid order (SPEC §8.2), by whole days since it shipped. */
public enum AgeingBucket {
  UP_TO_A_WEEK("0-7", 0, 7),
  UP_TO_TWO_WEEKS("8-14", 8, 14),
  UP_TO_A_MONTH("15-30", 15, 30),
  UP_TO_TWO_MONTHS("31-60", 31, 60),
  OLDER("61+", 61, null),
  NO_DATE("no date", null, null);

  private final String label;
  private final Integer fromDays;
  private final Integer toDays;

  AgeingBucket(String label, Integer fromDays, Integer toDays) {
    this.label = label;
    this.fromDays = fromDays;
    this.toDays = toDays;
  }

  public String label() {
    return label;
  }

  /** The fewest days of an age in this bucket; null for {@link #NO_DATE}. */
  Integer fromDays() {
    return fromDays;
  }

  /** The most days of an age in this bucket; null for the oldest and for {@link #NO_DATE}. */
  Integer toDays() {
    return toDays;
  }

  /** The bucket of an age in days (never negative), or {@link #NO_DATE} for none. */
  static AgeingBucket of(Integer ageDays) {
    if (ageDays == null) {
      return NO_DATE;
    }
    for (AgeingBucket bucket : values()) {
      if (bucket.fromDays != null
          && ageDays >= bucket.fromDays
          && (bucket.toDays == null || ageDays <= bucket.toDays)) {
        return bucket;
      }
    }
    throw new IllegalArgumentException("no bucket for an age of " + ageDays + " days");
  }

  /** Reads a bucket as the API names it; null or blank is none. */
  static AgeingBucket parse(String label) {
    if (label == null || label.isBlank()) {
      return null;
    }
    for (AgeingBucket bucket : values()) {
      if (bucket.label.equalsIgnoreCase(label.strip())) {
        return bucket;
      }
    }
    throw new IllegalArgumentException(
        "unknown ageing bucket '"
            + label
            + "'; use one of "
            + Arrays.stream(values()).map(AgeingBucket::label).collect(Collectors.joining(", ")));
  }
}
