package dev.recon.stack.bench;

import dev.recon.stack.bench.ReferenceData.City;
import dev.recon.stack.bench.ReferenceData.GstState;
import dev.recon.stack.bench.ReferenceData.ProductKind;
import dev.recon.stack.bench.ReferenceData.Warehouse;
import java.io.IOException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

/**
 * A seeded generator of an Amazon India seller's MTR and payment report, ported from {@code
 * shared/tools/gen_reports.py} without its messy rows: the same columns, value formats, scenarios
 * and their weights (paid, breached, pending, unpaid returns, free replacements, negative payouts,
 * cancels, removal orders, non-order charges, transfers, several shipments and payment lines per
 * order), so the same shapes, though not the same bytes. Each order's rows go to the sinks as soon
 * as the order is built, and to an {@link ExpectedResults.Tally} that knows what the pipeline must
 * make of them.
 *
 * <p>The random stream is {@link Random}, whose algorithm its specification fixes: the same orders
 * and seed give the same bytes on every JVM.
 */
final class ReportGenerator {
  private static final long DAY = 86_400;
  private static final long START =
      LocalDate.of(2024, 7, 1).toEpochSecond(LocalTime.MIN, ZoneOffset.UTC);
  private static final long DAYS = 31;
  private static final double CHARGE_RATE = 0.02;
  private static final int CATALOG_SIZE = 240;
  private static final long MAX_SINGLE_QTY_PRICE = 1_250_000;
  private static final String ALNUM =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  private static final String UPPER_NUM = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

  /** What happens to an order, with its weight in percent of orders (as in gen_reports.py). */
  enum Scenario {
    PAID(62.0),
    BREACH(7.0),
    PENDING(8.0),
    NO_MTR(4.0),
    RETURN(6.0),
    FREE_REPLACEMENT(1.5),
    NEGATIVE(3.0),
    CANCEL(2.5),
    PARTIAL_CANCEL(2.0),
    OTHER_TYPE(0.5),
    REMOVAL(1.5),
    MULTI_PAYMENT(2.0);

    private final double weight;

    Scenario(double weight) {
      this.weight = weight;
    }
  }

  private record Product(
      String sku, String asin, String title, String hsn, int rate, String rateText, long price) {}

  private record Item(
      Product product,
      int qty,
      long amount,
      long shipTime,
      String shipmentId,
      String itemId,
      String invoiceNo) {}

  private record Order(
      String id,
      long time,
      City city,
      String pin,
      boolean afn,
      String warehouse,
      String warehouseState,
      boolean interState,
      String invoicePrefix,
      String paymentMethod) {}

  private final int orders;
  private final Random random;
  private final long span;
  private final double[] cumulative;
  private final List<Scenario> forced;
  private final long orderMultiplier;
  private final long orderAddend;
  private final String sellerState;
  private final String gstin;
  private final List<Product> catalog;
  private final long settlementBase;
  private final String bankTail;
  private final Set<String> removalIds = new HashSet<>();
  private final ExpectedResults.Tally tally = new ExpectedResults.Tally();
  private long invoiceSeq;
  private ReportSink mtrSink;
  private ReportSink paymentSink;

