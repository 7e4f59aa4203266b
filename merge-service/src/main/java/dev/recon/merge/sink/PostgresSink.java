package dev.recon.merge.sink;

import dev.recon.contracts.Line;
import dev.recon.contracts.OrderResult;
import dev.recon.contracts.PayoutBreakdown;
import dev.recon.contracts.RejectedRow;
import java.util.Collection;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes results, non-order charges, dead letters and upload markers to PostgreSQL. Each poll is
 * one database transaction of batched upserts keyed like the records, and the offsets are committed
 * only after it: a batch written twice after a crash leaves the same rows.
 *
 * <p>A failure that may pass (a lost connection, a timeout) fails the poll, which the container's
 * error handler retries with backoff. A record PostgreSQL refuses for its values never passes: the
 * batch is then written again record by record, and the rows behind each refused record go to the
 * dead letters with the database's reason, so that their upload ends with them listed as rejected
 * and the records behind them flow.
 */
@Component
class PostgresSink {

  private static final Logger log = LoggerFactory.getLogger(PostgresSink.class);
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final JdbcTemplate jdbc;
  private final TransactionTemplate transactions;

  PostgresSink(JdbcTemplate jdbc, PlatformTransactionManager transactionManager) {
    this.jdbc = jdbc;
    this.transactions = new TransactionTemplate(transactionManager);
  }

  @KafkaListener(
      id = "recon-sink",
      // The group is spring.kafka.consumer.group-id (RECON_SINK_GROUP), the one a replay pauses
      // and resets; by default a listener's id would be its group.
      idIsGroup = false,
      // Started by ReplayControl, which keeps it stopped while a replay is under way.
      autoStartup = "false",
      topics = {
        "#{T(dev.recon.contracts.Topics).RESULTS.name()}",
        "#{T(dev.recon.contracts.Topics).REJECTED.name()}"
      },
      batch = "true")
  public void write(List<ConsumerRecord<String, byte[]>> records) {
    ResultBatch batch = ResultBatch.of(records);
    try {
      transactions.executeWithoutResult(status -> write(batch));
    } catch (DataAccessException e) {
      if (Refusals.refusal(e).isEmpty()) {
        throw e;
      }
      log.warn(
          "PostgreSQL refused a record of a batch of {}: writing them one at a time",
          records.size());
      transactions.executeWithoutResult(status -> writeEachApart(records, status));
    }
  }

  /** Each record behind a savepoint of its own: a refused one is undone alone. */
  private void writeEachApart(
      List<ConsumerRecord<String, byte[]>> records, TransactionStatus transaction) {
    for (ConsumerRecord<String, byte[]> record : records) {
      ResultBatch single = ResultBatch.of(List.of(record));
      Object savepoint = transaction.createSavepoint();
      try {
        write(single);
        transaction.releaseSavepoint(savepoint);
      } catch (DataAccessException e) {
        String reason = Refusals.refusal(e).orElseThrow(() -> e);
        List<RejectedRow> refused = single.refusedRows(reason);
        if (refused.isEmpty()) {
          // A marker carries no value of a row's: its refusal is a fault of the database.
          throw e;
        }
        transaction.rollbackToSavepoint(savepoint);
        log.warn(
            "PostgreSQL refused {} at {}-{}@{}: {} rows to the dead letters",
            record.key(),
            record.topic(),
            record.partition(),
            record.offset(),
            refused.size(),
            e);
        writeRefused(refused, transaction);
      }
    }
  }

  /** Dead letters whose values themselves are refused keep their reason without the values. */
  private void writeRefused(List<RejectedRow> refused, TransactionStatus transaction) {
    Object savepoint = transaction.createSavepoint();
    try {
      writeRejected(refused);
      transaction.releaseSavepoint(savepoint);
    } catch (DataAccessException e) {
      if (Refusals.refusal(e).isEmpty()) {
        throw e;
      }
      transaction.rollbackToSavepoint(savepoint);
      writeRejected(refused.stream().map(ResultBatch::withoutValues).toList());
    }
  }

  private void write(ResultBatch batch) {
    writeOrders(batch.orders().values());
    writeOrderLines(batch.orderLines());
    writeCharges(batch);
    writeRejected(batch.rejected());
    // Last, in the same transaction: a marker says that everything before it is in.
    jdbc.batchUpdate(
        """
        insert into results.upload_markers (upload_id, topic, partition, rows)
        values (?, ?, ?, ?) on conflict do nothing""",
        batch.markers(),
        batch.markers().size(),
        (statement, marked) -> {
          statement.setLong(1, marked.marker().uploadId());
          statement.setString(2, marked.topic());
          statement.setInt(3, marked.marker().partition());
          statement.setLong(4, marked.marker().rows());
        });
    if (log.isDebugEnabled()) {
      log.debug(
          "wrote {} orders, {} charges, {} rejected rows, {} markers",
          batch.orders().size(),
          batch.charges().size(),
          batch.rejected().size(),
          batch.markers().size());
    }
  }

