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
 * <p>The demo is the Kazakhstan reconstruction: platform blocking from 4 January 2022 at 06:00 UTC,
 * throttling of two mobile networks from 16:05, a nationwide blackout from 5 January at 10:50 to 11
 * January at 02:30, and Nur-Sultan cut on a curfew pattern.
 */
class DashboardIT {
  static final Path SHOTS = Path.of("target", "dashboard-screenshots");
  static final long PLATFORMS_START = Instant.parse("2022-01-04T06:00:00Z").getEpochSecond();
  static final long THROTTLING_START = Instant.parse("2022-01-04T16:05:00Z").getEpochSecond();
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
    page.evaluate("() => window.scrollTo(0, 0)"); // the banner is pinned to the top of the view
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
  void theHomePageLeadsWithTheEpisodeAndShadesKazakhstan() {
    assertThat(go("/?days=30").status()).isEqualTo(200);
    page.waitForSelector("#map[data-shaded]");
    assertThat(page.locator("#dataset-banner").textContent()).contains("RECONSTRUCTION");
    assertThat(page.locator("#dataset-banner").isVisible()).isTrue();
    // The episode as one case, its steps in order, linked to the country's page.
    Locator card = page.locator("#episodes article[data-country=KZ]");
    assertThat(card.count()).isEqualTo(1);
    assertThat(card.textContent())
        .contains(
            "Kazakhstan", "Platform blocking", "Throttling", "Blackout", "curfew", "Nur-Sultan")
        .containsSubsequence("Platform blocking", "4 Jan 06:00", "Throttling", "4 Jan 16:05")
        .containsSubsequence("Blackout", "5 Jan 10:50");
    assertThat(card.locator("a").first().getAttribute("href")).isEqualTo("/country/KZ");
    assertThat(page.locator("path.country[data-cc=KZ]").getAttribute("data-severity"))
        .isEqualTo("blackout");
    assertThat(page.locator("path.country[data-cc=FR]").getAttribute("data-severity"))
        .isEqualTo("none");
    // The country's and the networks' events first; the regions' folded behind a button.
    assertThat(page.locator("#main-events").textContent())
        .contains("Kazakhstan", "Blackout", "2022-01-05 10:50", "AS29355")
        .doesNotContain("Almaty");
    assertThat(page.locator("#region-events").isVisible()).isFalse();
    shot("home.png");
    page.locator("button[aria-controls=region-events]").click();
    assertThat(page.locator("#region-events").isVisible()).isTrue();
    assertThat(page.locator("#region-events tr").count()).isGreaterThanOrEqualTo(17);
    assertThat(page.locator("#region-events").textContent()).contains("Almaty", "Nur-Sultan");
  }