  private ReportGenerator(int orders, long seed) {
    this.orders = orders;
    this.random = new Random(seed);
    this.span = DAYS * DAY;
    Scenario[] all = Scenario.values();
    double total = Arrays.stream(all).mapToDouble(s -> s.weight).sum();
    this.cumulative = new double[all.length];
    double sum = 0;
    for (int i = 0; i < all.length; i++) {
      sum += all[i].weight / total;
      cumulative[i] = sum;
    }
    // the first orders run through every scenario once, so that even a small set has each
    List<Scenario> first = new ArrayList<>(List.of(all));
    Collections.shuffle(first, random);
    this.forced = orders >= 2 * all.length ? first : List.of();
    this.orderMultiplier =
        (1 + random.nextInt(999_999)) * 10L + new int[] {1, 3, 7, 9}[random.nextInt(4)];
    this.orderAddend = random.nextInt(10_000_000);
    GstState state = pick(ReferenceData.SELLER_STATES);
    this.sellerState = state.name();
    this.gstin =
        state.code()
            + text("ABCDEFGHIJKLMNOPQRSTUVWXYZ", 5)
            + String.format(Locale.ROOT, "%04d", random.nextInt(10_000))
            + text("ABCDEFGHJKLMNPQRSTUVWXYZ", 1)
            + "1Z"
            + text(UPPER_NUM, 1);
    this.catalog = catalog();
    this.invoiceSeq = 100_000 + random.nextInt(900_000);
    this.settlementBase = random.nextLong(10_000_000_000L, 90_000_000_000L);
    this.bankTail = String.format(Locale.ROOT, "%04d", random.nextInt(10_000));
  }

  /**
   * Writes {@code orders} orders (and, now and then, a non-order charge) to the two sinks and
   * answers what the pipeline must make of them. The sinks are not closed.
   */
  static ExpectedResults generate(int orders, long seed, ReportSink mtr, ReportSink payment)
      throws IOException {
    ReportGenerator generator = new ReportGenerator(orders, seed);
    generator.mtrSink = mtr;
    generator.paymentSink = payment;
    for (int i = 0; i < orders; i++) {
      generator.order(i);
      if (generator.random.nextDouble() < CHARGE_RATE) {
        generator.charge(i);
      }
    }
    return generator.tally.result();
  }

  // ---------------------------------------------------------------- helpers

  private <T> T pick(List<T> values) {
    return values.get(random.nextInt(values.size()));
  }

  private double r() {
    return random.nextDouble();
  }

  private String text(String alphabet, int width) {
    char[] chars = new char[width];
    for (int i = 0; i < width; i++) {
      chars[i] = alphabet.charAt(random.nextInt(alphabet.length()));
    }
    return new String(chars);
  }

  private static long round(double x) {
    return x >= 0 ? (long) (x + 0.5) : -(long) (-x + 0.5);
  }

  /** The GST-exclusive part of a GST-inclusive amount, rounded half up to the paisa. */
  private static long exclusive(long amount, int rate) {
    long abs = Math.abs(amount);
    long excl = (2 * abs * 100 + (100 + rate)) / (2 * (100 + rate));
    return amount >= 0 ? excl : -excl;
  }

  private List<Product> catalog() {
    List<Product> products = new ArrayList<>(CATALOG_SIZE);
    for (int k = 0; k < CATALOG_SIZE; k++) {
      ProductKind kind = ReferenceData.PRODUCTS.get(k % ReferenceData.PRODUCTS.size());
      String brand = pick(ReferenceData.BRANDS);
      String color = pick(ReferenceData.COLORS);
      String title =
          r() < 0.5
              ? brand + " " + kind.noun() + " (" + color + ")"
              : brand + " " + kind.noun() + ", " + color;
      String sku =
          brand.substring(0, 3).toUpperCase(Locale.ROOT)
              + "-"
              + kind.hsn().substring(kind.hsn().length() - 3)
              + "-"
              + String.format(Locale.ROOT, "%03d", k)
              + text("ABCDEFGH", 1);
      String asin = "B0" + text(UPPER_NUM, 8);
      double ratio = (double) kind.highRupees() / kind.lowRupees();
      long rupees = (long) (kind.lowRupees() * Math.pow(ratio, r()));
      if (rupees >= 200) {
        rupees = rupees / 10 * 10 + 9;
      }
      long price = rupees * 100 + (r() < 0.1 ? 50 : 0);
      String rateText = String.format(Locale.ROOT, "%.2f", kind.gstRate() / 100.0);
      products.add(new Product(sku, asin, title, kind.hsn(), kind.gstRate(), rateText, price));
    }
    return products;
  }

