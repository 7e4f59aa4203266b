package dev.recon.stack;

import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * What the gateway reports once a dataset is reconciled.
 *
 * @param ordersCsv {@code GET /api/orders/export?format=csv}
 * @param summary {@code GET /api/summary}
 * @param money {@code GET /api/summary/money}
 * @param rejectedCsvs {@code GET /api/uploads/{id}/rejected?format=csv} of each upload
 */
record Results(String ordersCsv, JsonNode summary, JsonNode money, List<String> rejectedCsvs) {
  Results {
    rejectedCsvs = List.copyOf(rejectedCsvs);
  }
}
