package dev.recon.ingest.parse;

import static dev.recon.ingest.parse.TestReports.READER;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.recon.ingest.parse.synthetic.SyntheticReports;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.poi.ss.usermodel.DateUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The parts of XLSX reading that exist for speed and memory must not change what is read. */
class XlsxReadingTest {

  @TempDir Path directory;

  @Test
  void aSpooledSharedStringTableReadsLikeOneOnTheHeap() throws Exception {
    StringBuilder xml = new StringBuilder("<?xml version=\"1.0\"?><sst xmlns=\"x\">");
    List<String> expected = new ArrayList<>();
    SplittableRandom random = new SplittableRandom(7);
    for (int i = 0; i < 5_000; i++) {
      String text =
          switch (i % 5) {
            case 0 -> "  order " + i + " ";
            case 1 -> "";
            case 2 -> "₹ ग्राहक " + "x".repeat(random.nextInt(40));
            case 3 -> "a&b <" + i + ">";
            default -> "long ".repeat(1 + random.nextInt(10));
          };
      expected.add(text);
      if (i % 7 == 0) {
        // Rich text runs and a phonetic guide, which is no part of the text.
        int half = text.length() / 2;
        xml.append("<si><r><t xml:space=\"preserve\">")
            .append(escaped(text.substring(0, half)))
            .append("</t></r><r><rPr><b/></rPr><t xml:space=\"preserve\">")
            .append(escaped(text.substring(half)))
            .append("</t></r><rPh sb=\"0\" eb=\"1\"><t>PHONETIC</t></rPh></si>");
      } else {
        xml.append("<si><t xml:space=\"preserve\">").append(escaped(text)).append("</t></si>");
      }
    }
    xml.append("</sst>");
    byte[] bytes = xml.toString().getBytes(UTF_8);
    int maxCellChars = 30;

    try (XlsxSharedStrings onHeap =
            XlsxSharedStrings.read(new ByteArrayInputStream(bytes), maxCellChars);
        XlsxSharedStrings spooled =
            XlsxSharedStrings.read(new ByteArrayInputStream(bytes), maxCellChars, 4096)) {
      assertThat(onHeap.spooledFiles()).isEmpty();
      assertThat(spooled.spooledFiles()).hasSize(2).allMatch(Files::exists);
      for (XlsxSharedStrings table : List.of(onHeap, spooled)) {
        assertThat(table.size()).isEqualTo(expected.size());
        for (int i = 0; i < expected.size(); i++) {
          String text = expected.get(i);
          assertThat(table.text(i)).as("string %d", i).isEqualTo(text.strip());
          assertThat(table.isBlank(i)).as("string %d", i).isEqualTo(text.isBlank());
          assertThat(table.isTooLong(i)).as("string %d", i).isEqualTo(text.length() > 30);
        }
      }
      List<Path> files = spooled.spooledFiles();
      spooled.close();
      assertThat(files).noneMatch(Files::exists);
    }
  }

  private static String escaped(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  @Test
  void aPlainDecimalIsTakenAsWrittenOnlyWhenThatIsTheTextOfItsDouble() {
    SplittableRandom random = new SplittableRandom(42);
    int taken = 0;
    List<String> different = new ArrayList<>();
    for (int i = 0; i < 100_000; i++) {
      String written = randomDecimal(random);
      String plain = CellText.shortPlainDecimal(written);
      if (plain != null) {
        taken++;
        String parsed = CellText.number(Double.parseDouble(written));
        if (!plain.equals(parsed)) {
          different.add(written + " -> " + plain + ", not " + parsed);
        }
      }
    }
    assertThat(different).isEmpty();
    assertThat(taken).isGreaterThan(75_000);
    assertThat(CellText.shortPlainDecimal("-0")).isEqualTo("0");
    assertThat(CellText.shortPlainDecimal("007.50")).isEqualTo("7.5");
    assertThat(CellText.shortPlainDecimal("1234.5599999999999")).isNull();
    assertThat(CellText.shortPlainDecimal("1E-7")).isNull();
    assertThat(CellText.shortPlainDecimal(" 12")).isNull();
    assertThat(CellText.shortPlainDecimal(".5")).isNull();
    assertThat(CellText.shortPlainDecimal("5.")).isNull();
    assertThat(CellText.shortPlainDecimal("-")).isNull();
  }

  /** Up to 17 digits with the point anywhere from 15 places before them to 15 after. */
  private static String randomDecimal(SplittableRandom random) {
    StringBuilder digits = new StringBuilder();
    int count = 1 + random.nextInt(17);
    for (int d = 0; d < count; d++) {
      digits.append((char) ('0' + random.nextInt(10)));
    }
    int point = random.nextInt(count + 16) - 15;
    String sign = random.nextBoolean() ? "-" : "";
    if (point <= 0) {
      return sign + "0." + "0".repeat(-point) + digits;
    }
    if (point >= count) {
      return sign + digits + "0".repeat(random.nextInt(4));
    }
    return sign + digits.substring(0, point) + "." + digits.substring(point);
  }

  @Test
  void dateCellsAreTheDateTimesPoiGivesThem() {
    SplittableRandom random = new SplittableRandom(7);
    List<Double> values = new ArrayList<>(List.of(0.0, -0.0, 1.0, 59.0, 60.0, 60.5, 61.0, 0.99999));
    for (int i = 0; i < 200_000; i++) {
      int day = random.nextInt(2_958_466);
      values.add(
          switch (i % 4) {
            case 0 -> day + random.nextDouble();
            case 1 -> day + random.nextInt(86_400) / 86_400.0;
            case 2 -> day + random.nextInt(86_400_000) / 86_400_000.0;
            // half a millisecond after a whole one: where the rounding turns
            default -> day + (random.nextInt(86_400_000) + 0.5) / 86_400_000.0;
          });
    }
    for (double value : values) {
      for (boolean date1904 : new boolean[] {false, true}) {
        assertThat(CellText.excelDateTime(value, date1904))
            .as("%s, 1904 window %s", value, date1904)
            .isEqualTo(DateUtil.getLocalDateTime(value, date1904));
      }
    }
  }

  @Test
  void aWorkbookClosedBeforeItsEndStopsItsParsingThread() throws Exception {
    Path file = directory.resolve("mtr.xlsx");
    // More batches of rows than the parsing thread may hand over before they are read.
    SyntheticReports.writeMtrXlsx(file, 5_000, 1);

    try (ReportFile report = READER.open(file, "mtr.xlsx", null)) {
      assertThat(report.next()).isNotNull();
      assertThat(parsingThreads()).isNotEmpty();
    }

    assertThat(parsingThreads()).isEmpty();
  }

  private static List<Thread> parsingThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(thread -> thread.getName().startsWith("xlsx-sheet ") && thread.isAlive())
        .toList();
  }
}