  /** Ids like {@code 402-1234567-1234567}; the middle part is a bijection of i, so never twice. */
  private String orderId(int i) {
    long middle = (i * orderMultiplier + orderAddend) % 10_000_000L;
    return String.format(
        Locale.ROOT,
        "%s-%07d-%07d",
        pick(ReferenceData.ORDER_PREFIXES),
        middle,
        random.nextInt(10_000_000));
  }

  /** Removal orders have 10-character ids (SPEC §5), never all digits and never twice. */
  private String removalId() {
    while (true) {
      String id = text(ALNUM, 10);
      if (!id.chars().allMatch(Character::isDigit) && removalIds.add(id)) {
        return id;
      }
    }
  }

  private String invoiceNo(String prefix, boolean credit) {
    invoiceSeq++;
    return prefix + "-" + (credit ? "C" : "") + invoiceSeq;
  }

  private String settlement(long time) {
    return Long.toString(settlementBase + Math.max(0, time - START) / (14 * DAY));
  }

  // ---------------------------------------------------------------- rows

  private Object[] mtr(
      String type,
      Order o,
      Item item,
      String invoiceNo,
      long invoiceTime,
      long shipTime,
      long amount) {
    Product p = item.product();
    long excl = exclusive(amount, p.rate());
    long tax = amount - excl;
    return new Object[] {
      gstin,
      invoiceNo,
      invoiceTime,
      type,
      o.id(),
      item.shipmentId(),
      shipTime,
      o.time(),
      item.itemId(),
      Integer.toString(item.qty()),
      p.title(),
      p.asin(),
      p.hsn(),
      p.sku(),
      o.warehouseState(),
      o.city().name(),
      o.city().state(),
      o.pin(),
      amount,
      excl,
      tax,
      p.rateText(),
      tax,
      o.warehouse(),
      o.afn() ? "AFN" : "MFN",
      o.paymentMethod()
    };
  }

  /** The amounts of a payment row; the total is their sum (sales tax is informational). */
  private static final class Amounts {
    long productSales;
    long shipping;
    long promo;
    long tax;
    long tcsCgst;
    long tcsSgst;
    long tcsIgst;
    long tds;
    long selling;
    long fba;
    long otherFees;
    long other;

    long total() {
      return productSales
          + shipping
          + promo
          + tcsCgst
          + tcsSgst
          + tcsIgst
          + tds
          + selling
          + fba
          + otherFees
          + other;
    }
  }

  private Object[] pay(
      long time,
      String type,
      String orderId,
      String sku,
      String description,
      String qty,
      Order o,
      Amounts a) {
    String fulfilment;
    String city = "";
    String state = "";
    String pin = "";
    if (o != null) {
      city = o.city().name();
      state = o.city().state();
      pin = o.pin();
      fulfilment = o.afn() ? "Amazon" : "Seller";
    } else {
      fulfilment = orderId.isEmpty() ? "" : "Amazon";
    }
    return new Object[] {
      time,
      settlement(time),
      type,
      orderId,
      sku,
      description,
      qty,
      type.equals("Transfer") ? "" : "amazon.in",
      "Standard Orders",
      fulfilment,
      city,
      state,
      pin,
      a.productSales,
      a.shipping,
      0L,
      a.promo,
      a.tax,
      a.tcsCgst,
      a.tcsSgst,
      a.tcsIgst,
      a.tds,
      a.selling,
      a.fba,
      a.otherFees,
      a.other,
      a.total()
    };
  }

