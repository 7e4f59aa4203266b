package dev.recon.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ToleranceBandsTest {

  private final ToleranceBands bands = ToleranceBands.defaults();

  private static BigDecimal d(String value) {
    return new BigDecimal(value);
  }

  @ParameterizedTest(name = "[{index}] net {0} -> minimum {1}")
  @CsvSource({
    "-1000, 50",
    "-0.01, 50",
    "0, 50",
    "0.00, 50",
    "300, 50",
    "300.00, 50",
    "300.001, 45",
    "300.01, 45",
    "500, 45",
    "500.01, 43",
    "900, 43",
    "900.01, 38",
    "1500, 38",
    "1500.00, 38",
    "1500.01, 30",
    "1000000, 30",
  })
  void theDefaultBandIsChosenByTheExactNet(String net, String minimum) {
    assertThat(bands.minimumPercentFor(d(net))).isEqualByComparingTo(minimum);
  }

  /** Every row of edge/CASES.md "Tolerance bands": all Order & Payment Received. */
  @ParameterizedTest(name = "[{index}] {0}: shipment {1}, net {2} -> {3}")
  @CsvSource({
    "402-0000001-0000001, 600.00, 300.00, TOLERANCE_BREACHED",
    "402-0000001-0000002, 631.58, 300.00, TOLERANCE_BREACHED",
    "402-0000001-0000003, 631.58, 300.01, WITHIN_TOLERANCE",
    "402-0000001-0000004, 1136.36, 500.00, TOLERANCE_BREACHED",
    "402-0000001-0000005, 1136.36, 500.01, WITHIN_TOLERANCE",
    "402-0000001-0000006, 2200.00, 900.00, TOLERANCE_BREACHED",
    "402-0000001-0000007, 2200.00, 900.01, WITHIN_TOLERANCE",
    "402-0000001-0000008, 4411.76, 1500.00, TOLERANCE_BREACHED",
    "402-0000001-0000009, 4411.76, 1500.01, WITHIN_TOLERANCE",
    "402-0000001-0000010, 200.00, 100.00, TOLERANCE_BREACHED",
    "402-0000001-0000011, 1000.00, 450.00, TOLERANCE_BREACHED",
    "402-0000001-0000012, 1500.00, 645.00, TOLERANCE_BREACHED",
    "402-0000001-0000013, 3000.00, 1140.00, TOLERANCE_BREACHED",
    "402-0000001-0000014, 10000.00, 3000.00, TOLERANCE_BREACHED",
    "402-0000001-0000015, 200.00, 100.02, WITHIN_TOLERANCE",
    "402-0000001-0000016, 10000.00, 3001.00, WITHIN_TOLERANCE",
    "402-0000001-0000017, 500.00, 0.00, TOLERANCE_BREACHED",
    "402-0000001-0000018, 0.00, 50.00, NOT_APPLICABLE",
    "402-0000001-0000019, 1000.00, 680.00, WITHIN_TOLERANCE",
    "405-0000004-0000003, 1000.00, 450.00, TOLERANCE_BREACHED",
  })
  void checksTheEdgeCases(String orderId, String shipment, String net, ToleranceStatus status) {
    assertThat(bands.check(Category.ORDER_AND_PAYMENT_RECEIVED, d(shipment), d(net)))
        .as(orderId)
        .isEqualTo(status);
  }

  @Test
  void comparesTheExactPercentNotARoundedOne() {
    // 47.4999… rounds to 47.50 for display, yet it is not above 47.5
    ToleranceBands custom = ToleranceBands.parse("*:47.5");

    assertThat(custom.check(Category.ORDER_AND_PAYMENT_RECEIVED, d("631.58"), d("300.00")))
        .isEqualTo(ToleranceStatus.TOLERANCE_BREACHED);
    assertThat(custom.check(Category.ORDER_AND_PAYMENT_RECEIVED, d("631.58"), d("300.01")))
        .isEqualTo(ToleranceStatus.WITHIN_TOLERANCE);
    // one part in 10^20 above the minimum is above it
    assertThat(
            bands.check(
                Category.ORDER_AND_PAYMENT_RECEIVED, d("200"), d("100.00000000000000000001")))
        .isEqualTo(ToleranceStatus.WITHIN_TOLERANCE);
  }

  @Test
  void aPaymentAboveTheShipmentIsWithin() {
    assertThat(bands.check(Category.ORDER_AND_PAYMENT_RECEIVED, d("100"), d("250")))
        .isEqualTo(ToleranceStatus.WITHIN_TOLERANCE);
  }

  /** What the gateway shows: the same bands, lowest net first, the last without a bound. */
  @Test
  void listsTheBandsLowestNetFirstWithTheLastUnbounded() {
    assertThat(ToleranceBands.defaults().bands())
        .containsExactly(
            new ToleranceBands.Band(d("300"), d("50")),
            new ToleranceBands.Band(d("500"), d("45")),
            new ToleranceBands.Band(d("900"), d("43")),
            new ToleranceBands.Band(d("1500"), d("38")),
            new ToleranceBands.Band(null, d("30")));
  }

  @ParameterizedTest
  @EnumSource(
      value = Category.class,
      mode = EnumSource.Mode.EXCLUDE,
      names = "ORDER_AND_PAYMENT_RECEIVED")
  void onlyOrderAndPaymentReceivedIsChecked(Category category) {
    assertThat(bands.check(category, d("1000"), d("10"))).isEqualTo(ToleranceStatus.NOT_APPLICABLE);
    assertThat(bands.check(category, d("1000"), d("900")))
        .isEqualTo(ToleranceStatus.NOT_APPLICABLE);
  }

  @Test
  void needsAShipmentAboveZeroAndANet() {
    Category category = Category.ORDER_AND_PAYMENT_RECEIVED;

    assertThat(bands.check(category, d("0"), d("50"))).isEqualTo(ToleranceStatus.NOT_APPLICABLE);
    assertThat(bands.check(category, d("-10"), d("50"))).isEqualTo(ToleranceStatus.NOT_APPLICABLE);
    assertThat(bands.check(category, null, d("50"))).isEqualTo(ToleranceStatus.NOT_APPLICABLE);
    assertThat(bands.check(category, d("100"), null)).isEqualTo(ToleranceStatus.NOT_APPLICABLE);
  }

  @Test
  void theDefaultsAreTheSpecTable() {
    assertThat(ToleranceBands.defaults()).hasToString(ToleranceBands.DEFAULT);
    assertThat(ToleranceBands.DEFAULT).isEqualTo("300:50,500:45,900:43,1500:38,*:30");
  }

  @Test
  void parsesConfiguredBands() {
    ToleranceBands custom = ToleranceBands.parse(" 100 : 60 , 250.50:40.5,* : 20 ");

    assertThat(custom).hasToString("100:60,250.50:40.5,*:20");
    assertThat(custom.minimumPercentFor(d("100"))).isEqualByComparingTo("60");
    assertThat(custom.minimumPercentFor(d("250.50"))).isEqualByComparingTo("40.5");
    assertThat(custom.minimumPercentFor(d("250.51"))).isEqualByComparingTo("20");
    assertThat(ToleranceBands.parse("*:35").minimumPercentFor(d("-5"))).isEqualByComparingTo("35");
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"  "})
  void refusesNoBands(String text) {
    assertThatThrownBy(() -> ToleranceBands.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("empty")
        .hasMessageContaining("300:50,500:45,900:43,1500:38,*:30");
  }

  @ParameterizedTest(name = "[{index}] \"{0}\": {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "300:50,500:45|the last tolerance band '500:45' must have the bound '*'",
        "300:50|the last tolerance band '300:50' must have the bound '*'",
        "300:50,*:45,*:30|only the last tolerance band may have the bound '*', not band 2 '*:45'",
        "*:30,300:50|only the last tolerance band may have the bound '*', not band 1 '*:30'",
        "500:45,300:50,*:30|bounds must ascend, but band 2 '300:50' does not exceed 500",
        "300:50,300.00:45,*:30|bounds must ascend, but band 2 '300.00:45' does not exceed 300",
        "300-50,*:30|tolerance band 1 '300-50' is not 'upper bound:minimum percent'",
        "300:50:1,*:30|tolerance band 1 '300:50:1' is not 'upper bound:minimum percent'",
        "300:50,,*:30|tolerance band 2 '' is not 'upper bound:minimum percent'",
        "300:50,*:30,|only the last tolerance band may have the bound '*', not band 2 '*:30'",
        "abc:50,*:30|the upper bound of tolerance band 1 'abc:50' is not a number",
        "300:fifty,*:30|the minimum percent of tolerance band 1 '300:fifty' is not a number",
        "300:50,*:|the minimum percent of tolerance band 2 '*:' is not a number",
        ":50,*:30|the upper bound of tolerance band 1 ':50' is not a number",
      })
  void refusesMalformedBandsWithAClearMessage(String text, String message) {
    assertThatThrownBy(() -> ToleranceBands.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message);
  }
}