  @Test
  void theCountryPageTellsTheCase() throws IOException {
    assertThat(go("/country/KZ").status()).isEqualTo(200);
    Locator chart = chart();
    // Recorded, not asserted (the machine may be busy): navigation start to the chart drawn, as
    // the page marks it and as the test sees it (with the test's polling).
    double seen = ((Number) page.evaluate("() => performance.now()")).doubleValue();
    double drawn =
        ((Number)
                page.evaluate(
                    "() => performance.getEntriesByName('vigil-chart-drawn')[0].startTime"))
            .doubleValue();
    assertThat(page.locator("h1").textContent()).isEqualTo("Kazakhstan");

    // The headline and the timeline of the episode, each step in UTC and local time with evidence.
    page.waitForSelector("#timeline[data-steps]");
    assertThat(page.locator("#headline").textContent()).contains("Kazakhstan", "4–11 January 2022");
    assertThat(page.locator("#summary").textContent())
        .containsSubsequence("platform blocking", "throttling", "blackout", "curfew in Nur-Sultan");
    Locator steps = page.locator("#timeline li.step");
    assertThat(steps.count()).isBetween(4, 8);
    assertThat(steps.nth(0).getAttribute("data-kind")).isEqualTo("platform-blocking");
    assertThat(steps.nth(0).textContent())
        .contains("4 Jan 06:00 UTC", "12:00 local", "nationwide", "Telegram", "WhatsApp");
    assertThat(step("throttling").textContent())
        .contains("4 Jan 16:05 UTC", "22:05 local", "AS29355", "AS48503", "28 %");
    assertThat(step("blackout").textContent())
        .contains("5 Jan 10:50 UTC", "16:50 local", "nationwide", "routes stayed announced");
    assertThat(page.locator("#timeline li.step:has-text('Curfew')").textContent())
        .contains("Nur-Sultan", "times at similar clock times");
    for (int i = 0; i < steps.count(); i++) {
      assertThat(steps.nth(i).locator("a.evidence-link").getAttribute("href"))
          .startsWith("/")
          .contains("?event=");
    }

    // The chart: the signals an analyst reads, in two panels; the rest a toggle away.
    assertThat(chart.getAttribute("data-panels")).isEqualTo("conn,ooni");
    assertThat(attr(chart, "data-series")).isBetween(5L, 8L);
    assertThat(page.locator("#signal-toggles").textContent())
        .contains("Traffic", "Active probing: /24s up", "BGP: visible /24s", "OONI Telegram")
        .doesNotContain("measurements", "down", "updates");
    assertThat(page.locator("#more-toggles").textContent())
        .contains("BGP updates", "OONI WhatsApp: measurements", "all 17 regions");
    assertThat(attr(chart, "data-points")).isGreaterThan(1000);
    // Bands by kind: platform blocking from 4 Jan 06:00, throttling from 16:05 (the networks),
    // the blackout from 5 Jan 10:50.
    assertThat(chart.getAttribute("data-bands"))
        .contains("platform-blocking@" + PLATFORMS_START + "-")
        .contains("throttling@" + THROTTLING_START + "-")
        .contains("blackout@" + BLACKOUT_START + "-");
    assertThat(page.locator("#band-legend").textContent())
        .contains("Throttling 2022-01-04 16:05", "Blackout 2022-01-05 10:50");
    // ... and on the canvas: red in the blackout, amber in the throttling, white before; purple
    // in the OONI panel from 4 January.
    assertBand(
        "conn", (BLACKOUT_START + BLACKOUT_END) / 2, DashboardIT::reddish, "red blackout band");
    assertBand("conn", THROTTLING_START + 2 * 3600, DashboardIT::amber, "amber throttling band");
    assertBand("conn", BLACKOUT_START - 3 * 86_400, DashboardIT::white, "no band before");
    assertBand(
        "ooni", PLATFORMS_START + 6 * 3600, DashboardIT::purple, "purple platform-blocking band");

    // Regions: a table with hours disrupted and patterns; Nur-Sultan's curfew first.
    Locator nurSultan = page.locator("#regions tr[data-region=KZ-AST]");
    page.waitForSelector("#regions tr[data-region=KZ-AST] svg.spark");
    assertThat(page.locator("#regions tbody tr").count()).isEqualTo(17);
    assertThat(page.locator("#regions tbody tr").first().getAttribute("data-region"))
        .isEqualTo("KZ-AST");
    assertThat(nurSultan.textContent()).contains("Nur-Sultan", "curfew", " h");
    assertThat(page.locator("#regions-note").textContent()).contains("Curfew", "Nur-Sultan");

    // Events: the country's, then the networks' by kind; the regions' folded.
    assertThat(page.locator("#events h3").first().textContent()).startsWith("Kazakhstan");
    assertThat(page.locator("#events").textContent())
        .contains("2022-01-05 10:50", "input file", "Networks: ")
        .containsSubsequence("Platform blocking", "Throttling", "Blackout");
    assertThat(page.locator("#region-events").getAttribute("open")).isNull();
    assertThat(page.locator("#narrative").textContent()).contains("Nur-Sultan");

    // The banner stays on screen at the foot of the page.
    assertThat(page.locator("#dataset-banner").textContent()).contains("RECONSTRUCTION");
    page.evaluate("() => window.scrollTo(0, document.body.scrollHeight)");
    assertThat(
            ((Number)
                    page.evaluate(
                        "() => document.getElementById('dataset-banner')"
                            + ".getBoundingClientRect().top"))
                .doubleValue())
        .isBetween(-1.0, 1.0);
    page.evaluate("() => window.scrollTo(0, 0)");
    double height =
        ((Number) page.evaluate("() => document.documentElement.scrollHeight")).doubleValue();
    Files.writeString(
        SHOTS.resolve("timings.txt"),
        String.format(
            java.util.Locale.ROOT,
            "/country/KZ chart drawn after %.0f ms (navigation start to the first chart drawn;"
                + " %.0f ms when the test saw it); page %.0f px tall at 1280 px%n",
            drawn,
            seen,
            height));
    shot("country-KZ.png");
  }

