package dev.recon.contracts.line;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.recon.contracts.ReportKind;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LineIdentityTest {

  /** Edge 404-0000003-0000004 as {@code jan.csv} writes it. */
  private static Map<String, String> janRow() {
    Map<String, String> row = new LinkedHashMap<>();
    row.put("datetime", "15/01/2024 09:30");
    row.put("settlementid", "22233344455");
    row.put("type", "Order");
    row.put("orderid", "404-0000003-0000004");
    row.put("sku", "EDGE-SKU");
    row.put("description", "D4");
    row.put("quantity", "1");
    row.put("total", "1,050.00");
    return row;
  }

  private static ContentHash payment(Map<String, String> values) {
    return LineIdentity.contentHash(ReportKind.PAYMENT, values);
  }

  private static Map<String, String> with(Map<String, String> row, String column, String value) {
    Map<String, String> changed = new HashMap<>(row);
    changed.put(column, value);
    return changed;
  }

  @Nested
  class OneLineIsCountedOnce {

    @Test
    void overlappingReportsWriteTheSameLineInOtherFormsAndWithAnUnknownColumn() {
      Map<String, String> overlap = janRow();
      overlap.put("datetime", "2024-01-15T09:30:00");
      overlap.put("total", "1050");
      overlap.put("notes", "same line, other date and amount format");

      assertThat(payment(overlap)).isEqualTo(payment(janRow()));
    }

    @Test
    void aCsvLineAndItsXlsxTwinAreOneLine() {
      Map<String, String> csv = new HashMap<>();
      csv.put("datetime", "5 Jan 2024 10:15:00 am UTC");
      csv.put("settlementid", "11122233344");
      csv.put("type", "Order");
      csv.put("orderid", "404-0000003-0000003");
      csv.put("sku", "EDGE-SKU-D3");
      csv.put("description", "Edge item D3");
      csv.put("quantity", "1");
      csv.put("productsales", "1,234.50");
      csv.put("sellingfees", "0");
      csv.put("fbafees", "0");
      csv.put("othertransactionfees", "0");
      csv.put("other", "0");
      csv.put("total", "1,234.50");
      Map<String, String> xlsx = new HashMap<>(csv);
      xlsx.put("datetime", "2024-01-05T10:15:00");
      xlsx.put("productsales", "1234.5");
      xlsx.put("total", "1234.5");
      Map<String, String> serialText = with(xlsx, "datetime", "45296.42708333333");

      assertThat(payment(xlsx)).isEqualTo(payment(csv));
      assertThat(payment(serialText)).isEqualTo(payment(csv));
    }

    @ParameterizedTest(name = "[{index}] {0}: \"{1}\" = \"{2}\"")
    @CsvSource(
        delimiter = '|',
        value = {
          "type|Order|ORDER",
          "type|Order|order",
          "type|Order|' Or der '",
          "type|Order|'Or\tder'",
          "total|1,050.00|1050",
          "total|1050|₹ 1,050.00",
          "total|1050|1050.000",
          "total|0|-0.00",
          "total|0|0.00",
          "total|-12.50|(12.5)",
          "total|1000000|10,00,000",
          "quantity|1|1.0",
          "productsales|1234.5|1,234.50",
          "sellingfees|-20|(20.00)",
          "other|0|0.000",
          "datetime|15/01/2024 09:30|2024-01-15T09:30:00",
          "datetime|15/01/2024 09:30|2024-01-15 09:30:00",
          "datetime|5 Jan 2024 10:15:00 am UTC|2024-01-05T10:15:00Z",
          "datetime|Jan 5, 2024 10:15:00 AM PST|2024-01-05T10:15:00",
          "datetime|2024-01-15|15-01-2024 00:00",
          "datetime|sometime in January|'  sometime in January '",
          "orderid|404-0000003-0000004|' 404-0000003-0000004 '",
          "description|D4|' D4\t'",
          "settlementid|22233344455|'22233344455 '",
          "sellingfees|n/a|' n/a '",
        })
    void valuesThatMeanTheSameAreOneLine(String column, String one, String other) {
      assertThat(payment(with(janRow(), column, other)))
          .isEqualTo(payment(with(janRow(), column, one)));
    }

    @Test
    void anAbsentColumnIsAnEmptyCell() {
      Map<String, String> absent = janRow();
      absent.remove("sku");
      Map<String, String> withNull = janRow();
      withNull.put("sku", null);

      assertThat(payment(with(janRow(), "sku", ""))).isEqualTo(payment(absent));
      assertThat(payment(with(janRow(), "sku", "   "))).isEqualTo(payment(absent));
      assertThat(payment(withNull)).isEqualTo(payment(absent));
    }

    @Test
    void columnsThatTheKindDoesNotRecogniseAreIgnored() {
      Map<String, String> extra = janRow();
      extra.put("notes", "re-downloaded");
      extra.put("marketplace", "amazon.in");
      extra.put("invoiceamount", "99");

      assertThat(payment(extra)).isEqualTo(payment(janRow()));
    }

    @Test
    void anMtrLineInACsvAndInAZippedCsvIsOneLine() {
      Map<String, String> csv =
          Map.of(
              "transactiontype", "Shipment",
              "orderid", "404-0000003-0000006",
              "invoiceamount", "900.00",
              "invoicedate", "2024-01-25 10:00:00",
              "quantity", "1");
      Map<String, String> zipped =
          Map.of(
              "transactiontype", "SHIPMENT",
              "orderid", "404-0000003-0000006",
              "invoiceamount", "₹900",
              "invoicedate", "25/01/2024 10:00",
              "quantity", "1.00");

      assertThat(LineIdentity.contentHash(ReportKind.MTR, zipped))
          .isEqualTo(LineIdentity.contentHash(ReportKind.MTR, csv));
    }
  }

  @Nested
  class DifferentLinesAreDifferent {

    @ParameterizedTest(name = "[{index}] {0}: \"{1}\" <> \"{2}\"")
    @CsvSource(
        delimiter = '|',
        value = {
          "orderid|404-0000003-0000004|404-0000003-0000005",
          "orderid|XyZ0123456|xyz0123456",
          "description|D4|d4",
          "description|Cost of Advertising|CostofAdvertising",
          "sku|EDGE-SKU|edge-sku",
          "type|Order|Refund",
          "type|Service Fee|ServiceFees",
          "total|1050|1050.01",
          "total|1050|-1050",
          "total|abc|ABC",
          "quantity|1|2",
          "datetime|2024-01-15T09:30:00|2024-01-15T09:30:01",
          "datetime|15/01/2024 09:30|01/15/2024 09:30",
          "datetime|sometime in January|Sometime in January",
          "settlementid|22233344455|22233344456",
          "settlementid|007|7",
        })
    void valuesThatDifferMakeDifferentLines(String column, String one, String other) {
      assertThat(payment(with(janRow(), column, other)))
          .isNotEqualTo(payment(with(janRow(), column, one)));
    }

    @Test
    void aValueMovedToAnotherColumnIsAnotherLine() {
      Map<String, String> inSku = with(with(janRow(), "sku", "EDGE"), "description", "");
      Map<String, String> inDescription = with(with(janRow(), "sku", ""), "description", "EDGE");

      assertThat(payment(inSku)).isNotEqualTo(payment(inDescription));
    }

    @Test
    void valuesThatConcatenateAlikeAreDifferentLines() {
      Map<String, String> one = with(with(janRow(), "sku", "ab"), "description", "c");
      Map<String, String> other = with(with(janRow(), "sku", "a"), "description", "bc");

      assertThat(payment(one)).isNotEqualTo(payment(other));
    }

    @Test
    void theSameValuesInTheOtherKindAreAnotherLine() {
      Map<String, String> values =
          Map.of("orderid", "404-0000003-0000004", "sku", "EDGE-SKU", "quantity", "1");

      assertThat(LineIdentity.contentHash(ReportKind.MTR, values))
          .isNotEqualTo(LineIdentity.contentHash(ReportKind.PAYMENT, values));
    }

    @Test
    void aNumberInATextColumnIsComparedAsText() {
      assertThat(payment(with(janRow(), "sku", "1,050.00")))
          .isNotEqualTo(payment(with(janRow(), "sku", "1050")));
    }
  }

  @Test
  void theEncodingIsPinnedSoThatStoredIdentitiesStayValid() {
    // computed outside Java: SHA-256 over each of "recon-line-identity-v1", "payment" and the 13
    // normalised values as a 4-byte big-endian length and UTF-16BE code units
    assertThat(payment(janRow()))
        .isEqualTo(new ContentHash(-4813766506736898355L, -5631760145355392307L));
    assertThat(LineIdentity.lineId(payment(janRow()), 0)).isEqualTo("vTIQ3dZGLs2x1_f8c-O6zQ-0");
  }

  @Test
  void lineIdIsUrlSafeBase64OfThe128BitsAndTheOccurrence() {
    ContentHash hash = new ContentHash(0x0123456789abcdefL, 0xfedcba9876543210L);

    assertThat(LineIdentity.lineId(hash, 0)).isEqualTo("ASNFZ4mrze_-3LqYdlQyEA-0");
    assertThat(LineIdentity.lineId(hash, 12)).isEqualTo("ASNFZ4mrze_-3LqYdlQyEA-12");
    assertThat(LineIdentity.lineId(new ContentHash(0xfbffbfffffffffffL, 0), 1))
        .isEqualTo("-_-_______8AAAAAAAAAAA-1");
  }

  @Test
  void lineIdRefusesANegativeOccurrence() {
    assertThatThrownBy(() -> LineIdentity.lineId(new ContentHash(1, 2), -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("-1");
  }

  @Test
  void aHugeCellIsHashedLikeAnyOther() {
    String huge = "x".repeat(200_000);

    assertThat(payment(with(janRow(), "description", huge)))
        .isEqualTo(payment(with(janRow(), "description", huge + " ")))
        .isNotEqualTo(payment(janRow()));
    assertThat(payment(janRow()))
        .isEqualTo(new ContentHash(-4813766506736898355L, -5631760145355392307L));
  }

  @ParameterizedTest(name = "[{index}] \"{0}\" -> \"{1}\"")
  @CsvSource(
      delimiter = '|',
      value = {
        "Order|order",
        "Free Replacement|freereplacement",
        "FreeReplacement|freereplacement",
        "'  FBA Inventory\tFee '|fbainventoryfee",
        "SHIPMENT|shipment",
        "cancel|cancel",
      })
  void typeKeyIsLowerCaseWithoutWhiteSpace(String type, String key) {
    assertThat(LineIdentity.typeKey(type)).isEqualTo(key);
  }
}
