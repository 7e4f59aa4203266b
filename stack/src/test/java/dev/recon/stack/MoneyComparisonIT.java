package dev.recon.stack;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The money comparison finds what compare_money.py finds, and nothing else. */
class MoneyComparisonIT {

  private static final String EXPECTED =
      "order_id,sales,fees,other,fee_percent,age_days,ageing_bucket,overdue\n"
          + "a,567.17,-147.30,0.00,23.80,,,\n"
          + "p,,,,,48,31-60,true\n";

  @Test
  void equalAfterRoundingInAnyColumnOrderWithExtraColumns() {
    String actual =
        "order_id,category,other,fees,sales,other,fee_percent,age_days,ageing_bucket,overdue\n"
            + "a,Return,0,-147.3,567.170,0,23.8,,,\n"
            + "p,Payment Pending,,,,,,48,31-60,TRUE\n"
            + "x,Return,,,,,,,,\n";

    assertThat(MoneyComparison.orders(EXPECTED, actual)).isEmpty();
  }

  @Test
  void aDifferentAmountBucketOrAnUnexpectedFigureIsADifference() {
    String actual =
        "order_id,sales,fees,other,fee_percent,age_days,ageing_bucket,overdue\n"
            + "a,567.17,-147.31,0.00,23.80,,,\n"
            + "p,,,,,48,15-30,true\n"
            + "x,1.00,,,,,,\n";

    assertThat(MoneyComparison.orders(EXPECTED, actual))
        .hasSize(3)
        .anySatisfy(d -> assertThat(d).startsWith("a: fees"))
        .anySatisfy(d -> assertThat(d).startsWith("p: ageing_bucket"))
        .anySatisfy(d -> assertThat(d).startsWith("x: sales expected 'null'"));
  }

  @Test
  void aMissingColumnIsReported() {
    assertThat(MoneyComparison.orders(EXPECTED, "order_id,sales\na,567.17\n"))
        .containsExactly(
            "the export lacks columns: [fees, other, fee_percent, age_days,"
                + " ageing_bucket, overdue]");
  }

  @Test
  void theSummaryIsWalkedByTheExpectedKeys() {
    var expected =
        Json.MAPPER.readTree(
            "{\"breakdown\":{\"fees\":\"-1.00\",\"fee_percent\":null},"
                + "\"ageing\":{\"as_of\":\"2024-08-19\",\"overdue\":{\"orders\":2}}}");
    var same =
        Json.MAPPER.readTree(
            "{\"breakdown\":{\"fees\":-1,\"extra\":3},"
                + "\"ageing\":{\"as_of\":\"2024-08-19\",\"overdue\":{\"orders\":2}}}");
    var other =
        Json.MAPPER.readTree(
            "{\"breakdown\":{\"fees\":\"-1.00\",\"fee_percent\":\"1.00\"},"
                + "\"ageing\":{\"as_of\":\"2024-08-20\",\"overdue\":3}}");

    assertThat(MoneyComparison.summary(expected, same)).isEmpty();
    assertThat(MoneyComparison.summary(expected, other))
        .containsExactly(
            "breakdown.fee_percent: 1.00 != null",
            "ageing.as_of: 2024-08-20 != 2024-08-19",
            "ageing.overdue: expected an object, got 3");
  }
}