  Locator step(String kind) {
    return page.locator("#timeline li.step[data-kind=" + kind + "]").first();
  }

  @Test
  void otherSignalsAndRegionsAreTogglesAway() {
    go("/country/KZ");
    Locator chart = chart();
    long series = attr(chart, "data-series");
    page.locator("#more-signals summary").click();
    page.locator("#more-toggles input[data-signal='bgp.updates']").check();
    page.waitForFunction("() => document.getElementById('chart').dataset.panels.includes('more')");
    chart = chart();
    assertThat(attr(chart, "data-series")).isEqualTo(series + 1);
    assertThat(page.url()).contains("more=bgp.updates");
    page.waitForSelector("#regions tr[data-region=KZ-AST] input");
    page.locator("#regions tr[data-region=KZ-AST] input").check();
    page.waitForFunction(
        "n => Number(document.getElementById('chart').dataset.series) > n", (double) series + 1);
    assertThat(page.url()).contains("regions=KZ-AST");
    assertThat(page.locator("#chart .panel[data-panel=conn]").textContent())
        .contains("Nur-Sultan: Traffic");
    shot("country-KZ-toggles.png");
  }

  @Test
  void zoomingNarrowsTheViewAndTheShareLinkRestoresIt() {
    go("/country/KZ");
    Locator chart = chart();
    long span = attr(chart, "data-until") - attr(chart, "data-from");

    // Drag across the middle of the top panel: the view shrinks to the dragged span. (The story and
    // the tables load after the chart and move it down the page: wait for them first.)
    page.waitForSelector("#timeline[data-steps]");
    page.waitForSelector("#regions tbody tr");
    page.locator("#chart .u-over").first().scrollIntoViewIfNeeded();
    BoundingBox over = page.locator("#chart .u-over").first().boundingBox();
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
    page.locator("#signal-toggles input[data-signal='bgp.visible_slash24']").uncheck();
    assertThat(page.url())
        .contains("from=")
        .contains("until=")
        .contains("mode=abs")
        .contains("hide=bgp.visible_slash24");
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
    assertThat(
            other.locator("#signal-toggles input[data-signal='bgp.visible_slash24']").isChecked())
        .isFalse();
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
    page.waitForSelector("#events tbody.selected");
    Locator row = page.locator("#events tbody.selected");
    assertThat(row.count()).isEqualTo(1);
    assertThat(row.textContent()).contains("Kazakhstan", "Blackout", "2022-01-05 10:50");
    assertThat(row.locator("details.evidence").getAttribute("open")).isNotNull();
    assertThat(row.locator("details.evidence").textContent()).contains("traffic-regions.csv");
    shot("event-KZ-blackout.png");
    // A step of the timeline links to its evidence the same way.
    page.waitForSelector("#timeline[data-steps]");
    String evidence = step("throttling").locator("a.evidence-link").getAttribute("href");
    assertThat(evidence).startsWith("/country/KZ?event=");
    go(evidence);
    chart();
    page.waitForSelector("#events tbody.selected details.evidence[open]");
    assertThat(page.locator("#events tbody.selected").textContent())
        .contains("Throttling", "2022-01-04 16:15");
  }

  @Test
  void downloadsGiveTheSignalsAsCsvAndTheChartAsPng() throws IOException {
    go("/country/KZ");
    chart();
    Download csv = page.waitForDownload(() -> page.locator("#dl-csv").click());
    List<String> lines = Files.readAllLines(csv.path(), StandardCharsets.UTF_8);
    assertThat(lines.get(0))
        .startsWith("time_utc,unix,")
        .contains("traffic.requests", "ooni.telegram.anomaly_ratio");
    assertThat(lines).hasSizeGreaterThan(500);
    Download png = page.waitForDownload(() -> page.locator("#dl-png").click());
    byte[] bytes = Files.readAllBytes(png.path());
    assertThat(bytes).startsWith(0x89, 'P', 'N', 'G');
    Files.write(SHOTS.resolve("chart-download.png"), bytes);
  }

