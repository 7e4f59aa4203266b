package dev.recon.merge;

import dev.recon.contracts.Line;
import dev.recon.contracts.ResultEvent;
import dev.recon.contracts.ToleranceBands;
import dev.recon.merge.order.OrderRules;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Adds each order line to its order in the store and, when the line is new, sends the order's
 * result with that line. A line seen before changes nothing and sends nothing. Results leave at
 * once, in input order, so an upload marker always follows the results of the lines before it.
 */
final class OrderLineMerger implements FixedKeyProcessor<String, Line, ResultEvent> {

  private final ToleranceBands bands;
  private FixedKeyProcessorContext<String, ResultEvent> context;
  private KeyValueStore<String, OrderLines> orders;

  OrderLineMerger(ToleranceBands bands) {
    this.bands = bands;
  }

  @Override
  public void init(FixedKeyProcessorContext<String, ResultEvent> context) {
    this.context = context;
    this.orders = context.getStateStore(MergeTopology.ORDER_LINES_STORE);
  }

  @Override
  public void process(FixedKeyRecord<String, Line> record) {
    String orderId = record.key();
    Line line = record.value();
    OrderLines known = orders.get(orderId);
    if (known == null) {
      known = OrderLines.empty();
    }
    OrderLines grown = known.with(line);
    if (grown == known) {
      return;
    }
    orders.put(orderId, grown);
    context.forward(
        record.withValue(OrderRules.evaluate(orderId, grown.mtr(), grown.payment(), line, bands)));
  }
}