  /** An Order (sign 1) or Refund (sign -1) row whose total is {@code ratio} of the invoice. */
  private Object[] paySale(long time, Order o, Item item, double ratio, int sign) {
    Product p = item.product();
    long invoice = item.amount();
    Amounts a = new Amounts();
    a.productSales = sign * invoice;
    a.tax = sign * (invoice - exclusive(invoice, p.rate()));
    long taxable = a.productSales - a.tax;
    a.shipping = !o.afn() && sign > 0 && r() < 0.3 ? 4000L * sign : 0;
    a.promo = sign > 0 && r() < 0.08 ? -round(a.productSales * (0.05 + 0.05 * r())) : 0;
    long tcs = -round(taxable * 0.01);
    if (o.interState()) {
      a.tcsIgst = tcs;
    } else {
      a.tcsCgst = round(tcs / 2.0);
      a.tcsSgst = tcs - a.tcsCgst;
    }
    a.tds = -round(taxable * 0.001);
    long total = sign * round(invoice * ratio);
    long fees = total - a.total();
    if (o.afn()) {
      a.selling = round(fees * (0.5 + 0.25 * r()));
      a.fba = fees - a.selling;
    } else {
      a.selling = round(fees * 0.8);
      a.otherFees = fees - a.selling;
    }
    return pay(
        time,
        sign > 0 ? "Order" : "Refund",
        o.id(),
        p.sku(),
        p.title(),
        Integer.toString(item.qty()),
        o,
        a);
  }

  private enum Column {
    OTHER,
    FBA,
    OTHER_FEES
  }

  private Object[] payMisc(
      long time,
      String type,
      String orderId,
      String description,
      long amount,
      Order o,
      Item item,
      Column column) {
    Amounts a = new Amounts();
    switch (column) {
      case OTHER -> a.other = amount;
      case FBA -> a.fba = amount;
      case OTHER_FEES -> a.otherFees = amount;
    }
    String sku = item == null ? "" : item.product().sku();
    String qty = item == null ? "" : Integer.toString(item.qty());
    return pay(time, type, orderId, sku, description, qty, o, a);
  }

  // ---------------------------------------------------------------- orders

  private Order newOrder(int i) {
    City city = pick(ReferenceData.CITIES);
    boolean afn = r() < 0.75;
    String warehouse = "";
    String warehouseState = sellerState;
    if (afn) {
      Warehouse w = pick(ReferenceData.WAREHOUSES);
      warehouse = w.id();
      warehouseState = w.state();
    }
    long time = START + (i * span) / orders + (long) (r() * 3600);
    String pin = city.pinPrefix() + String.format(Locale.ROOT, "%03d", random.nextInt(1000));
    return new Order(
        orderId(i),
        time,
        city,
        pin,
        afn,
        warehouse,
        warehouseState,
        !warehouseState.equals(city.state()),
        afn ? warehouse : "SLR",
        pick(ReferenceData.PAYMENT_METHODS));
  }

  private List<Item> items(Order o, int count) {
    List<Item> items = new ArrayList<>(count);
    long shipTime = o.time() + (long) ((0.2 + 2.5 * r()) * DAY);
    String shipmentId = text(ALNUM, 9);
    boolean split = count > 1 && r() < 0.4;
    for (int k = 0; k < count; k++) {
      if (split && k > 0) {
        shipTime += (long) (r() * 2 * DAY) + 600;
        shipmentId = text(ALNUM, 9);
      }
      Product p = pick(catalog);
      // invoices stay at or below 25,000 rupees
      int qty = r() < 0.92 || p.price() > MAX_SINGLE_QTY_PRICE ? 1 : 2;
      String itemId = String.format(Locale.ROOT, "%014d", (long) (r() * 1e14));
      items.add(
          new Item(
              p,
              qty,
              p.price() * qty,
              shipTime,
              shipmentId,
              itemId,
              invoiceNo(o.invoicePrefix(), false)));
    }
    return items;
  }

  private Scenario scenario(int i) {
    if (i < forced.size()) {
      return forced.get(i);
    }
    double x = r();
    Scenario[] all = Scenario.values();
    for (int k = 0; k < all.length; k++) {
      if (x < cumulative[k]) {
        return all[k];
      }
    }
    return all[all.length - 1];
  }