  @Test
  void regionAndNetworkPagesTellTheirPartAndUnknownOnesAre404() {
    assertThat(go("/region/KZ-AST").status()).isEqualTo(200);
    Locator chart = chart();
    assertThat(attr(chart, "data-series")).isGreaterThanOrEqualTo(1);
    assertThat(page.locator("#crumbs").textContent()).contains("Kazakhstan");
    page.waitForSelector("#timeline[data-steps]");
    assertThat(page.locator("#headline").textContent()).contains("Nur-Sultan", "Kazakhstan");
    assertThat(page.locator("#timeline").textContent())
        .contains("Curfew", "Nur-Sultan", "times at similar clock times", "local");
    assertThat(page.locator("#summary a").getAttribute("href")).isEqualTo("/country/KZ");
    shot("region-KZ-AST.png");
    assertThat(go("/region/KZ-ALA").status()).isEqualTo(200);
    assertThat(attr(chart(), "data-points")).isPositive();
    shot("region-KZ-ALA.png");
    assertThat(go("/asn/29355").status()).isEqualTo(200);
    assertThat(attr(chart(), "data-points")).isPositive();
    page.waitForSelector("#timeline[data-steps]");
    assertThat(page.locator("#timeline").textContent())
        .contains("Throttling", "4 Jan 16:05 UTC", "28 %");
    shot("asn-29355.png");
    Response missing = go("/country/XX");
    assertThat(missing.status()).isEqualTo(404);
    assertThat(page.locator("main").textContent()).contains("No country 'XX'");
  }

  @Test
  void theCountryPageIsUsableOnAPhone() {
    page.setViewportSize(390, 844);
    go("/country/KZ");
    chart();
    page.waitForSelector("#timeline[data-steps]");
    double width =
        ((Number) page.evaluate("() => document.documentElement.scrollWidth")).doubleValue();
    assertThat(width).isLessThanOrEqualTo(390);
    assertThat(page.locator("#dataset-banner strong").isVisible()).isTrue();
    shot("country-KZ-phone.png");
  }

  /**
   * Asserts that most of five canvas pixels at time {@code t}, from half-way to nine tenths down
   * the plot of a panel, have the colour: a line of the chart may cross one of them.
   */
  void assertBand(String panel, long t, java.util.function.Predicate<int[]> colour, String what) {
    @SuppressWarnings("unchecked")
    List<List<Number>> pixels =
        (List<List<Number>>)
            page.evaluate(
                "([p, t]) => { const c = document.getElementById('chart');"
                    + " const box = c.querySelector('.panel[data-panel=' + p + ']');"
                    + " const canvas = box.querySelector('canvas');"
                    + " const over = box.querySelector('.u-over').getBoundingClientRect();"
                    + " const cr = canvas.getBoundingClientRect();"
                    + " const f = Number(c.dataset.from), u = Number(c.dataset.until);"
                    + " const x = over.left - cr.left + (t - f) / (u - f) * over.width;"
                    + " const k = canvas.width / cr.width;"
                    + " return [0.5, 0.6, 0.7, 0.8, 0.9].map(h => { const y = over.top - cr.top"
                    + " + over.height * h; const d = canvas.getContext('2d').getImageData("
                    + "Math.round(x * k), Math.round(y * k), 1, 1).data;"
                    + " return [d[0], d[1], d[2], d[3]]; }); }",
                List.of(panel, (double) t)); // Playwright passes numbers as doubles, not longs
    long matching =
        pixels.stream()
            .map(px -> px.stream().mapToInt(Number::intValue).toArray())
            .filter(colour)
            .count();
    assertThat(matching).as("%s at %s in panel %s: %s", what, t, panel, pixels).isGreaterThan(2);
  }

  // The canvas is transparent where nothing is drawn; getImageData gives colours without the
  // alpha applied, so a band's pixels have the colour of its kind.

  static boolean reddish(int[] rgba) {
    return rgba[3] > 20 && rgba[0] > rgba[1] + 80 && rgba[0] > rgba[2] + 80;
  }

  static boolean amber(int[] rgba) {
    return rgba[3] > 20
        && rgba[1] > rgba[2] + 80
        && rgba[0] > rgba[1] + 10
        && rgba[0] < rgba[1] + 80;
  }

  static boolean purple(int[] rgba) {
    return rgba[3] > 20 && rgba[2] > rgba[1] + 40 && rgba[0] > rgba[1] + 30;
  }

  static boolean white(int[] rgba) {
    return rgba[3] < 20;
  }
}
