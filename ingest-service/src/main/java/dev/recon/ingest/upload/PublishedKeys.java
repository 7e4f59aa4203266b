package dev.recon.ingest.upload;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the rows of some uploads turn into, for the original API's answer about exactly those
 * uploads: the orders they touch, and the line ids of their rows without an order id (the non-order
 * charges, which the sink stores by line id). A file uploaded again has the same line ids, so its
 * charges are found even where an earlier upload stored them first.
 */
public record PublishedKeys(Set<String> orderIds, Set<String> chargeLineIds) {

  public static PublishedKeys collecting() {
    return new PublishedKeys(ConcurrentHashMap.newKeySet(), ConcurrentHashMap.newKeySet());
  }

  void add(String orderId, String lineId) {
    if (orderId == null || orderId.isBlank()) {
      chargeLineIds.add(lineId);
    } else {
      orderIds.add(orderId.strip());
    }
  }
}
