package dev.recon.ingest.results;

import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * How many orders a filter matches, for the orders table's pager. Counting a million orders is a
 * scan of the whole table, a few hundred milliseconds while the sink writes to it: a page must not
 * wait for that. A count up to {@link #EXACT_UP_TO} is taken with the page (the scan stops there);
 * a larger one is the last full count of the same filter, counted again in the background once it
 * is older than {@link #MAX_AGE}, and marked as not exact.
 */
@Component
class OrderCounts {

  /** A count. {@code exact}: taken now; otherwise at most a few seconds old. */
  record Count(long orders, boolean exact) {}

  static final int EXACT_UP_TO = 10_000;
  static final Duration MAX_AGE = Duration.ofSeconds(2);
  private static final int FILTERS_REMEMBERED = 64;
  private static final Logger log = LoggerFactory.getLogger(OrderCounts.class);

  private final JdbcTemplate jdbc;
  private final int exactUpTo;
  private final Duration maxAge;
  private final Clock clock;
  private final ExecutorService recounts =
      Executors.newSingleThreadExecutor(
          runnable -> {
            Thread thread = new Thread(runnable, "order-recount");
            thread.setDaemon(true);
            return thread;
          });

  /** The latest full counts by filter, least recently used first; guarded by itself. */
  private final Map<OrderFilter, FullCount> fullCounts =
      new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<OrderFilter, FullCount> eldest) {
          return size() > FILTERS_REMEMBERED;
        }
      };

  private record FullCount(long orders, Instant countedAt, boolean recounting) {}

  @Autowired
  OrderCounts(JdbcTemplate jdbc) {
    this(jdbc, EXACT_UP_TO, MAX_AGE, Clock.systemUTC());
  }

  OrderCounts(JdbcTemplate jdbc, int exactUpTo, Duration maxAge, Clock clock) {
    this.jdbc = jdbc;
    this.exactUpTo = exactUpTo;
    this.maxAge = maxAge;
    this.clock = clock;
  }

  Count count(OrderFilter filter) {
    long upToLimit = countUpTo(filter, exactUpTo + 1);
    if (upToLimit <= exactUpTo) {
      return new Count(upToLimit, true);
    }
    FullCount known;
    synchronized (fullCounts) {
      known = fullCounts.get(filter);
      if (known != null && !known.recounting() && isStale(known)) {
        fullCounts.put(filter, new FullCount(known.orders(), known.countedAt(), true));
        recounts.execute(() -> recount(filter));
      }
    }
    if (known == null) {
      return new Count(recount(filter), true);
    }
    return new Count(known.orders(), false);
  }

  private boolean isStale(FullCount count) {
    return Duration.between(count.countedAt(), clock.instant()).compareTo(maxAge) > 0;
  }

  private long recount(OrderFilter filter) {
    Instant countedAt = clock.instant();
    try {
      long orders = countAll(filter);
      synchronized (fullCounts) {
        fullCounts.put(filter, new FullCount(orders, countedAt, false));
      }
      return orders;
    } catch (RuntimeException e) {
      synchronized (fullCounts) {
        // the next page asks again
        fullCounts.remove(filter);
      }
      log.warn("cannot count the orders of {}", filter, e);
      throw e;
    }
  }

  private long countAll(OrderFilter filter) {
    return query("select count(*) from results.orders" + filter.whereClause(), filter);
  }

  private long countUpTo(OrderFilter filter, int limit) {
    return query(
        "select count(*) from (select 1 from results.orders"
            + filter.whereClause()
            + " limit "
            + limit
            + ") r",
        filter);
  }

  private long query(String sql, OrderFilter filter) {
    Long count = jdbc.queryForObject(sql, Long.class, filter.parameters().toArray());
    return count == null ? 0 : count;
  }

  @PreDestroy
  void stop() {
    recounts.shutdownNow();
  }
}