  /**
   * An order's results only ever grow: each one the merge sends adds a distinct line, so its line
   * count is its version. A result with fewer lines than the stored one is older and changes
   * nothing, such as one written late by a sink consumer that lost its partitions while paused.
   */
  private void writeOrders(Collection<OrderResult> orders) {
    jdbc.batchUpdate(
        """
        insert into results.orders (order_id, category, tolerance_status, shipment_invoice_amount,
            return_invoice_amount, net_amount, payout_percent, tolerance_minimum, mtr_lines,
            payment_lines, productsales, shippingcredits, giftwrapcredits, promotionalrebates,
            sellingfees, fbafees, othertransactionfees, other, tcscgst, tcssgst, tcsigst,
            tdssection194o, inconsistent_lines, fee_percent, shipped_date, sales, fees, tcs,
            updated_at)
        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,
            now())
        on conflict (order_id) do update set
            category = excluded.category, tolerance_status = excluded.tolerance_status,
            shipment_invoice_amount = excluded.shipment_invoice_amount,
            return_invoice_amount = excluded.return_invoice_amount,
            net_amount = excluded.net_amount, payout_percent = excluded.payout_percent,
            tolerance_minimum = excluded.tolerance_minimum,
            mtr_lines = excluded.mtr_lines, payment_lines = excluded.payment_lines,
            productsales = excluded.productsales, shippingcredits = excluded.shippingcredits,
            giftwrapcredits = excluded.giftwrapcredits,
            promotionalrebates = excluded.promotionalrebates, sellingfees = excluded.sellingfees,
            fbafees = excluded.fbafees, othertransactionfees = excluded.othertransactionfees,
            other = excluded.other, tcscgst = excluded.tcscgst, tcssgst = excluded.tcssgst,
            tcsigst = excluded.tcsigst, tdssection194o = excluded.tdssection194o,
            inconsistent_lines = excluded.inconsistent_lines, fee_percent = excluded.fee_percent,
            shipped_date = excluded.shipped_date, sales = excluded.sales, fees = excluded.fees,
            tcs = excluded.tcs, updated_at = excluded.updated_at
        where orders.mtr_lines + orders.payment_lines
            <= excluded.mtr_lines + excluded.payment_lines""",
        orders,
        orders.size(),
        (statement, order) -> {
          statement.setString(1, order.orderId());
          statement.setString(2, order.category().label());
          statement.setString(3, order.toleranceStatus().label());
          statement.setBigDecimal(4, order.shipmentInvoiceAmount());
          statement.setBigDecimal(5, order.returnInvoiceAmount());
          statement.setBigDecimal(6, order.netAmount());
          statement.setBigDecimal(7, order.payoutPercent());
          statement.setBigDecimal(8, order.toleranceMinimumPercent());
          statement.setInt(9, order.mtrLines());
          statement.setInt(10, order.paymentLines());
          PayoutBreakdown breakdown = order.breakdown();
          int column = 11;
          for (int i = 0; i < PayoutBreakdown.COLUMNS.size(); i++) {
            statement.setBigDecimal(
                column++, breakdown == null ? null : breakdown.components().get(i));
          }
          statement.setObject(column++, breakdown == null ? null : order.inconsistentLines());
          statement.setBigDecimal(column++, breakdown == null ? null : breakdown.feePercent());
          statement.setObject(column++, order.shippedDate());
          statement.setBigDecimal(column++, breakdown == null ? null : breakdown.sales());
          statement.setBigDecimal(column++, breakdown == null ? null : breakdown.fees());
          statement.setBigDecimal(column, breakdown == null ? null : breakdown.tcs());
        });
  }

  private void writeOrderLines(List<Line> lines) {
    jdbc.batchUpdate(
        """
        insert into results.order_lines (order_id, line_id, kind, transaction_type, payment_type,
            amount, line_date, upload_id, file_name, row_number, details, paid_on, tax_month,
            tcscgst, tcssgst, tcsigst, tdssection194o, consistent)
        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::json, ?, ?, ?, ?, ?, ?, ?)
        on conflict do nothing""",
        lines,
        lines.size(),
        (statement, line) -> {
          statement.setString(1, line.orderId());
          statement.setString(2, line.lineId());
          statement.setString(3, line.kind().id());
          statement.setString(4, line.transactionType());
          statement.setString(5, line.paymentType());
          statement.setBigDecimal(6, line.amount());
          statement.setString(7, line.date());
          statement.setLong(8, line.uploadId());
          statement.setString(9, line.fileName());
          statement.setInt(10, line.rowNumber());
          statement.setString(11, JSON.writeValueAsString(line.details()));
          LineMoney.of(line).set(statement, 12);
        });
  }

  private void writeCharges(ResultBatch batch) {
    jdbc.batchUpdate(
        """
        insert into results.non_order_charges (line_id, description, payment_type, amount,
            line_date, upload_id, file_name, row_number, details, paid_on, tax_month, tcscgst,
            tcssgst, tcsigst, tdssection194o, consistent)
        values (?, ?, ?, ?, ?, ?, ?, ?, ?::json, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing""",
        batch.charges(),
        batch.charges().size(),
        (statement, charge) -> {
          Line line = charge.line();
          String description = line.detail("description");
          statement.setString(1, line.lineId());
          statement.setString(2, description == null ? "(blank)" : description);
          statement.setString(3, line.paymentType());
          statement.setBigDecimal(4, line.amount());
          statement.setString(5, line.date());
          statement.setLong(6, line.uploadId());
          statement.setString(7, line.fileName());
          statement.setInt(8, line.rowNumber());
          statement.setString(9, JSON.writeValueAsString(line.details()));
          LineMoney.of(line).set(statement, 10);
        });
  }

  private void writeRejected(List<RejectedRow> rows) {
    jdbc.batchUpdate(
        """
        insert into results.rejected_rows (upload_id, row_number, file_name, kind, reason,
            message, raw_values)
        values (?, ?, ?, ?, ?, ?, ?::json) on conflict do nothing""",
        rows,
        rows.size(),
        (statement, row) -> {
          statement.setLong(1, row.uploadId());
          statement.setInt(2, row.rowNumber());
          statement.setString(3, row.fileName());
          statement.setString(4, row.kind().id());
          statement.setString(5, row.reason());
          statement.setString(6, row.message());
          statement.setString(7, JSON.writeValueAsString(row.values()));
        });
  }
}