  private void order(int i) throws IOException {
    Scenario scenario = scenario(i);
    if (scenario == Scenario.REMOVAL) {
      removal(i);
      return;
    }
    Order o = newOrder(i);
    int count = r() < 0.8 ? 1 : (r() < 0.75 ? 2 : 3);
    if ((scenario == Scenario.PARTIAL_CANCEL || scenario == Scenario.MULTI_PAYMENT) && count == 1) {
      count = 2;
    }
    List<Item> items = items(o, count);
    List<Object[]> mtr = new ArrayList<>();
    List<Object[]> pay = new ArrayList<>();
    double ratio = scenario == Scenario.BREACH ? 0.02 + 0.28 * r() : 0.35 + 0.55 * r();
    switch (scenario) {
      case PAID, BREACH, MULTI_PAYMENT -> {
        shipments(o, items, mtr);
        orderPayments(o, items, ratio, pay);
        if (scenario == Scenario.MULTI_PAYMENT || r() < 0.06) {
          extras(o, items, pay);
        }
      }
      case PENDING -> shipments(o, items, mtr);
      case NO_MTR -> orderPayments(o, items, ratio, pay);
      case RETURN -> {
        shipments(o, items, mtr);
        orderPayments(o, items, ratio, pay);
        Item it = pick(items);
        long returned = it.shipTime() + (long) ((8 + 15 * r()) * DAY);
        mtr.add(
            mtr(
                "Refund",
                o,
                it,
                invoiceNo(o.invoicePrefix(), true),
                returned,
                it.shipTime(),
                -it.amount()));
        if (r() < 0.8) {
          pay.add(paySale(returned + (long) (r() * 3 * DAY), o, it, 0.75 + 0.25 * r(), -1));
        }
        if (r() < 0.3) {
          pay.add(
              payMisc(
                  returned + 2 * DAY,
                  "Fulfilment Fee Refund",
                  o.id(),
                  "FBA Fulfilment Fee Refund",
                  round(2000 + 6000 * r()),
                  o,
                  it,
                  Column.FBA));
        }
      }
      case FREE_REPLACEMENT -> {
        shipments(o, items, mtr);
        orderPayments(o, items, ratio, pay);
        Item it = items.get(0);
        long replaced = it.shipTime() + (long) ((5 + 10 * r()) * DAY);
        mtr.add(
            mtr(
                "FreeReplacement",
                o,
                it,
                invoiceNo(o.invoicePrefix(), false),
                replaced,
                replaced,
                r() < 0.5 ? it.amount() : 0));
      }
      case NEGATIVE -> negative(o, items, ratio, mtr, pay);
      case CANCEL -> {
        for (Item it : items) {
          mtr.add(mtr("Cancel", o, it, "", o.time(), o.time(), it.amount()));
        }
      }
      case PARTIAL_CANCEL -> {
        List<Item> shipped = items.subList(0, items.size() - 1);
        shipments(o, shipped, mtr);
        Item it = items.get(items.size() - 1);
        mtr.add(mtr("Cancel", o, it, "", o.time(), o.time(), it.amount()));
        orderPayments(o, shipped, ratio, pay);
      }
      case OTHER_TYPE -> {
        Item it = items.get(0);
        mtr.add(
            mtr(
                "Liquidations",
                o,
                it,
                invoiceNo(o.invoicePrefix(), false),
                it.shipTime(),
                it.shipTime(),
                it.amount()));
        if (r() < 0.3) {
          mtr.add(mtr("Cancel", o, it, "", o.time(), o.time(), it.amount()));
        }
      }
      case REMOVAL -> throw new IllegalStateException("removal orders are built apart");
    }
    finish(o.id(), mtr, pay);
  }

  private void shipments(Order o, List<Item> items, List<Object[]> mtr) {
    for (Item it : items) {
      mtr.add(mtr("Shipment", o, it, it.invoiceNo(), it.shipTime(), it.shipTime(), it.amount()));
    }
  }

