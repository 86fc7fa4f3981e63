package dev.paperboy.functions.subscriptions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paperboy.local.Outbox;
import dev.paperboy.local.SamLocal;
import dev.paperboy.local.TestStack;
import dev.paperboy.subscriber.EmailAddress;
import dev.paperboy.subscriber.SubscriberId;
import dev.paperboy.subscriber.Preferences;
import dev.paperboy.subscriber.Subscriber;
import dev.paperboy.subscriber.SubscriberRepository;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A person's whole way through, in headless Chromium: the page with the papers, the subscribe
 * form, the confirmation mail, preferences (hour and zone, topics, authors, delivery) and their
 * preview, the private feed and replacing its link, and unsubscribing. The API is `sam local start-api`,
 * as `make serve` runs it; screenshots go to target/screenshots/.
 */
class BrowserIT {
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static TestStack stack;
    private static SamLocal.Api server;
    private static WebDriver browser;
    private static String base;

    @BeforeAll
    static void start() throws Exception {
        stack = TestStack.provision();
        stack.storeSampleDay(LocalDate.of(2025, 8, 29));
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        base = "http://127.0.0.1:" + port;
        Files.createDirectories(SCREENSHOTS);
        server = stack.sam().startApi("SubscriptionsApiFunction", port, Map.of("PUBLIC_BASE_URL", base),
                ProcessBuilder.Redirect.to(Path.of("target", "sam-local-start-api.log").toFile())).awaitReady(Duration.ofMinutes(3));
        browser = chromium();
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aPersonSeesThePapersSubscribesConfirmsChangesPreferencesAndLeaves() throws IOException {
        String email = ApiHarness.newAddress();

        browser.get(base + "/");
        assertTrue(browser.getTitle().contains("Daily Papers of 2025-08-29"), browser.getTitle());
        List<String> titles = browser.findElements(By.cssSelector("article.paper h3 a")).stream().map(e -> e.getText()).toList();
        assertEquals("Sparse Mixture Routing for Long-Context Reasoning (SAMPLE)", titles.get(0));
        assertTrue(titles.contains("Diffusion Policies for Kitchen Robots: <b>Fewer</b> Demos, More Dishes (SAMPLE)"),
                "markup in a title shows as text");
        screenshot("page");

        browser.findElement(By.name("email")).sendKeys(email);
        browser.findElement(By.cssSelector("input[name=frequency][value=weekly]")).click();
        browser.findElement(By.name("keywords")).sendKeys("agents, diffusion");
        browser.findElement(By.cssSelector(".subscribe-form button[type=submit]")).click();
        awaitHeading("Check your inbox");

        Outbox.Mail mail = new Outbox(stack.aws().endpoint()).to(email).get(0);
        browser.get(mail.link("/confirm"));
        awaitHeading("Confirm your subscription");
        assertEquals(Subscriber.Status.PENDING, subscriber(email).status(), "opening the link alone confirms nothing");
        browser.findElement(By.cssSelector("form button[type=submit]")).click();
        awaitHeading("You are subscribed");
        assertEquals(Subscriber.Status.CONFIRMED, subscriber(email).status());

        browser.findElement(By.linkText("Set your preferences")).click();
        awaitHeading("What you get");
        new Select(browser.findElement(By.name("weeklyDay"))).selectByValue("FRIDAY");
        var max = browser.findElement(By.name("maxPapers"));
        max.clear();
        max.sendKeys("5");
        browser.findElement(By.cssSelector("form.preferences button[type=submit]")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> text(By.cssSelector(".notice")).equals("Saved."));
        Preferences saved = subscriber(email).preferences();
        assertEquals(Preferences.Frequency.WEEKLY, saved.frequency());
        assertEquals(java.time.DayOfWeek.FRIDAY, saved.weeklyDay());
        assertEquals(5, saved.maxPapers());
        assertEquals(List.of("agents", "diffusion"), saved.keywords());
        screenshot("preferences");

        assertTrue(text(By.id("preview")).contains("Agents That Write Their Own Unit Tests (SAMPLE)"), "the saved settings' preview");
        var keywords = browser.findElement(By.name("keywords"));
        keywords.clear();
        keywords.sendKeys("speculative decoding");
        awaitPreview("Speculative Decoding on a Budget (SAMPLE)");
        assertFalse(text(By.id("preview")).contains("Agents That Write"), "the typed keyword, not the saved ones");
        assertEquals(List.of("agents", "diffusion"), subscriber(email).preferences().keywords(), "typing saves nothing");
        screenshot("preferences-preview");

        browser.findElement(By.name("excludedTopics")).sendKeys("robotics");
        browser.findElement(By.name("followedAuthors")).sendKeys("lena fischer");
        awaitPreview("by Lena Fischer, whom you follow");
        assertTrue(text(By.id("preview")).indexOf("Small Vision-Language Models") < text(By.id("preview")).indexOf("Speculative Decoding"),
                "a followed author's paper comes first, whatever the keywords");
        new Select(browser.findElement(By.name("hour"))).selectByValue("18");
        new Select(browser.findElement(By.name("timeZone"))).selectByValue("Asia/Kolkata");
        browser.findElement(By.cssSelector("input[name=delivery][value=feed]")).click();
        browser.findElement(By.cssSelector("form.preferences button[type=submit]")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> text(By.cssSelector(".notice")).equals("Saved."));
        Preferences chosen = subscriber(email).preferences();
        assertEquals(List.of("speculative decoding"), chosen.keywords());
        assertEquals(List.of("robotics"), chosen.excludedTopics());
        assertEquals(List.of("lena fischer"), chosen.followedAuthors());
        assertEquals(18, chosen.hour());
        assertEquals(java.time.ZoneId.of("Asia/Kolkata"), chosen.zone());
        assertEquals(Preferences.Delivery.FEED, chosen.delivery());
        screenshot("preferences-chosen");

        String feed = browser.findElement(By.id("feed-atom")).getAttribute("value");
        assertEquals(200, get(feed).statusCode(), "the feed the page links");
        assertTrue(get(feed).body().contains("<feed xmlns=\"http://www.w3.org/2005/Atom\""), "an Atom feed");
        browser.findElement(By.cssSelector("form.feed-link button[type=submit]")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(d -> text(By.cssSelector(".notice")).equals("Your feed has a new link; the old one no longer works."));
        String replaced = browser.findElement(By.id("feed-atom")).getAttribute("value");
        assertFalse(replaced.equals(feed), "a new address");
        assertEquals(410, get(feed).statusCode(), "the old address stops working");
        assertEquals(200, get(replaced).statusCode());

        browser.findElement(By.linkText("Unsubscribe from all mail")).click();
        awaitHeading("Unsubscribe");
        browser.findElement(By.cssSelector("button.danger")).click();
        awaitHeading("You are unsubscribed");
        assertEquals(Subscriber.Status.UNSUBSCRIBED, subscriber(email).status());
    }

    @Test
    void thePageReadsOnAPhone() throws IOException {
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
        try {
            browser.get(base + "/");
            long overflow = (Long) ((org.openqa.selenium.JavascriptExecutor) browser)
                    .executeScript("return document.documentElement.scrollWidth - window.innerWidth;");
            assertTrue(overflow <= 0, "no sideways scrolling on a phone, overflow " + overflow + " px");
            screenshot("page-phone");
        } finally {
            browser.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 1000));
        }
    }

