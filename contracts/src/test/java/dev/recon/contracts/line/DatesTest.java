package dev.recon.contracts.line;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class DatesTest {

  @ParameterizedTest(name = "[{index}] \"{0}\" -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        // ISO, date alone is midnight; T, t or a space before the time
        "2024-03-05|2024-03-05T00:00:00",
        "2024-03-05T10:15|2024-03-05T10:15:00",
        "2024-03-05T10:15:00|2024-03-05T10:15:00",
        "2024-03-05t10:15:00|2024-03-05T10:15:00",
        "2024-03-05 10:15:00|2024-03-05T10:15:00",
        "2024-03-05 10:15|2024-03-05T10:15:00",
        "2024-3-5 9:05|2024-03-05T09:05:00",
        "2024/03/05 10:15:00|2024-03-05T10:15:00",
        "'  2024-03-05T10:15:00  '|2024-03-05T10:15:00",
        // fractions, rounded to the millisecond
        "2024-03-05T10:15:00.5|2024-03-05T10:15:00.500",
        "2024-03-05T10:15:00.123|2024-03-05T10:15:00.123",
        "2024-03-05T10:15:00,123|2024-03-05T10:15:00.123",
        "2024-03-05T10:15:00.1234|2024-03-05T10:15:00.123",
        "2024-03-05T10:15:00.1235|2024-03-05T10:15:00.124",
        "2024-03-05T10:15:00.123456789|2024-03-05T10:15:00.123",
        "2024-03-05T10:15:00.0004|2024-03-05T10:15:00",
        "2024-12-31T23:59:59.9996|2025-01-01T00:00:00",
        // zones are dropped, not converted (decision 6)
        "2024-03-05T10:15:00Z|2024-03-05T10:15:00",
        "2024-03-05T10:15:00+05:30|2024-03-05T10:15:00",
        "2024-03-05T10:15:00-08:00|2024-03-05T10:15:00",
        "2024-03-05T10:15:00+0530|2024-03-05T10:15:00",
        "2024-03-05T10:15:00+05|2024-03-05T10:15:00",
        "2024-03-05T10:15:00.250Z|2024-03-05T10:15:00.250",
        "2024-03-05 10:15:00 UTC|2024-03-05T10:15:00",
        "2024-03-05 10:15:00 PST|2024-03-05T10:15:00",
        "2024-03-05 10:15:00 IST|2024-03-05T10:15:00",
        "2024-03-05 10:15:00 +05:30|2024-03-05T10:15:00",
        "2024-03-05 10:15:00 GMT+05:30|2024-03-05T10:15:00",
        "2024-03-05 10:15:00 UTC+5|2024-03-05T10:15:00",
        "2024-03-05 UTC|2024-03-05T00:00:00",
        "2024-03-05+05:30|2024-03-05T00:00:00",
        // day first
        "05-03-2024|2024-03-05T00:00:00",
        "05/03/2024|2024-03-05T00:00:00",
        "05.03.2024|2024-03-05T00:00:00",
        "5/3/2024|2024-03-05T00:00:00",
        "15/01/2024 09:30|2024-01-15T09:30:00",
        "03-02-2024 10:00|2024-02-03T10:00:00",
        "31/12/2024 23:59:59|2024-12-31T23:59:59",
        "29/02/2024|2024-02-29T00:00:00",
        "05/03/2024 10:15:00 PM|2024-03-05T22:15:00",
        // month names, AM/PM in any case, zone dropped
        "Mar 5, 2024 10:15:00 AM PST|2024-03-05T10:15:00",
        "Mar 5, 2024 10:15:00 PM PST|2024-03-05T22:15:00",
        "5 Mar 2024 10:15:00 am UTC|2024-03-05T10:15:00",
        "5 Jan 2024 10:15:00 am UTC|2024-01-05T10:15:00",
        "5 Mar 2024 10:15:00 pm UTC|2024-03-05T22:15:00",
        "5 Mar 2024 10:15:00 Pm|2024-03-05T22:15:00",
        "Mar 5, 2024 12:00:00 AM PST|2024-03-05T00:00:00",
        "Mar 5, 2024 12:30:00 PM PST|2024-03-05T12:30:00",
        "Mar 5, 2024 1:05 PM|2024-03-05T13:05:00",
        "Mar 5, 2024 10:15:00AM|2024-03-05T10:15:00",
        "'Mar 5, 2024, 10:15 AM'|2024-03-05T10:15:00",
        "Mar 5 2024|2024-03-05T00:00:00",
        "March 05, 2024|2024-03-05T00:00:00",
        "MARCH 5, 2024|2024-03-05T00:00:00",
        "Sept 5, 2024|2024-09-05T00:00:00",
        "Sep. 5, 2024|2024-09-05T00:00:00",
        "5 September 2024|2024-09-05T00:00:00",
        "5 May, 2024|2024-05-05T00:00:00",
        "05-Jan-2024 10:15:00 AM UTC|2024-01-05T10:15:00",
        "5-jun-2024|2024-06-05T00:00:00",
        "5/Dec/2024|2024-12-05T00:00:00",
        "'Jul  4,  2024'|2024-07-04T00:00:00",
        // Excel serial numbers as text, 1900 date system
        "45292|2024-01-01T00:00:00",
        "45300.5|2024-01-09T12:00:00",
        "45300.25|2024-01-09T06:00:00",
        "45300.50000000000000000000|2024-01-09T12:00:00",
        "45300.000011574|2024-01-09T00:00:01",
        "45300.0000000058|2024-01-09T00:00:00.001",
        "45300.99999999|2024-01-09T23:59:59.999",
        "45300.999999999|2024-01-10T00:00:00",
        "1|1900-01-01T00:00:00",
        "59|1900-02-28T00:00:00",
        "60|1900-03-01T00:00:00",
        "61|1900-03-01T00:00:00",
        "2958465|9999-12-31T00:00:00",
        "2958465.5|9999-12-31T12:00:00",
      })
  void readsTheDateFormsAsWallClockTime(String text, String expected) {
    assertThat(Dates.parse(text)).contains(LocalDateTime.parse(expected));
  }

  @ParameterizedTest(name = "[{index}] \"{0}\"")
  @NullAndEmptySource
  @ValueSource(
      strings = {
        "   ",
        "sometime in January",
        "N/A",
        "tbd",
        "05/03/2024 tbd",
        "2024-03-05 soon",
        "2024-03-05 LONGZONE",
        // impossible dates and times
        "2024-02-30",
        "2023-02-29",
        "31/04/2024",
        "2024-13-01",
        "2024-00-10",
        "0000-01-01",
        "2024-03-05T24:00",
        "2024-03-05T10:60",
        "2024-03-05T10:15:60",
        "Mar 5, 2024 13:00 PM",
        "Mar 5, 2024 0:30 AM",
        // incomplete or malformed
        "2024-03",
        "2024-03-05T",
        "2024-03-05T10",
        "2024-03-05T10:5",
        "2024-03-05T10:15:0",
        "2024-03-05T10:15:00.",
        "2024-03-05T10:15:00.1234567891",
        "2024-03-05 10:15:00 +",
        "2024-03-05 10:15:00 +5:3",
        "2024.03.05",
        "2024-03/05",
        "05-03/2024",
        "05/03/24",
        "05/03/20245",
        "05032024T10:00",
        "123/03/2024",
        "Mar 2024",
        "Mar 5",
        "Mar 5, 24",
        "Foo 5, 2024",
        "Ma 5, 2024",
        "5 Marc 2024",
        "5Mar2024",
        "05-03-2024T10:00",
        "١٢/٠٣/٢٠٢٤",
        // Excel serials out of range or malformed
        "0",
        "0.5",
        "2958466",
        "99999999999999999999",
        "45300.",
        "45300.500000000000000000000",
        "12345678",
        ".5",
        "-45300",
        "45,300",
        "4.53e4",
      })
  void keepsAnUnreadableDateUnparsed(String text) {
    assertThat(Dates.parse(text)).isEmpty();
  }

  @Test
  void normalisesReadableDatesToTheCanonicalText() {
    assertThat(Dates.normalise("15/01/2024 09:30")).isEqualTo("2024-01-15T09:30:00");
    assertThat(Dates.normalise("5 Jan 2024 10:15:00 am UTC")).isEqualTo("2024-01-05T10:15:00");
    assertThat(Dates.normalise("2024-01-05T10:15:00")).isEqualTo("2024-01-05T10:15:00");
    assertThat(Dates.normalise("2024-01-05T10:15:00.250")).isEqualTo("2024-01-05T10:15:00.250");
    assertThat(Dates.normalise("2024-03-05")).isEqualTo("2024-03-05T00:00:00");
    assertThat(Dates.normalise("45300.5")).isEqualTo("2024-01-09T12:00:00");
  }

  @Test
  void keepsAnUnreadableDateAsItsStrippedText() {
    assertThat(Dates.normalise("  sometime in January ")).isEqualTo("sometime in January");
    assertThat(Dates.normalise("")).isEmpty();
    assertThat(Dates.normalise(null)).isNull();
  }

  @Test
  @SuppressWarnings("JavaLocalDateTimeGetNano") // the milliseconds beside the seconds
  void formatsEveryYearAsTheIsoPatternWithMillisecondsWhenThereAreAny() {
    DateTimeFormatter iso = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");
    SplittableRandom random = new SplittableRandom(3);
    for (int i = 0; i < 20_000; i++) {
      LocalDateTime dateTime =
          LocalDateTime.of(-20, 1, 1, 0, 0)
              .plusSeconds(random.nextLong(10_100L * 365 * 86_400))
              .withNano(random.nextBoolean() ? 0 : random.nextInt(1_000_000_000));
      int millis = dateTime.getNano() / 1_000_000;
      String expected =
          iso.format(dateTime) + (millis == 0 ? "" : String.format(Locale.ROOT, ".%03d", millis));
      assertThat(Dates.format(dateTime)).isEqualTo(expected);
    }
  }

  @Test
  void readsWhatItFormats() {
    LocalDateTime dateTime = LocalDateTime.of(2024, 3, 5, 10, 15, 0, 250_000_000);

    assertThat(Dates.parse(Dates.format(dateTime))).contains(dateTime);
  }

  @Test
  void refusesHostileTextQuickly() {
    assertThat(Dates.parse("1".repeat(200_000) + "x")).isEmpty();
    assertThat(Dates.parse("1".repeat(200_000))).isEmpty();
    assertThat(Dates.parse("45300." + "1".repeat(200_000))).isEmpty();
    assertThat(Dates.parse("2024-03-05 " + "A".repeat(200_000))).isEmpty();
  }
}
