package dev.recon.merge.sink;

import java.sql.SQLException;
import java.util.Optional;

/**
 * Tells a record PostgreSQL will never accept from a failure that may pass. Only the SQLSTATE
 * classes that depend on the values written are permanent: 22 (data exception: a number out of
 * range, text it cannot hold) and 23 (integrity constraint violation). Everything else (a lost
 * connection, a timeout, a serialization failure or deadlock, a server shutting down, and also a
 * missing table or column, which no single record causes) is retried, so a fault of the database or
 * of the code never sends good records to the dead letters.
 */
final class Refusals {

  private static final String DATA_EXCEPTION = "22";
  private static final String INTEGRITY_CONSTRAINT_VIOLATION = "23";

  private Refusals() {}

  /** The database's reason when {@code failure} is a permanent refusal, else empty. */
  static Optional<String> refusal(Throwable failure) {
    // The driver's batch exception repeats the whole statement; the server's own words are in the
    // last exception chained to it.
    String reason = null;
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof SQLException sql) {
        for (SQLException next = sql; next != null; next = next.getNextException()) {
          String state = next.getSQLState();
          if (state != null
              && (state.startsWith(DATA_EXCEPTION)
                  || state.startsWith(INTEGRITY_CONSTRAINT_VIOLATION))) {
            reason = state + ": " + firstLine(next.getMessage());
          }
        }
      }
    }
    return Optional.ofNullable(reason);
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "";
    }
    int end = message.indexOf('\n');
    return end < 0 ? message : message.substring(0, end);
  }
}
