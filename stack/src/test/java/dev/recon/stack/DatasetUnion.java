package dev.recon.stack;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What one stack must hold after several datasets were reconciled into it, one after the other. The
 * shared datasets have no order id in common, so every order is one dataset's and keeps what its
 * expected/ says, and the summary is the sum of theirs: counts and amounts add up, non-order
 * charges per description.
 */
final class DatasetUnion {
  private static final List<String> SECTIONS = List.of("categories", "tolerance");

  private final List<Dataset> datasets = new ArrayList<>();

  void add(Dataset dataset) {
    datasets.add(dataset);
  }

  List<String> names() {
    return datasets.stream().map(Dataset::name).toList();
  }

  /** Every way an export and a summary differ from the union; empty when they match. */
  List<String> differences(String ordersCsv, JsonNode summary) {
    List<String> differences = new ArrayList<>();
    differences.addAll(ResultComparison.orders(expectedOrdersCsv(), ordersCsv));
    differences.addAll(ResultComparison.summary(expectedSummary(), summary));
    return differences;
  }

  /** The orders of every dataset under one header. */
  String expectedOrdersCsv() {
    StringBuilder csv = new StringBuilder(String.join(",", ResultComparison.COLUMNS)).append('\n');
    for (Dataset dataset : datasets) {
      String orders = dataset.expectedOrdersCsv();
      csv.append(orders.substring(orders.indexOf('\n') + 1));
      if (csv.charAt(csv.length() - 1) != '\n') {
        csv.append('\n');
      }
    }
    return csv.toString();
  }

  /** The sum of every dataset's summary.json. */
  JsonNode expectedSummary() {
    Map<String, Map<String, Long>> counts = new TreeMap<>();
    Map<String, Long> chargeLines = new TreeMap<>();
    Map<String, BigDecimal> chargeAmounts = new TreeMap<>();
    Map<String, BigDecimal> totals = new TreeMap<>();
    for (Dataset dataset : datasets) {
      JsonNode summary = dataset.expectedSummary();
      for (String section : SECTIONS) {
        JsonNode values = summary.path(section);
        for (String key : values.propertyNames()) {
          counts
              .computeIfAbsent(section, s -> new TreeMap<>())
              .merge(key, values.get(key).asLong(), Long::sum);
        }
      }
      for (JsonNode charge : summary.path("non_order_charges")) {
        String description = charge.path("description").asString();
        chargeLines.merge(description, charge.path("lines").asLong(), Long::sum);
        chargeAmounts.merge(
            description, new BigDecimal(charge.path("amount").asString()), BigDecimal::add);
      }
      JsonNode datasetTotals = summary.path("totals");
      for (String key : datasetTotals.propertyNames()) {
        totals.merge(key, new BigDecimal(datasetTotals.get(key).asString()), BigDecimal::add);
      }
    }
    ObjectNode sum = Json.MAPPER.createObjectNode();
    counts.forEach(
        (section, values) -> {
          ObjectNode node = sum.putObject(section);
          values.forEach(node::put);
        });
    ArrayNode charges = sum.putArray("non_order_charges");
    chargeLines.forEach(
        (description, lines) ->
            charges
                .addObject()
                .put("description", description)
                .put("lines", lines)
                .put("amount", chargeAmounts.get(description).toPlainString()));
    ObjectNode totalsNode = sum.putObject("totals");
    totals.forEach(
        (key, value) -> {
          if (key.endsWith("amount")) {
            totalsNode.put(key, value.toPlainString());
          } else {
            totalsNode.put(key, value.longValueExact());
          }
        });
    return sum;
  }
}
