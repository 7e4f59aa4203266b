package dev.recon.merge;

import dev.recon.contracts.Line;
import dev.recon.contracts.ResultEvent;
import dev.recon.contracts.ToleranceBands;
import dev.recon.merge.order.OrderRules;
import dev.recon.merge.order.OrderTotals;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Adds each order line to its order's totals and, when the line is new, sends the order's result
 * with that line. A line seen before (SPEC §4: its identity is in the line-ids store) changes
 * nothing and sends nothing. A line's identity hashes its order id, so the identity alone keys it.
 * Results leave at once, in input order, so an upload marker always follows the results of the
 * lines before it.
 */
final class OrderLineMerger implements FixedKeyProcessor<String, Line, ResultEvent> {

  private static final byte[] SEEN = new byte[0];

  private final ToleranceBands bands;
  private FixedKeyProcessorContext<String, ResultEvent> context;
  private KeyValueStore<String, OrderTotals> orders;
  private KeyValueStore<String, byte[]> lineIds;

  OrderLineMerger(ToleranceBands bands) {
    this.bands = bands;
  }

  @Override
  public void init(FixedKeyProcessorContext<String, ResultEvent> context) {
    this.context = context;
    this.orders = context.getStateStore(MergeTopology.ORDER_TOTALS_STORE);
    this.lineIds = context.getStateStore(MergeTopology.LINE_IDS_STORE);
  }

  @Override
  public void process(FixedKeyRecord<String, Line> record) {
    Line line = record.value();
    if (lineIds.get(line.lineId()) != null) {
      return;
    }
    lineIds.put(line.lineId(), SEEN);
    String orderId = record.key();
    OrderTotals known = orders.get(orderId);
    OrderTotals grown = (known == null ? OrderTotals.NONE : known).with(line);
    orders.put(orderId, grown);
    context.forward(record.withValue(OrderRules.evaluate(orderId, grown, line, bands)));
  }
}
