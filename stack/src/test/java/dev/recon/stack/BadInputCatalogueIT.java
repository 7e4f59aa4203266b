package dev.recon.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * A catalogue of bad inputs sent to a stack that has already reconciled the {@code edge} dataset.
 * Each case is refused whole with a {@code FILE_<CODE>} naming the problem, or (for row-level
 * problems and hostile-looking but valid values) reconciled with exactly the expected rejected
 * rows. After every case the services are still UP, and no earlier result has changed.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BadInputCatalogueIT {
  private static final Duration FINAL_WAIT = Duration.ofMinutes(2);
  private static final String PAYMENT_HEADER =
      "date/time,settlement id,type,order id,description,total\n";
  private static final String MTR_HEADER =
      "Invoice Date,Transaction Type,Order Id,Item Description,Invoice Amount\n";
  private static final String FORMULA = "=HYPERLINK(\"http://x\",\"y\")";
  private static final String SQL_ID = "1'; DROP TABLE results.orders; --";
  private static final String SCRIPT = "<script>alert(1)</script>";
  private static final Pattern PLAIN_NUMBER = Pattern.compile("[-+]?[0-9]+(\\.[0-9]+)?");

  @TempDir static Path scratch;

  private static Stack stack;
  private static UploadClient client;
  private static GatewayClient gateway;
  private static HttpClient http;
  private static String edgeExport;

  @BeforeAll
  static void start() throws Exception {
    stack = LocalStack.start("bad-input");
    client = new UploadClient(stack);
    gateway = client.gateway();
    http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    Dataset edge = Dataset.named("edge");
    Results baseline =
        client.reconcile(edge.inputs(Files.createDirectories(scratch.resolve("edge"))), FINAL_WAIT);
    ResultComparison.assertMatches(edge, baseline);
    edgeExport = baseline.ordersCsv();
  }

  @AfterAll
  static void stop() {
    if (stack != null) {
      stack.close();
    }
  }

  // ---------------------------------------------------------------------------------------------
  // The catalogue

  static Stream<Case> catalogue() {
    return Stream.of(
        refused(
            "empty file (0 bytes)",
            dir -> write(dir, "empty.csv", new byte[0]),
            List.of("NO_HEADER"),
            "no header row"),
        reconciled(
            "header only, no data rows -> RECONCILED with 0 rows",
            dir -> write(dir, "header_only.csv", PAYMENT_HEADER),
            List.of(),
            List.of()),
        refused(
            "wrong kind: kind=payment on an MTR file -> NO_HEADER naming payment columns",
            "payment",
            dir ->
                write(
                    dir,
                    "mtr_as_payment.csv",
                    MTR_HEADER + "2024-01-05,Shipment,BIC-KIND-0001,Widget,100.00\n"),
            List.of("NO_HEADER"),
            "payment",
            "type",
            "total"),
        refused(
            "missing required column (payment without Total)",
            dir ->
                write(
                    dir,
                    "no_total.csv",
                    "date/time,type,order id,description\n2024-01-05,Order,BIC-NOTOTAL-1,x\n"),
            List.of("NO_HEADER"),
            "missing",
            "total"),
        refused(
            "preamble notes only, the header never comes",
            dir ->
                write(
                    dir,
                    "preamble_only.csv",
                    """
                    "Includes Amazon Marketplace, Fulfillment by Amazon (FBA)"
                    "All amounts in INR, unless specified"
                    "Definitions:"
                    """),
            List.of("NO_HEADER"),
            "no header row"),
        refused(
            "ambiguous header (both kinds' columns) and no kind given",
            dir ->
                write(
                    dir,
                    "ambiguous.csv",
                    """
                    transaction type,type,order id,invoice amount,total
                    Shipment,Order,BIC-AMB-0001,100,100
                    """),
            List.of("AMBIGUOUS_KIND"),
            "kind"),
        refused(
            "garbage bytes named .csv",
            dir -> write(dir, "garbage.csv", randomBytes(64 * 1024, 1)),
            List.of("UNSUPPORTED_FORMAT"),
            "not a CSV"),
        refused(
            "garbage bytes named .xlsx",
            dir -> write(dir, "garbage.xlsx", randomBytes(64 * 1024, 2)),
            List.of("UNSUPPORTED_FORMAT", "CORRUPT_WORKBOOK"),
            "garbage.xlsx"),
        refused(
            "garbage after an OLE2 (XLS) signature",
            dir -> write(dir, "garbage.xls", ole2Garbage()),
            List.of("CORRUPT_WORKBOOK"),
            "corrupt"),
        refused(
            "truncated XLSX (first half of a real workbook)",
            dir -> {
              byte[] whole = paymentWorkbook(3000);
              return write(dir, "truncated.xlsx", Arrays.copyOf(whole, whole.length / 2));
            },
            List.of("CORRUPT_WORKBOOK", "CORRUPT_ZIP"),
            "truncated.xlsx",
            "corrupt"),
        refused(
            "ZIP with two files",
            dir -> {
              Map<String, byte[]> entries = new LinkedHashMap<>();
              entries.put("a.csv", utf8(PAYMENT_HEADER + "2024-01-05,1,Order,BIC-ZIP2-01,x,10\n"));
              entries.put("b.csv", utf8(PAYMENT_HEADER + "2024-01-05,1,Order,BIC-ZIP2-02,x,10\n"));
              return write(dir, "two.zip", zip(entries));
            },
            List.of("ZIP_NOT_ONE_FILE"),
            "2 files"),
        refused(
            "ZIP with zero files",
            dir -> write(dir, "none.zip", emptyZip()),
            List.of("ZIP_NOT_ONE_FILE"),
            "0 files"),
        refused(
            "nested ZIP (a ZIP inside the ZIP)",
            dir -> {
              byte[] inner =
                  zip(
                      Map.of(
                          "inner.csv",
                          utf8(PAYMENT_HEADER + "2024-01-05,1,Order,BIC-NEST-001,x,10\n")));
              return write(dir, "nested.zip", zip(Map.of("inner.zip", inner)));
            },
            List.of("NESTED_ZIP"),
            "itself a ZIP"),
        refused(
            "encrypted ZIP entry",
            dir ->
                write(
                    dir,
                    "encrypted.zip",
                    encryptedFlag(
                        storedZip(
                            "secret.csv",
                            utf8(PAYMENT_HEADER + "2024-01-05,1,Order,BIC-ENC-0001,x,10\n")))),
            List.of("ENCRYPTED_ZIP"),
            "encrypt"),
        refused(
            "truncated ZIP holding a CSV",
            dir -> {
              StringBuilder csv = new StringBuilder(PAYMENT_HEADER);
              for (int i = 0; i < 5000; i++) {
                csv.append("2024-01-05,1,Order,BIC-TZ-")
                    .append(i)
                    .append(",row ")
                    .append(i * 7919L)
                    .append(",10\n");
              }
              byte[] whole = zip(Map.of("cut.csv", utf8(csv.toString())));
              return write(dir, "cut.zip", Arrays.copyOf(whole, whole.length / 2));
            },
            List.of("CORRUPT_ZIP"),
            "cut.zip"),
        refused(
            "ZIP holding a non-report (a PDF)",
            dir -> write(dir, "pdf_inside.zip", zip(Map.of("statement.pdf", pdf()))),
            List.of("UNSUPPORTED_FORMAT"),
            "not a CSV"),
        refused(
            "XLSX zip bomb (200 MB of whitespace in the sheet XML)",
            dir -> write(dir, "bomb.xlsx", workbookWithSheet(bombSheet(200L * 1024 * 1024))),
            List.of("ZIP_BOMB"),
            "ZIP bomb"),
        refused(
            "XXE: sheet XML with a DOCTYPE and an external entity to file:///etc/passwd",
            dir -> write(dir, "xxe.xlsx", workbookWithSheet(xxeSheet())),
            List.of("UNSAFE_WORKBOOK"),
            "DOCTYPE"),
        refused(
            "unbalanced quotes (a quoted value never closes)",
            dir ->
                write(
                    dir,
                    "unclosed.csv",
                    PAYMENT_HEADER
                        + "2024-01-05,1,Order,BIC-QUOTE-01,fine,10\n"
                        + "2024-01-05,1,Order,\"BIC-QUOTE-02,oops,10\n"
                        + "2024-01-05,1,Order,BIC-QUOTE-03,fine,10\n"),
            List.of("UNCLOSED_QUOTE"),
            "line 3",
            "quote"),
        refused(
            "a 1 MB line (one 1 MB cell)",
            dir ->
                write(
                    dir,
                    "long_line.csv",
                    PAYMENT_HEADER
                        + "2024-01-05,1,Order,BIC-LONG-001,"
                        + "x".repeat(1024 * 1024)
                        + ",10\n"),
            List.of("CELL_TOO_LONG"),
            "characters"),
        refused(
            "10,000 columns",
            dir -> {
              StringBuilder header = new StringBuilder("type,order id,total");
              for (int i = 0; i < 9_997; i++) {
                header.append(",extra").append(i);
              }
              return write(
                  dir, "wide.csv", header + "\nOrder,BIC-WIDE-001,10" + ",".repeat(9_997) + "\n");
            },
            List.of("TOO_MANY_COLUMNS"),
            "columns"),
        refused(
            "UTF-16LE without BOM",
            dir ->
                write(
                    dir,
                    "utf16.csv",
                    (PAYMENT_HEADER + "2024-01-05,1,Order,BIC-U16-0001,x,10\n")
                        .getBytes(StandardCharsets.UTF_16LE)),
            List.of("UNSUPPORTED_ENCODING"),
            "UTF-16"),
        refused(
            "UTF-32 with BOM",
            dir ->
                write(
                    dir,
                    "utf32.csv",
                    ("\uFEFF" + PAYMENT_HEADER + "2024-01-05,1,Order,BIC-U32-0001,x,10\n")
                        .getBytes(Charset.forName("UTF-32BE"))),
            List.of("UNSUPPORTED_ENCODING"),
            "UTF-32"),
        refused(
            "a PDF",
            dir -> write(dir, "statement.pdf", pdf()),
            List.of("UNSUPPORTED_FORMAT"),
            "not a CSV"),
        reconciled(
            "bad amounts 1e3, NaN, Infinity -> rejected rows BAD_AMOUNT with row numbers",
            dir ->
                write(
                    dir,
                    "bad_amounts.csv",
                    PAYMENT_HEADER
                        + "2024-01-05,1,Order,BIC-AMT-0001,sci,1e3\n"
                        + "2024-01-05,1,Order,BIC-AMT-0002,nan,NaN\n"
                        + "2024-01-05,1,Order,BIC-AMT-0003,inf,Infinity\n"
                        + "2024-01-05,1,Order,BIC-AMT-0004,good,(12.50)\n"),
            List.of(
                "bad_amounts.csv,2,BAD_AMOUNT",
                "bad_amounts.csv,3,BAD_AMOUNT",
                "bad_amounts.csv,4,BAD_AMOUNT"),
            List.of("BIC-AMT-0004")),
        reconciled(
            "MTR rows without order id, amount or type -> MISSING_* rejected rows",
            dir ->
                write(
                    dir,
                    "mtr_missing.csv",
                    MTR_HEADER
                        + "2024-01-05,Shipment,,Widget,100.00\n"
                        + "2024-01-05,Shipment,BIC-MISS-0002,Widget,\n"
                        + "2024-01-05,,BIC-MISS-0003,Widget,100.00\n"
                        + "2024-01-05,Shipment,BIC-MISS-0004,Widget,100.00\n"),
            List.of(
                "mtr_missing.csv,2,MISSING_ORDER_ID",
                "mtr_missing.csv,3,MISSING_AMOUNT",
                "mtr_missing.csv,4,MISSING_TYPE"),
            List.of("BIC-MISS-0004")),
        reconciled(
            "ZIP entry with a path-traversal name (../../) -> read, nothing written outside",
            dir ->
                write(
                    dir,
                    "traversal.zip",
                    zip(
                        Map.of(
                            "../../../../tmp/bic-evil.csv",
                            utf8(
                                PAYMENT_HEADER
                                    + "2024-01-05,1,Order,BIC-TRAV-001,ok,10\n"
                                    + "2024-01-05,1,Order,BIC-TRAV-002,bad,ten\n")))),
            List.of("traversal.zip,3,BAD_AMOUNT"),
            List.of("BIC-TRAV-001"),
            observed -> assertThat(Path.of("/tmp/bic-evil.csv")).doesNotExist()),
        reconciled(
            "formula-looking order id and description (=HYPERLINK) -> accepted, export defused",
            dir ->
                write(
                    dir,
                    "formula.csv",
                    PAYMENT_HEADER
                        + "2024-01-05,1,Order,"
                        + csvQuote(FORMULA)
                        + ","
                        + csvQuote(FORMULA)
                        + ",10.00\n"
                        + "2024-01-05,1,Service Fee,,"
                        + csvQuote(FORMULA)
                        + ",-1.00\n"
                        + "2024-01-05,1,Order,BIC-FORM-002,@SUM(1+1),-12.50\n"),
            List.of(),
            List.of(FORMULA, "BIC-FORM-002"),
            observed -> {
              assertThat(nonOrderDescriptions(observed.summary())).contains(FORMULA);
              List<String> cells = exportCellsOf(observed.export(), FORMULA);
              assertThat(cells).as("the formula order's export row").isNotEmpty();
            }),
        reconciled(
            "SQL-looking order id -> accepted verbatim, tables still there",
            dir ->
                write(
                    dir,
                    "sql.csv",
                    PAYMENT_HEADER
                        + "2024-01-05,1,Order,"
                        + csvQuote(SQL_ID)
                        + ","
                        + csvQuote("'; DELETE FROM results.orders; --")
                        + ",10.00\n"),
            List.of(),
            List.of(SQL_ID),
            observed -> assertThat(observed.export()).contains(edgeExport.lines().toList())),
        reconciled(
            "HTML/script order id and description -> accepted verbatim as data",
            dir ->
                write(
                    dir,
                    "script.csv",
                    PAYMENT_HEADER
                        + "2024-01-05,1,Order,"
                        + SCRIPT
                        + ","
                        + SCRIPT
                        + ",10.00\n"
                        + "2024-01-05,1,Service Fee,,<img src=x onerror=alert(2)>,-2.00\n"),
            List.of(),
            List.of(SCRIPT),
            observed ->
                assertThat(nonOrderDescriptions(observed.summary()))
                    .contains("<img src=x onerror=alert(2)>")));
  }

  // ---------------------------------------------------------------------------------------------
  // The one test

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("catalogue")
  @Order(1)
  void badInput(Case input, @TempDir Path dir) throws Exception {
    String exportBefore = gateway.ordersCsv();
    JsonNode summaryBefore = gateway.summary();
    Path file = input.maker().make(dir);

    UploadAnswer answer = gateway.upload(List.of(file), Optional.ofNullable(input.kind()));
    List<String> apiTexts = new ArrayList<>();
    apiTexts.add(String.valueOf(answer));

    if (input.expect() instanceof Refused refused) {
      String error;
      if (answer.accepted()) {
        assertThat(answer.uploads()).as("uploads in %s", answer).hasSize(1);
        UploadState state =
            client.awaitFinal(List.of(answer.uploads().get(0).id()), FINAL_WAIT).get(0);
        apiTexts.add(String.valueOf(state));
        assertThat(state.status()).as("final state %s", state).isEqualTo(UploadState.REJECTED);
        error = state.error();
      } else {
        assertThat(answer.httpStatus()).as("answer %s", answer).isBetween(400, 499);
        error =
            answer.uploads().isEmpty() || answer.uploads().get(0).error() == null
                ? answer.error()
                : answer.uploads().get(0).error();
        for (UploadState upload : answer.uploads()) {
          UploadState state = gateway.upload(upload.id());
          apiTexts.add(String.valueOf(state));
          assertThat(state.status()).as("state %s", state).isEqualTo(UploadState.REJECTED);
        }
      }
      System.out.printf("CATALOGUE %s -> HTTP %d, %s%n", input, answer.httpStatus(), error);
      assertThat(error).as("error of %s", answer).isNotNull().startsWith("FILE_");
      String code = error.substring("FILE_".length(), Math.max(error.indexOf(':'), 5));
      assertThat(code).as("code of '%s'", error).isIn(refused.codes());
      for (String word : refused.words()) {
        assertThat(error).as("message names the problem").containsIgnoringCase(word);
      }
      String exportAfter = gateway.ordersCsv();
      JsonNode summaryAfter = gateway.summary();
      apiTexts.add(exportAfter);
      apiTexts.add(summaryAfter.toString());
      assertThat(exportAfter).as("export after a refused file").isEqualTo(exportBefore);
      assertThat(summaryAfter).as("summary after a refused file").isEqualTo(summaryBefore);
    } else if (input.expect() instanceof Reconciled reconciled) {
      assertThat(answer.accepted()).as("answer %s", answer).isTrue();
      assertThat(answer.uploads()).as("uploads in %s", answer).hasSize(1);
      String id = answer.uploads().get(0).id();
      UploadState state = client.awaitFinal(List.of(id), FINAL_WAIT).get(0);
      apiTexts.add(String.valueOf(state));
      assertThat(state.status()).as("final state %s", state).isEqualTo(UploadState.RECONCILED);
      String rejectedCsv = gateway.rejectedCsv(id);
      apiTexts.add(rejectedCsv);
      System.out.printf(
          "CATALOGUE %s -> HTTP %d, %s, rejected %s%n",
          input, answer.httpStatus(), state.status(), rejectedRows(rejectedCsv));
      assertThat(rejectedRows(rejectedCsv))
          .as("rejected rows of %s", rejectedCsv)
          .containsExactlyInAnyOrderElementsOf(reconciled.rejectedRows());

      String exportAfter = gateway.ordersCsv();
      JsonNode summaryAfter = gateway.summary();
      apiTexts.add(exportAfter);
      apiTexts.add(summaryAfter.toString());
      if (reconciled.orderIds().isEmpty()) {
        assertThat(exportAfter).as("export after a file of no lines").isEqualTo(exportBefore);
        assertThat(summaryAfter).as("summary after a file of no lines").isEqualTo(summaryBefore);
      } else {
        assertThat(exportAfter.lines().toList())
            .as("every earlier export row is unchanged")
            .containsAll(exportBefore.lines().toList());
      }
      for (String orderId : reconciled.orderIds()) {
        JsonNode page = ordersMatching(orderId);
        apiTexts.add(page.toString());
        List<String> ids = new ArrayList<>();
        page.path("content").forEach(order -> ids.add(orderIdOf(order)));
        assertThat(ids).as("GET /api/orders?q=%s", orderId).contains(orderId);
      }
      assertNoFormulaCells(exportAfter);
      reconciled.check().verify(new Observed(exportAfter, summaryAfter));
    }

    assertHealthUp();
    for (String text : apiTexts) {
      assertThat(text).as("an API answer").doesNotContain("root:");
    }
  }

  /**
   * Last: of all the orders the catalogue's files name (their ids start with BIC-), exactly those
   * of accepted rows exist, so nothing of a refused file was published later either.
   */
  @Test
  @Order(2)
  void nothingOfARefusedFileEverArrives() throws Exception {
    List<String> accepted =
        catalogue()
            .map(Case::expect)
            .filter(Reconciled.class::isInstance)
            .flatMap(expect -> ((Reconciled) expect).orderIds().stream())
            .filter(id -> id.startsWith("BIC-"))
            .toList();
    List<String> ids = new ArrayList<>();
    ordersMatching("BIC-").path("content").forEach(order -> ids.add(orderIdOf(order)));
    assertThat(ids).containsExactlyInAnyOrderElementsOf(accepted);
    assertHealthUp();
  }

  // ---------------------------------------------------------------------------------------------
  // Cases

  @FunctionalInterface
  interface Maker {
    Path make(Path dir) throws Exception;
  }

  @FunctionalInterface
  interface Check {
    void verify(Observed observed) throws Exception;
  }

  record Observed(String export, JsonNode summary) {}

  sealed interface Expect permits Refused, Reconciled {}

  /** Refused whole: one of {@code codes}, and a message holding each of {@code words}. */
  record Refused(List<String> codes, List<String> words) implements Expect {}

  /** Reconciled with exactly these rejected rows ("file,row,reason") and these new orders. */
  record Reconciled(List<String> rejectedRows, List<String> orderIds, Check check)
      implements Expect {}

  record Case(String name, String kind, Maker maker, Expect expect) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static Case refused(String name, Maker maker, List<String> codes, String... words) {
    return new Case(name, null, maker, new Refused(codes, List.of(words)));
  }

  private static Case refused(
      String name, String kind, Maker maker, List<String> codes, String... words) {
    return new Case(name, kind, maker, new Refused(codes, List.of(words)));
  }

  private static Case reconciled(
      String name, Maker maker, List<String> rejectedRows, List<String> orderIds) {
    return reconciled(name, maker, rejectedRows, orderIds, observed -> {});
  }

  private static Case reconciled(
      String name, Maker maker, List<String> rejectedRows, List<String> orderIds, Check check) {
    return new Case(name, null, maker, new Reconciled(rejectedRows, orderIds, check));
  }

  // ---------------------------------------------------------------------------------------------
  // Checks

  /** Every cell of the export: text starting with =, +, -, @ is only allowed as a plain number. */
  static void assertNoFormulaCells(String exportCsv) {
    List<List<String>> rows = Csv.parse(exportCsv);
    for (int r = 0; r < rows.size(); r++) {
      for (String cell : rows.get(r)) {
        if (!cell.isEmpty() && "=+-@".indexOf(cell.charAt(0)) >= 0) {
          assertThat(cell)
              .as("export row %d: a cell a spreadsheet would run as a formula", r + 1)
              .matches(PLAIN_NUMBER);
        }
      }
    }
  }

  /** The cells of the export row whose order id, once un-defused, is {@code orderId}. */
  static List<String> exportCellsOf(String exportCsv, String orderId) {
    for (List<String> row : Csv.parse(exportCsv)) {
      if (!row.isEmpty() && (row.get(0).equals(orderId) || row.get(0).equals("'" + orderId))) {
        return row;
      }
    }
    return List.of();
  }

  static List<String> rejectedRows(String csv) {
    List<List<String>> rows = Csv.parse(csv);
    List<String> result = new ArrayList<>();
    for (List<String> row : rows.subList(Math.min(1, rows.size()), rows.size())) {
      if (row.size() >= 3) {
        result.add(row.get(0) + "," + row.get(1) + "," + row.get(2));
      }
    }
    return result;
  }

  static Set<String> nonOrderDescriptions(JsonNode summary) {
    Set<String> descriptions = new HashSet<>();
    summary
        .path("non_order_charges")
        .forEach(g -> descriptions.add(g.path("description").asString()));
    return descriptions;
  }

  static String orderIdOf(JsonNode order) {
    JsonNode id = order.path("orderId");
    return id.isMissingNode() ? order.path("order_id").asString() : id.asString();
  }

  static JsonNode ordersMatching(String q) throws IOException, InterruptedException {
    HttpResponse<String> response =
        get("/api/orders?size=500&q=" + URLEncoder.encode(q, StandardCharsets.UTF_8));
    assertThat(response.statusCode())
        .as("GET /api/orders?q=%s: %s", q, response.body())
        .isEqualTo(200);
    return Json.MAPPER.readTree(response.body());
  }

  static void assertHealthUp() {
    await("the gateway's /actuator/health to be UP")
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(250))
        .untilAsserted(
            () -> {
              stack.checkAlive();
              HttpResponse<String> response = get("/actuator/health");
              assertThat(response.statusCode()).as("health: %s", response.body()).isEqualTo(200);
              assertThat(Json.MAPPER.readTree(response.body()).path("status").asString())
                  .isEqualTo("UP");
            });
  }

  static HttpResponse<String> get(String pathAndQuery) throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(gateway.base() + pathAndQuery))
            .timeout(Duration.ofMinutes(1))
            .header("Accept", "application/json")
            .GET()
            .build();
    return http.send(request, BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  // ---------------------------------------------------------------------------------------------
  // Files

  static Path write(Path dir, String name, String text) throws IOException {
    return write(dir, name, utf8(text));
  }

  static Path write(Path dir, String name, byte[] bytes) throws IOException {
    return Files.write(dir.resolve(name), bytes);
  }

  static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  static String csvQuote(String value) {
    return '"' + value.replace("\"", "\"\"") + '"';
  }

  static byte[] randomBytes(int size, long seed) {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }

  static byte[] ole2Garbage() {
    byte[] bytes = randomBytes(16 * 1024, 3);
    byte[] magic = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A};
    System.arraycopy(magic, 0, bytes, 0, magic.length);
    bytes[7] = (byte) 0xE1;
    return bytes;
  }

  static byte[] pdf() {
    String text =
        """
        %PDF-1.4
        %\u00e2\u00e3\u00cf\u00d3
        1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj
        2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj
        trailer << /Root 1 0 R >>
        %%EOF
        """;
    return text.getBytes(StandardCharsets.ISO_8859_1);
  }

  static byte[] zip(Map<String, byte[]> entries) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
        zip.putNextEntry(new ZipEntry(entry.getKey()));
        zip.write(entry.getValue());
        zip.closeEntry();
      }
    }
    return bytes.toByteArray();
  }

  /** Just the end-of-central-directory record: a ZIP of no entries. */
  static byte[] emptyZip() {
    byte[] bytes = new byte[22];
    bytes[0] = 0x50;
    bytes[1] = 0x4B;
    bytes[2] = 0x05;
    bytes[3] = 0x06;
    return bytes;
  }

  static byte[] storedZip(String name, byte[] content) throws IOException {
    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
    crc.update(content);
    ZipEntry entry = new ZipEntry(name);
    entry.setMethod(ZipEntry.STORED);
    entry.setSize(content.length);
    entry.setCompressedSize(content.length);
    entry.setCrc(crc.getValue());
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      zip.putNextEntry(entry);
      zip.write(content);
      zip.closeEntry();
    }
    return bytes.toByteArray();
  }

  /** Sets the "encrypted" general purpose flag in the local and the central header. */
  static byte[] encryptedFlag(byte[] zip) {
    byte[] bytes = zip.clone();
    bytes[6] |= 0x01;
    for (int i = 0; i + 4 <= bytes.length; i++) {
      if (bytes[i] == 0x50
          && bytes[i + 1] == 0x4B
          && bytes[i + 2] == 0x01
          && bytes[i + 3] == 0x02) {
        bytes[i + 8] |= 0x01;
      }
    }
    return bytes;
  }

  /** A real payment workbook made by POI. */
  static byte[] paymentWorkbook(int rows) throws IOException {
    try (XSSFWorkbook workbook = new XSSFWorkbook();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream()) {
      Sheet sheet = workbook.createSheet("payments");
      String[] header = {"date/time", "settlement id", "type", "order id", "description", "total"};
      Row first = sheet.createRow(0);
      for (int c = 0; c < header.length; c++) {
        first.createCell(c).setCellValue(header[c]);
      }
      for (int r = 1; r <= rows; r++) {
        Row row = sheet.createRow(r);
        row.createCell(0).setCellValue("2024-01-05");
        row.createCell(1).setCellValue("S" + r);
        row.createCell(2).setCellValue("Order");
        row.createCell(3).setCellValue("BIC-TRUNC-" + r);
        row.createCell(4).setCellValue("line " + (r * 7919L));
        row.createCell(5).setCellValue(r);
      }
      workbook.write(bytes);
      return bytes.toByteArray();
    }
  }

  /** A POI workbook whose first sheet's XML is replaced by what {@code sheet} writes. */
  static byte[] workbookWithSheet(SheetWriter sheet) throws IOException {
    byte[] original = paymentWorkbook(1);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipInputStream in = new ZipInputStream(new java.io.ByteArrayInputStream(original));
        ZipOutputStream out = new ZipOutputStream(bytes)) {
      for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
        out.putNextEntry(new ZipEntry(entry.getName()));
        if (entry.getName().equals("xl/worksheets/sheet1.xml")) {
          sheet.write(out);
        } else {
          copy(in, out);
        }
        out.closeEntry();
      }
    }
    return bytes.toByteArray();
  }

  @FunctionalInterface
  interface SheetWriter {
    void write(OutputStream out) throws IOException;
  }

  private static void copy(InputStream in, OutputStream out) throws IOException {
    byte[] buffer = new byte[8192];
    for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
      out.write(buffer, 0, n);
    }
  }

  private static final String SHEET_START =
      "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
  private static final String WORKSHEET =
      "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>";

  private static String inlineRow(int r, String... values) {
    StringBuilder row = new StringBuilder("<row r=\"" + r + "\">");
    for (int c = 0; c < values.length; c++) {
      row.append("<c r=\"")
          .append((char) ('A' + c))
          .append(r)
          .append("\" t=\"inlineStr\"><is><t>")
          .append(values[c])
          .append("</t></is></c>");
    }
    return row.append("</row>").toString();
  }

  static SheetWriter bombSheet(long whitespaceBytes) {
    return out -> {
      out.write(utf8(SHEET_START + WORKSHEET));
      byte[] spaces = new byte[1024 * 1024];
      Arrays.fill(spaces, (byte) ' ');
      for (long written = 0; written < whitespaceBytes; written += spaces.length) {
        out.write(spaces);
      }
      out.write(
          utf8(
              inlineRow(1, "type", "order id", "total")
                  + inlineRow(2, "Order", "BIC-BOMB-0001", "10")
                  + "</sheetData></worksheet>"));
    };
  }

  static SheetWriter xxeSheet() {
    return out ->
        out.write(
            utf8(
                SHEET_START
                    + "<!DOCTYPE worksheet [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n"
                    + WORKSHEET
                    + inlineRow(1, "type", "order id", "description", "total")
                    + inlineRow(2, "Order", "BIC-XXE-00001", "&xxe;", "10")
                    + inlineRow(3, "Order", "&xxe;", "x", "10")
                    + "</sheetData></worksheet>"));
  }
}
