package dev.recon.contracts.line;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class AmountsTest {

  @ParameterizedTest(name = "[{index}] \"{0}\" -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        // SPEC §2 forms
        "1234.5|1234.5",
        "1,234.50|1234.50",
        "-12|-12",
        "+12|12",
        "(12.50)|-12.50",
        "0|0",
        "0.00|0.00",
        "-0.00|0.00",
        "007|7",
        // grouping, decision 8: Western and Indian
        "1,234|1234",
        "12,345|12345",
        "123,456|123456",
        "1,234,567.89|1234567.89",
        "12,34,567.89|1234567.89",
        "1,00,000|100000",
        "1,23,45,678|12345678",
        "99,99,99,999.99|999999999.99",
        // currency marks before or after, with or without spaces
        "₹1,200.00|1200.00",
        "₹ 1,200.00|1200.00",
        "' ₹1,499.00 '|1499.00",
        "Rs. 450.00|450.00",
        "Rs.450|450",
        "rs. 450|450",
        "INR 300|300",
        "INR300|300",
        "inr 300|300",
        "$12|12",
        "$ 12|12",
        "12$|12",
        "1,200.00 ₹|1200.00",
        "450 Rs.|450",
        "300 INR|300",
        "300INR|300",
        // signs and parentheses around marks
        "-₹12|-12",
        "₹-12|-12",
        "₹ -12|-12",
        "-12 INR|-12",
        "+$12|12",
        "(₹12.50)|-12.50",
        "₹(12.50)|-12.50",
        "(12.50) INR|-12.50",
        "( 12.50 )|-12.50",
        "(1,234.50)|-1234.50",
        // white space: ASCII, tab, no-break space between mark and number
        "'  12.5  '|12.5",
        "'\t12\t'|12",
        "₹\u00A0100|100",
        // beyond a long: exact, scale kept
        "123456789012345678901234.5678|123456789012345678901234.5678",
        "-1,234,567,890,123,456,789.10|-1234567890123456789.10",
        "0.000000000000000000001|0.000000000000000000001",
        "999999999999999999|999999999999999999",
        "9999999999999999999|9999999999999999999",
      })
  void readsExactDecimals(String text, String expected) {
    BigDecimal value = Amounts.parse(text).orElseThrow();

    assertThat(value).isEqualTo(new BigDecimal(expected));
    assertThat(value.scale()).isEqualTo(new BigDecimal(expected).scale());
  }

  @ParameterizedTest(name = "[{index}] \"{0}\"")
  @NullAndEmptySource
  @ValueSource(
      strings = {
        "   ",
        // not numbers
        "abc",
        "N/A",
        "twelve",
        "NaN",
        "nan",
        "Infinity",
        "-Infinity",
        "1e3",
        "1E3",
        "1.5e2",
        "0x1F",
        "12.5.0",
        ".5",
        "12.",
        "Rs..450",
        "1,234.",
        "1.234,5",
        // a lone mark, sign or parenthesis
        "₹",
        "Rs.",
        "INR",
        "$",
        "-",
        "+",
        "-₹",
        "()",
        "(",
        ")",
        ".",
        "(-12)",
        "-(12)",
        "--12",
        "+-12",
        "12-",
        "- 12",
        "(12",
        "12)",
        // misplaced commas, decision 8
        "1234,567",
        "1,23",
        "1,2345",
        "12,3456",
        ",123",
        "1,,234",
        "1,234,",
        "1,234,56",
        "123,45,678",
        "1,234,56,789",
        "12,34,567,890",
        "1,234.5,6",
        "1.234,567",
        // marks: two, unknown, or not a mark
        "₹$12",
        "₹12₹",
        "Rs 450",
        "USD 12",
        "€12",
        "12 ₹ 3",
        // non-ASCII digits
        "١٢",
        "１２",
        "12 34",
      })
  void refusesAnythingElse(String text) {
    assertThat(Amounts.parse(text)).isEmpty();
  }

  @Test
  void refusesHostileTextQuickly() {
    String digitsAndCommas = "1,".repeat(200_000) + "x";

    assertThat(Amounts.parse(digitsAndCommas)).isEmpty();
    assertThat(Amounts.parse("(".repeat(100_000))).isEmpty();
  }
}
