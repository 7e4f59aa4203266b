package dev.recon.ingest;

import java.time.Duration;

/** The waits between tries of a step that must succeed in the end: doubling, up to a ceiling. */
public final class Backoff {

  private final Duration longest;
  private Duration next;

  public Backoff(Duration first, Duration longest) {
    this.next = first;
    this.longest = longest;
  }

  /** The wait {@link #sleep()} takes next. */
  public Duration next() {
    return next;
  }

  /** Waits, then doubles the next wait, up to the ceiling. */
  public void sleep() throws InterruptedException {
    Thread.sleep(next.toMillis());
    Duration doubled = next.multipliedBy(2);
    next = doubled.compareTo(longest) > 0 ? longest : doubled;
  }
}
