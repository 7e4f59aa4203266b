package dev.recon.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;

/**
 * A person's path through the web UI, in Debian's headless Chromium against the whole running
 * system: upload the small reports on the page, watch them reconcile, check the dashboard against
 * expected/summary.json, open an order, export the table, and see a refused file say why.
 * Screenshots land in stack/target/screenshots.
 */
@TestMethodOrder(OrderAnnotation.class)
class BrowserIT {

  private static final Duration RECONCILE_TIMEOUT = Duration.ofMinutes(4);
  private static final Path SCREENSHOTS = Path.of("target", "screenshots");

  private static Stack stack;
  private static WebDriver browser;
  private static Dataset small;

  @BeforeAll
  static void start() throws Exception {
    small = Dataset.named("small");
    stack = LocalStack.start("browser");
    ChromeOptions options = new ChromeOptions();
    options.setBinary("/usr/bin/chromium");
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--window-size=1280,1000");
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile())
            .build();
    browser = new ChromeDriver(service, options);
    Files.createDirectories(SCREENSHOTS);
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.quit();
    }
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  @Order(1)
  void uploadingTheTwoReportsOnThePageReconcilesThemLive() throws IOException {
    browser.get(url("/"));
    WebElement files = browser.findElement(By.cssSelector("[data-testid=file-input]"));
    Path inputs = small.dir().resolve("inputs");
    files.sendKeys(
        inputs.resolve("mtr.csv").toAbsolutePath()
            + "\n"
            + inputs.resolve("payment.csv").toAbsolutePath());
    browser.findElement(By.cssSelector("[data-testid=upload-button]")).click();

    new WebDriverWait(browser, RECONCILE_TIMEOUT)
        .until(
            page -> {
              List<WebElement> statuses =
                  page.findElements(
                      By.cssSelector("[data-testid=upload-card] [data-testid=upload-status]"));
              return statuses.size() == 2
                  && statuses.stream()
                      .allMatch(status -> "RECONCILED".equals(status.getAttribute("data-status")));
            });
    assertThat(browser.findElements(By.cssSelector("[data-testid=rejected-row]"))).isNotEmpty();
    screenshot("1-upload-reconciled");
  }

  @Test
  @Order(2)
  void theDashboardShowsTheExpectedCountsPerCategoryAndTolerance() throws IOException {
    browser.get(url("/dashboard"));
    JsonNode expected = small.expectedSummary();
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    for (Map.Entry<String, JsonNode> category : expected.get("categories").properties()) {
      By count =
          By.cssSelector(
              "[data-testid=category-count][data-category=\"" + category.getKey() + "\"]");
      wait.until(ExpectedConditions.textToBePresentInElementLocated(count, ""));
      wait.until(page -> page.findElement(count).getText().equals(category.getValue().asText()));
    }
    for (Map.Entry<String, JsonNode> status : expected.get("tolerance").properties()) {
      By count =
          By.cssSelector(
              "[data-testid=tolerance-count][data-tolerance=\"" + status.getKey() + "\"]");
      wait.until(page -> page.findElement(count).getText().equals(status.getValue().asText()));
    }
    BigDecimal charges = BigDecimal.ZERO;
    for (JsonNode charge : expected.get("non_order_charges")) {
      charges = charges.add(new BigDecimal(charge.get("amount").asText()));
    }
    // ₹ and the Indian digit grouping aside, each amount is the exact decimal
    assertThat(amountText(By.cssSelector("[data-testid=total-charges]")))
        .isEqualTo(charges.toPlainString());
    assertThat(amountText(By.cssSelector("[data-testid=total-invoice]")))
        .isEqualTo(expected.get("totals").get("shipment_invoice_amount").asText());
    screenshot("2-dashboard");
  }

  @Test
  @Order(3)
  void anUnpaidOrderShowsItsLinesAndTheRuleThatDecidedIt() throws IOException {
    browser.get(url("/orders?category=Payment%20Pending"));
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    WebElement firstRow =
        wait.until(
            ExpectedConditions.elementToBeClickable(By.cssSelector("tr[data-testid=order-row] a")));
    screenshot("3-orders-unpaid");
    firstRow.click();

    wait.until(
        ExpectedConditions.visibilityOfElementLocated(
            By.cssSelector("[data-testid=deciding-rule]")));
    assertThat(browser.findElement(By.cssSelector("[data-testid=order-category]")).getText())
        .isEqualTo("Payment Pending");
    assertThat(browser.findElements(By.cssSelector("[data-testid=mtr-line]"))).isNotEmpty();
    assertThat(browser.findElements(By.cssSelector("[data-testid=payment-line]"))).isEmpty();
    assertThat(
            browser.findElement(By.cssSelector("li[data-rule=\"6\"]")).getAttribute("data-state"))
        .isEqualTo("decided");
    screenshot("4-order-detail");
  }

  @Test
  @Order(4)
  void theCsvExportOfTheOrdersPageEqualsTheExpectedOrders() throws Exception {
    browser.get(url("/orders"));
    WebElement export =
        new WebDriverWait(browser, Duration.ofSeconds(30))
            .until(ExpectedConditions.presenceOfElementLocated(By.id("export-csv")));
    String href = export.getAttribute("href");
    HttpResponse<String> csv =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(href)).build(),
                HttpResponse.BodyHandlers.ofString());

    assertThat(csv.statusCode()).isEqualTo(200);
    assertThat(ResultComparison.orders(small.expectedOrdersCsv(), csv.body())).isEmpty();
  }

  @Test
  @Order(5)
  void aRefusedFileSaysWhyInWords() throws IOException {
    browser.get(url("/"));
    Path pdf = Dataset.named("bad-files").dir().resolve("inputs").resolve("report.pdf");
    browser
        .findElement(By.cssSelector("[data-testid=file-input]"))
        .sendKeys(pdf.toAbsolutePath().toString());
    browser.findElement(By.cssSelector("[data-testid=upload-button]")).click();

    WebElement error =
        new WebDriverWait(browser, Duration.ofSeconds(60))
            .until(
                ExpectedConditions.visibilityOfElementLocated(
                    By.cssSelector(
                        "[data-testid=upload-card][data-file-name=\"report.pdf\"]"
                            + " [data-testid=upload-error]")));
    assertThat(error.getText()).contains("CSV", "XLSX");
    screenshot("5-refused-file");
  }

  @Test
  @Order(6)
  void anOrderShowsWhereItsPayoutWent() throws IOException {
    // expected/orders_money.csv: sales 6079.00, fees -4360.69 (72.21 % of product sales), TCS
    // -51.18, TDS -5.12
    browser.get(url("/orders/171-0838315-8425040"));
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    wait.until(
        ExpectedConditions.visibilityOfElementLocated(
            By.cssSelector("[data-testid=breakdown-waterfall]")));

    assertThat(waterfallAmount("Sales")).isEqualTo("6079.00");
    assertThat(waterfallAmount("Fees")).isEqualTo("-4360.69");
    assertThat(waterfallAmount("TCS")).isEqualTo("-51.18");
    assertThat(waterfallAmount("TDS")).isEqualTo("-5.12");
    assertThat(waterfallAmount("Payout")).isEqualTo("1662.01");
    assertThat(step("Fees").getText()).contains("72.21 % of product sales");
    screenshot("6-order-breakdown");
  }

  @Test
  @Order(7)
  void theDashboardShowsTheAgeingOfUnpaidOrdersAndTheTaxesByMonth() throws IOException {
    // expected/money.json: as of 2024-08-19, 14 unpaid orders 15-30 days old and 12 31-60 days
    browser.get(url("/dashboard"));
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.cssSelector("[data-testid=ageing-caption]"), "2024-08-19"));

    assertThat(ageingOrders("15-30")).isEqualTo("14");
    assertThat(ageingOrders("31-60")).isEqualTo("12");
    assertThat(ageingOrders("0-7")).isEqualTo("0");
    assertThat(
            browser.findElements(By.cssSelector("[data-testid=tax-month]")).stream()
                .map(row -> row.getAttribute("data-month"))
                .toList())
        .containsExactly("2024-07", "2024-08");
    assertThat(amountText(By.cssSelector("[data-testid=money-fees]"))).isEqualTo("-390420.11");
    browser.findElement(By.id("ageing-title")).click();
    screenshot("7-dashboard-money");
  }

  @Test
  @Order(8)
  void retractingAnUploadOnTheUploadsPageTakesItsLinesOut() throws Exception {
    browser.get(url("/uploads"));
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    WebElement payments =
        wait.until(
            page ->
                page.findElements(By.cssSelector("tr[data-testid=upload-row]")).stream()
                    .filter(row -> row.getText().contains("payment.csv"))
                    .findFirst()
                    .orElse(null));
    String uploadId = payments.getAttribute("data-upload-id");
    payments.findElement(By.cssSelector("[data-testid=retract]")).click();

    org.openqa.selenium.Alert confirm = wait.until(ExpectedConditions.alertIsPresent());
    assertThat(confirm.getText()).contains("payment.csv", "cannot be undone");
    confirm.accept();
    // A local stack opens the pages but not the admin calls: the page asks for the token once.
    org.openqa.selenium.Alert tokenPrompt = wait.until(ExpectedConditions.alertIsPresent());
    tokenPrompt.sendKeys(stack.apiToken());
    tokenPrompt.accept();

    new WebDriverWait(browser, RECONCILE_TIMEOUT)
        // The row is drawn again at each status the upload goes through.
        .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
        .until(
            page ->
                "RETRACTED"
                    .equals(
                        page.findElement(
                                By.cssSelector(
                                    "tr[data-upload-id=\""
                                        + uploadId
                                        + "\"] [data-testid=upload-status]"))
                            .getAttribute("data-status")));
    screenshot("8-upload-retracted");

    JsonNode summary = new GatewayClient(stack.gatewayUrl()).summary();
    assertThat(summary.get("totals").get("payment_lines").asInt())
        .as("the retracted payment report's lines left every order")
        .isZero();
    assertThat(summary.get("non_order_charges")).isEmpty();
    assertThat(summary.get("totals").get("mtr_lines").asInt())
        .isEqualTo(small.expectedSummary().get("totals").get("mtr_lines").asInt());
  }

  private static WebElement step(String label) {
    return browser.findElement(
        By.cssSelector("[data-testid=waterfall-step][data-step=\"" + label + "\"]"));
  }

  private static String waterfallAmount(String label) {
    return step(label)
        .findElement(By.cssSelector("[data-testid=waterfall-amount]"))
        .getText()
        .replaceAll("[^0-9.-]", "");
  }

  private static String ageingOrders(String bucket) {
    return browser
        .findElement(
            By.cssSelector(
                "[data-testid=ageing-bucket][data-bucket=\""
                    + bucket
                    + "\"] [data-testid=ageing-orders]"))
        .getText();
  }

  private static String url(String path) {
    return stack.gatewayUrl().resolve(path).toString();
  }

  private static String amountText(By amount) {
    return browser.findElement(amount).getText().replaceAll("[^0-9.-]", "");
  }

  private static void screenshot(String name) throws IOException {
    byte[] png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
    Files.write(SCREENSHOTS.resolve(name + ".png"), png);
  }
}
