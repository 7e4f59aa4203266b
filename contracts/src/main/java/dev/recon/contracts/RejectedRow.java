package dev.recon.contracts;

import java.util.Map;

/**
 * A row that breaks a rule of SPEC §3: never dropped silently.
 *
 * @param reason {@code MISSING_ORDER_ID}, {@code MISSING_AMOUNT}, {@code BAD_AMOUNT} or {@code
 *     MISSING_TYPE}
 * @param message what is wrong, in words, naming the column and value
 * @param values the row's recognised values as uploaded
 */
public record RejectedRow(
    long uploadId,
    ReportKind kind,
    String fileName,
    int rowNumber,
    String reason,
    String message,
    Map<String, String> values)
    implements RejectedEvent {}