    /** Waits for the page's script to put the preview of what was typed in place. */
    private static java.net.http.HttpResponse<String> get(String url) throws IOException {
        try (var http = java.net.http.HttpClient.newHttpClient()) {
            return http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private static void awaitPreview(String expected) {
        try {
            new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> text(By.id("preview")).contains(expected));
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("expected '" + expected + "' in the preview, it shows:\n" + text(By.id("preview")), e);
        }
    }

    /** Waits for the next page: a click returns before the browser has navigated. */
    private static void awaitHeading(String expected) {
        try {
            new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> text(By.tagName("h1")).equals(expected));
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("expected the heading '" + expected + "' at " + browser.getCurrentUrl() + ", page:\n" + browser.getPageSource(), e);
        }
    }

    private static String text(By by) {
        try {
            return browser.findElements(by).stream().map(e -> e.getText()).findFirst().orElse("");
        } catch (org.openqa.selenium.StaleElementReferenceException navigating) {
            return "";
        }
    }

    private static Subscriber subscriber(String email) {
        return new SubscriberRepository(stack.aws().clients().dynamoDb(), stack.name("SubscribersTable"))
                .find(SubscriberId.of(stack.keys(), EmailAddress.parse(email))).orElseThrow();
    }

    private static WebDriver chromium() {
        Path driver = Path.of(System.getProperty("paperboy.chromedriver", "/usr/bin/chromedriver"));
        Path binary = Path.of(System.getProperty("paperboy.chromium", "/usr/bin/chromium"));
        if (!Files.isExecutable(driver) || !Files.isExecutable(binary)) {
            throw new IllegalStateException("the browser test needs Debian's chromium and chromium-driver: `make browser`");
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(binary.toFile());
        // Headless as root on a machine with no outside network: no sandbox, no background traffic.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1280,1000");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(driver.toFile()).build();
        ChromeDriver chrome = new ChromeDriver(service, options);
        chrome.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        return chrome;
    }

    private static void screenshot(String name) throws IOException {
        Files.write(SCREENSHOTS.resolve(name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }

}
