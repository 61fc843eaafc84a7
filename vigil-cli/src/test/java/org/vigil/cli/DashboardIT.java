// SPDX-License-Identifier: Apache-2.0
package org.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.options.BoundingBox;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.server.ServerOptions;
import org.vigil.server.VigilServer;

/**
 * The dashboard in a real browser: {@code vigil demo} builds its store through the ordinary ingest
 * and detect paths, the server serves it, and Debian's Chromium (headless, driven by Playwright)
 * opens the pages. Screenshots go to {@code target/dashboard-screenshots/}.
 *
 * <p>The demo is the Kazakhstan reconstruction; its nationwide blackout is detected from 5 January
 * 2022 at 10:50 UTC to 11 January at 02:30.
 */
class DashboardIT {
  static final Path SHOTS = Path.of("target", "dashboard-screenshots");
  static final long BLACKOUT_START = Instant.parse("2022-01-05T10:50:00Z").getEpochSecond();
  static final long BLACKOUT_END = Instant.parse("2022-01-11T02:30:00Z").getEpochSecond();

  @TempDir static Path dir;
  static VigilServer server;
  static Playwright playwright;
  static Browser browser;
  static String base;

  /** Errors thrown by page scripts, collected per test. */
  final List<String> pageErrors = new CopyOnWriteArrayList<>();

  BrowserContext context;
  Page page;

  @BeforeAll
  static void start() throws IOException {
    Cli demo = Cli.run("demo", "--data", dir.toString(), "--no-serve");
    assertThat(demo.exit()).as(demo.err()).isZero();
    server =
        VigilServer.start(
            dir.resolve("demo").resolve("kazakhstan-2022"),
            0,
            ServerOptions.defaults().withAccessLog(line -> {}));
    base = "http://127.0.0.1:" + server.port();
    Files.createDirectories(SHOTS);
    playwright =
        Playwright.create(
            new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
    browser =
        playwright
            .chromium()
            .launch(
                new BrowserType.LaunchOptions()
                    .setExecutablePath(chromium())
                    .setHeadless(true)
                    .setArgs(List.of("--disable-gpu", "--disable-dev-shm-usage")));
  }

  /** Debian's Chromium ({@code apt-get install chromium}), or {@code VIGIL_CHROMIUM}. */
  static Path chromium() {
    String env = System.getenv("VIGIL_CHROMIUM");
    Path p = Path.of(env == null || env.isBlank() ? "/usr/bin/chromium" : env);
    assertThat(p)
        .as("the browser tests need Chromium: apt-get install chromium, or set VIGIL_CHROMIUM")
        .isExecutable();
    return p;
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.close();
    }
    if (playwright != null) {
      playwright.close();
    }
    if (server != null) {
      server.stop();
    }
  }

  @BeforeEach
  void open() {
    context =
        browser.newContext(
            new Browser.NewContextOptions().setViewportSize(1280, 900).setAcceptDownloads(true));
    page = context.newPage();
    pageErrors.clear();
    page.onPageError(pageErrors::add);
  }

  @AfterEach
  void close() {
    context.close();
    assertThat(pageErrors).as("JavaScript errors").isEmpty();
  }

  Response go(String path) {
    Response r = page.navigate(base + path);
    assertThat(r).isNotNull();
    return r;
  }