  private void orderPayments(Order o, List<Item> items, double ratio, List<Object[]> pay) {
    for (Item it : items) {
      long time = it.shipTime() + (long) ((2 + 10 * r()) * DAY);
      double jitter = ratio < 0.3 ? 0.0 : 0.03 * (r() - 0.5);
      pay.add(paySale(time, o, it, ratio + jitter, 1));
    }
  }

  private void negative(
      Order o, List<Item> items, double ratio, List<Object[]> mtr, List<Object[]> pay) {
    shipments(o, items, mtr);
    if (r() < 0.6) {
      orderPayments(o, items, -(0.05 + 0.45 * r()), pay);
      return;
    }
    orderPayments(o, items, ratio, pay);
    Item it = items.get(0);
    long time = it.shipTime() + (long) ((12 + 10 * r()) * DAY);
    long invoiced = items.stream().mapToLong(Item::amount).sum();
    long loss = -round(invoiced * (1.0 + 0.3 * r()));
    if (r() < 0.5) {
      String type = r() < 0.7 ? "Adjustment" : "Ajdustment";
      pay.add(
          payMisc(
              time,
              type,
              o.id(),
              "Customer Return Reimbursement Reversal",
              loss,
              o,
              it,
              Column.OTHER));
    } else {
      pay.add(
          payMisc(
              time,
              "Service Fee",
              o.id(),
              "Easy Ship Weight Handling Fee Adjustment",
              loss,
              o,
              it,
              Column.OTHER_FEES));
    }
  }

  private void extras(Order o, List<Item> items, List<Object[]> pay) {
    Item it = pick(items);
    long time = it.shipTime() + (long) ((10 + 10 * r()) * DAY);
    double k = r();
    if (k < 0.45) {
      long amount = round((2000 + 28000 * r()) * (r() < 0.75 ? 1 : -1));
      String type = r() < 0.7 ? "Adjustment" : "Ajdustment";
      pay.add(
          payMisc(
              time,
              type,
              o.id(),
              "FBA Inventory Reimbursement - Customer Return",
              amount,
              o,
              it,
              Column.OTHER));
    } else if (k < 0.8) {
      String type = r() < 0.8 ? "Fulfilment Fee Refund" : "Fulfillment Fee Refund";
      pay.add(
          payMisc(
              time,
              type,
              o.id(),
              "FBA Fulfilment Fee Refund",
              round(1500 + 5000 * r()),
              o,
              it,
              Column.FBA));
    } else {
      pay.add(
          payMisc(
              time,
              "Service Fee",
              o.id(),
              "Shipping Fee Adjustment",
              -round(2000 + 6000 * r()),
              o,
              it,
              Column.OTHER_FEES));
    }
  }

  private void removal(int i) throws IOException {
    String id = removalId();
    long time = START + (i * span) / orders + (long) (r() * DAY);
    List<Object[]> pay = new ArrayList<>();
    int rows = r() < 0.7 ? 1 : 2;
    for (int k = 0; k < rows; k++) {
      int qty = 1 + random.nextInt(6);
      Product p = pick(catalog);
      Amounts a = new Amounts();
      a.fba = -round((1000 + 5000 * r()) * qty);
      String description =
          r() < 0.6 ? "FBA Removal Order: Disposal Fee" : "FBA Removal Order: Return Fee";
      pay.add(
          pay(time, "FBA Inventory Fee", id, p.sku(), description, Integer.toString(qty), null, a));
      time += (long) (r() * DAY);
    }
    if (r() < 0.2) {
      Amounts a = new Amounts();
      a.other = round(5000 + 30000 * r());
      pay.add(
          pay(
              time + DAY,
              "Adjustment",
              id,
              "",
              "FBA Inventory Reimbursement - Removal Order Lost",
              "1",
              null,
              a));
    }
    finish(id, List.of(), pay);
  }

