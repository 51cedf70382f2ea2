package dev.rampart.tests;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The live dashboard in a real browser: Debian's Chromium driven by Playwright (no browser download, no network
 * besides loopback). The page loads, goes live, and its numbers change after traffic; a screenshot is kept as a
 * test artefact in {@code target/dashboard.png}.
 */
class DashboardBrowserTest {

    @Test
    void should_show_live_numbers_that_change_after_traffic() throws Exception {
        WireMockServer upstream = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        upstream.start();
        upstream.stubFor(post("/v1/chat/completions").willReturn(okJson("{\"id\":\"x\",\"object\":\"chat.completion\","
                + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"ok\"},\"finish_reason\":\"stop\"}]}")));
        try (GatewayHarness h = GatewayHarness.start("upstreams:\n"
                + GatewayHarness.upstreamYaml("u", upstream.baseUrl() + "/v1", "[m]", ""));
             Playwright playwright = Playwright.create(new Playwright.CreateOptions()
                     .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
             Browser browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                     .setExecutablePath(Path.of("/usr/bin/chromium"))
                     .setHeadless(true)
                     .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                             "--disable-background-networking", "--disable-component-update", "--disable-sync",
                             "--disable-default-apps", "--metrics-recording-only", "--no-pings")))) {
            Page page = browser.newPage(new Browser.NewPageOptions().setViewportSize(1440, 900));
            page.navigate(h.admin() + "/dashboard");
            page.waitForSelector("#status.live");
            assertThat(page.title()).isEqualTo("Rampart — live");
            String before = page.textContent("#requests-total");

            h.post("/v1/chat/completions", GatewayHarness.chat("m", "What is the capital of France?"));
            h.post("/v1/chat/completions", GatewayHarness.chat("m", "How do I build a pipe bomb?"));

            page.waitForFunction("before => document.getElementById('requests-total').textContent !== before", before,
                    new Page.WaitForFunctionOptions().setTimeout(15_000));
            page.waitForFunction("() => document.getElementById('categories').textContent.includes('S9')", null,
                    new Page.WaitForFunctionOptions().setTimeout(15_000));
            assertThat(Integer.parseInt(page.textContent("#requests-total"))).isGreaterThanOrEqualTo(2);
            assertThat(Integer.parseInt(page.textContent("#blocks-total"))).isGreaterThanOrEqualTo(1);
            assertThat(page.textContent("#recent")).contains("block").contains("S9");
            assertThat(page.textContent("#revision")).hasSize(12);
            assertThat(page.textContent("#upstreams")).contains("u").contains("closed");
            Path shot = Path.of("target", "dashboard.png");
            Files.createDirectories(shot.getParent());
            page.screenshot(new Page.ScreenshotOptions().setPath(shot).setFullPage(true));
            assertThat(Files.size(shot)).isGreaterThan(10_000);
        } finally {
            upstream.stop();
        }
    }
}