  void shot(String name) {
    page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve(name)).setFullPage(true));
  }

  /** Waits for the chart to be drawn for the current view and returns its attributes. */
  Locator chart() {
    Locator chart = page.locator("#chart");
    page.waitForSelector("#chart[data-points]:not([data-pending])");
    page.waitForFunction("() => document.getElementById('status').textContent === ''");
    return chart;
  }

  long attr(Locator l, String name) {
    return Long.parseLong(l.getAttribute(name));
  }

  @Test
  void theHomePageShadesKazakhstanAndListsTheBlackout() {
    assertThat(go("/?days=30").status()).isEqualTo(200);
    page.waitForSelector("#map[data-shaded]");
    assertThat(page.locator("#dataset-banner").textContent()).contains("RECONSTRUCTION");
    assertThat(page.locator("#dataset-banner").isVisible()).isTrue();
    assertThat(page.locator("path.country[data-cc=KZ]").getAttribute("data-severity"))
        .isEqualTo("blackout");
    assertThat(page.locator("path.country[data-cc=FR]").getAttribute("data-severity"))
        .isEqualTo("none");
    Locator rows = page.locator("#events tbody tr");
    assertThat(rows.count()).isGreaterThanOrEqualTo(10);
    assertThat(page.locator("#events").textContent())
        .contains("Kazakhstan", "blackout", "2022-01-05 10:50", "Almaty");
    shot("home.png");
  }

  @Test
  void theCountryPageDrawsTheSignalWithTheBlackoutBand() throws IOException {
    assertThat(go("/country/KZ").status()).isEqualTo(200);
    Locator chart = chart();
    // Recorded, not asserted (the machine may be busy): navigation start to the chart drawn.
    double ms = ((Number) page.evaluate("() => performance.now()")).doubleValue();
    Files.writeString(
        SHOTS.resolve("timings.txt"),
        String.format(java.util.Locale.ROOT, "/country/KZ chart drawn after %.0f ms%n", ms));
    assertThat(page.locator("#dataset-banner").textContent()).contains("RECONSTRUCTION");
    assertThat(page.locator("h1").textContent()).isEqualTo("Kazakhstan");
    // The country's own signals and, dashed, its regions'.
    assertThat(attr(chart, "data-series")).isGreaterThanOrEqualTo(5);
    assertThat(page.locator("#signal-toggles").textContent())
        .contains("traffic.requests", "probe.up_slash24", "with its 17 regions");
    assertThat(attr(chart, "data-points")).isGreaterThan(1000);
    assertThat(attr(chart, "data-event-bands")).isGreaterThanOrEqualTo(2);
    assertThat(attr(chart, "data-alert-bands")).isPositive();
    // The band is on the canvas: reddish inside the blackout, white before it.
    assertThat(pixelAt(chart, (BLACKOUT_START + BLACKOUT_END) / 2)).satisfies(DashboardIT::reddish);
    assertThat(pixelAt(chart, BLACKOUT_START - 3 * 86_400)).satisfies(rgb -> notReddish(rgb));
    assertThat(page.locator("#summary").textContent())
        .contains("nationwide blackout from 2022-01-05 10:50");
    assertThat(page.locator("#events").textContent()).contains("2022-01-05 10:50", "input file");
    assertThat(page.locator("#related").textContent()).contains("Almaty", "Shymkent");
    assertThat(page.locator("#narrative").textContent()).isNotBlank();
    shot("country-KZ.png");
  }

  @Test
  void zoomingNarrowsTheViewAndTheShareLinkRestoresIt() {
    go("/country/KZ");
    Locator chart = chart();
    long span = attr(chart, "data-until") - attr(chart, "data-from");

    // Drag across the middle of the plot: the view shrinks to the dragged span.
    BoundingBox over = page.locator("#chart .u-over").boundingBox();
    double y = over.y + over.height / 2;
    page.mouse().move(over.x + over.width * 0.6, y);
    page.mouse().down();
    page.mouse()
        .move(
            over.x + over.width * 0.8,
            y,
            new com.microsoft.playwright.Mouse.MoveOptions().setSteps(5));
    page.mouse().up();
    page.waitForFunction(
        "s => document.getElementById('chart').dataset.until - document.getElementById('chart')"
            + ".dataset.from < s * 0.5",
        (double) span);
    chart = chart();
    long dragged = attr(chart, "data-until") - attr(chart, "data-from");
    assertThat(dragged).isLessThan(span / 2);

    // The keyboard zooms too: focus the chart, press +.
    page.locator("#chart").focus();
    page.keyboard().press("+");
    page.waitForFunction(
        "s => document.getElementById('chart').dataset.until - document.getElementById('chart')"
            + ".dataset.from < s * 0.75",
        (double) dragged);
    chart = chart();
    long from = attr(chart, "data-from");
    long until = attr(chart, "data-until");
    page.locator("input[name=mode][value=abs]").check();
    assertThat(page.url()).contains("from=").contains("until=").contains("mode=abs");
    shot("country-KZ-zoomed.png");

    String link = page.locator("#share-url").inputValue();
    assertThat(link).isEqualTo(page.url());
    Page other = context.newPage();
    other.navigate(link);
    other.waitForSelector("#chart[data-points]");
    Locator restored = other.locator("#chart");
    assertThat(Math.abs(attr(restored, "data-from") - from)).isLessThanOrEqualTo(60);
    assertThat(Math.abs(attr(restored, "data-until") - until)).isLessThanOrEqualTo(60);
    assertThat(other.locator("input[name=mode][value=abs]").isChecked()).isTrue();
  }

  @Test
  void anEventLinkOpensTheEventWithItsEvidence() {
    go("/?days=30");
    page.waitForSelector("#map[data-shaded]");
    // The country's own row: networks are named too, and Beeline's name says Kazakhstan.
    page.locator("#events tbody tr:has-text('blackout') a.event-link:text-is('Kazakhstan')")
        .first()
        .click();
    page.waitForURL("**/country/KZ?**event=**");
    Locator chart = chart();
    // The view spans the event with a margin, and its row is selected with its evidence open.
    assertThat(attr(chart, "data-from")).isLessThan(BLACKOUT_START);
    assertThat(attr(chart, "data-until")).isGreaterThan(BLACKOUT_END);
    Locator row = page.locator("#events tbody.selected");
    assertThat(row.count()).isEqualTo(1);
    assertThat(row.textContent()).contains("Kazakhstan", "blackout", "2022-01-05 10:50");
    assertThat(row.locator("details.evidence").getAttribute("open")).isNotNull();
    assertThat(row.locator("details.evidence").textContent()).contains("traffic-regions.csv");
    shot("event-KZ-blackout.png");
  }

  @Test
  void downloadsGiveTheSignalsAsCsvAndTheChartAsPng() throws IOException {
    go("/country/KZ");
    chart();
    Download csv = page.waitForDownload(() -> page.locator("#dl-csv").click());
    List<String> lines = Files.readAllLines(csv.path(), StandardCharsets.UTF_8);
    assertThat(lines.get(0)).startsWith("time_utc,unix,").contains("traffic.requests");
    assertThat(lines).hasSizeGreaterThan(1000);
    Download png = page.waitForDownload(() -> page.locator("#dl-png").click());
    byte[] bytes = Files.readAllBytes(png.path());
    assertThat(bytes).startsWith(0x89, 'P', 'N', 'G');
    Files.write(SHOTS.resolve("chart-download.png"), bytes);
  }

  @Test
  void regionAndNetworkPagesWorkAndUnknownOnesAre404() {
    assertThat(go("/region/KZ-ALA").status()).isEqualTo(200);
    Locator chart = chart();
    assertThat(attr(chart, "data-series")).isGreaterThanOrEqualTo(1);
    assertThat(page.locator("#crumbs").textContent()).contains("Kazakhstan");
    shot("region-KZ-ALA.png");
    assertThat(go("/asn/9198").status()).isEqualTo(200);
    assertThat(attr(chart(), "data-points")).isPositive();
    Response missing = go("/country/XX");
    assertThat(missing.status()).isEqualTo(404);
    assertThat(page.locator("main").textContent()).contains("No country 'XX'");
  }

  @Test
  void theCountryPageIsUsableOnAPhone() {
    page.setViewportSize(390, 844);
    go("/country/KZ");
    chart();
    double width =
        ((Number) page.evaluate("() => document.documentElement.scrollWidth")).doubleValue();
    assertThat(width).isLessThanOrEqualTo(390);
    shot("country-KZ-phone.png");
  }

  /** The canvas pixel at time {@code t}, three quarters down the plot. */
  int[] pixelAt(Locator chart, long t) {
    @SuppressWarnings("unchecked")
    List<Number> rgb =
        (List<Number>)
            page.evaluate(
                "t => { const c = document.getElementById('chart');"
                    + " const canvas = c.querySelector('canvas');"
                    + " const over = c.querySelector('.u-over').getBoundingClientRect();"
                    + " const cr = canvas.getBoundingClientRect();"
                    + " const f = Number(c.dataset.from), u = Number(c.dataset.until);"
                    + " const x = over.left - cr.left + (t - f) / (u - f) * over.width;"
                    + " const y = over.top - cr.top + over.height * 0.75;"
                    + " const k = canvas.width / cr.width;"
                    + " const d = canvas.getContext('2d').getImageData(Math.round(x * k),"
                    + " Math.round(y * k), 1, 1).data; return [d[0], d[1], d[2]]; }",
                (double) t); // Playwright passes numbers as doubles, not longs
    return new int[] {rgb.get(0).intValue(), rgb.get(1).intValue(), rgb.get(2).intValue()};
  }

  static void reddish(int[] rgb) {
    assertThat(rgb[0]).as("red of %s", java.util.Arrays.toString(rgb)).isGreaterThan(rgb[1] + 12);
  }

  static void notReddish(int[] rgb) {
    assertThat(rgb[0] - rgb[1])
        .as("red - green of %s", java.util.Arrays.toString(rgb))
        .isLessThan(8);
  }
}