  /** A payment row without an order id: a non-order charge, or a Transfer to the bank. */
  private void charge(int i) throws IOException {
    long time = START + (i * span) / orders + (long) (r() * DAY);
    double k = r();
    Object[] row;
    if (k < 0.30) {
      row =
          charge(
              time,
              "Service Fee",
              "Cost of Advertising",
              -round(50_000 + 450_000 * r()),
              Column.OTHER_FEES);
    } else if (k < 0.40) {
      row = charge(time, "Service Fee", "Subscription Fee", -58_882, Column.OTHER_FEES);
    } else if (k < 0.55) {
      row =
          charge(
              time,
              "FBA Inventory Fee",
              "FBA Inventory Storage Fee",
              -round(10_000 + 290_000 * r()),
              Column.FBA);
    } else if (k < 0.62) {
      row =
          charge(
              time,
              "FBA Inventory Fee",
              "FBA Long-Term Storage Fee",
              -round(5000 + 95_000 * r()),
              Column.FBA);
    } else if (k < 0.67) {
      row = charge(time, "Service Fee", "", -round(1000 + 20_000 * r()), Column.OTHER_FEES);
    } else if (k < 0.72) {
      row =
          charge(
              time,
              "Adjustment",
              "Inbound Transportation Charge",
              -round(5000 + 50_000 * r()),
              Column.OTHER);
    } else {
      row =
          charge(
              time,
              "Transfer",
              "To account ending with: " + bankTail,
              -round(1_000_000 + 20_000_000 * r()),
              Column.OTHER);
    }
    finish("", List.of(), List.<Object[]>of(row));
  }

  private Object[] charge(long time, String type, String description, long amount, Column column) {
    return payMisc(time, type, "", description, amount, null, null, column);
  }

  private void finish(String orderId, List<Object[]> mtr, List<Object[]> pay) throws IOException {
    if (!orderId.isEmpty() && orderId.length() != ExpectedResults.REMOVAL_ID_LENGTH) {
      toleranceSafety(mtr, pay);
    }
    for (Object[] row : mtr) {
      mtrSink.add(row);
    }
    for (Object[] row : pay) {
      paymentSink.add(row);
    }
    tally.add(orderId, mtr, pay);
  }

  /**
   * As gen_reports.py: an 'Order &amp; Payment Received' order whose exact payout percent lies in
   * (minimum, minimum + 0.005] would pass the tolerance check exactly yet fail it once rounded to 2
   * decimals. Such an order gets its payout lowered to a clear breach, so that no result depends on
   * that question (datasets/README.md, decision 3).
   */
  private static void toleranceSafety(List<Object[]> mtr, List<Object[]> pay) {
    long ship = 0;
    boolean hasShip = false;
    for (Object[] row : mtr) {
      String type = (String) row[ReportLayout.MTR_TYPE];
      if (type.equals("Refund") || type.equals("FreeReplacement")) {
        return;
      }
      if (type.equals("Shipment")) {
        hasShip = true;
        ship += (Long) row[ReportLayout.MTR_INVOICE_AMOUNT];
      }
    }
    if (!hasShip || pay.isEmpty() || ship <= 0) {
      return;
    }
    long net = 0;
    for (Object[] row : pay) {
      net += (Long) row[ReportLayout.PAY_TOTAL];
    }
    if (net < 0) {
      return;
    }
    long minimum = ExpectedResults.bandMinimum(net);
    if (1000 * minimum * ship < 100_000 * net && 100_000 * net <= (1000 * minimum + 5) * ship) {
      long delta = minimum * ship / 100 - net;
      Object[] adjustable = pay.get(0);
      adjustable[ReportLayout.PAY_TOTAL] = (Long) adjustable[ReportLayout.PAY_TOTAL] + delta;
      adjustable[ReportLayout.PAY_SELLING_FEES] =
          (Long) adjustable[ReportLayout.PAY_SELLING_FEES] + delta;
    }
  }
}
