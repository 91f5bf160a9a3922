package dev.vmodem.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vmodem.control.VirtualModem;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dashboard's server side over real HTTP: the page, its files endpoint, transfers in /state and the stream. */
class DashboardServerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path root;

    private HttpResponse<String> get(String url, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void servesThePageAndItsAssetsWithoutTheTokenButNothingElse() throws Exception {
        try (VirtualModem m = VirtualModem.builder().ftpRoot(root).dashboard("127.0.0.1:0").controlToken("s3cret")
                .set("modem.boot.interval.ms", "1").start().awaitReady()) {
            String base = m.dashboard().url();
            HttpResponse<String> page = get(base + "/", null);
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
            assertThat(page.body()).contains("<script src=\"/dashboard/app.js\"></script>").doesNotContain("http://",
                "https://");
            assertThat(get(base + "/dashboard/app.js", null).body()).contains("EventSource");
            assertThat(get(base + "/dashboard/app.css", null).statusCode()).isEqualTo(200);
            assertThat(get(base + "/state", null).statusCode()).isEqualTo(401);
            assertThat(get(base + "/files", null).statusCode()).isEqualTo(401);
            assertThat(get(base + "/state", "s3cret").statusCode()).isEqualTo(200);
            assertThat(get(base + "/state?access_token=s3cret", null).statusCode()).isEqualTo(200);
            assertThat(get(base + "/state?access_token=wrong", null).statusCode()).isEqualTo(401);
            // the control API on its own port serves no page
            assertThat(m.control()).isNull();
        }
    }

    @Test
    void listsAndServesTheFtpRootConfinedToIt() throws Exception {
        Files.createDirectories(root.resolve("sub"));
        Files.writeString(root.resolve("sub/a.txt"), "hello");
        Path outside = Files.createTempFile("vmodem-outside", ".txt");
        try (VirtualModem m = VirtualModem.builder().ftpRoot(root).dashboard("127.0.0.1:0")
                .set("ftp.server.samples", "false").set("modem.boot.interval.ms", "1").start()) {
            Files.createSymbolicLink(root.resolve("link.txt"), outside);
            String base = m.dashboard().url();
            JsonNode files = JSON.readTree(get(base + "/files", null).body());
            assertThat(files.get("files").toString()).contains("\"path\":\"sub/a.txt\"", "\"size\":5");
            assertThat(get(base + "/files/sub/a.txt", null).body()).isEqualTo("hello");
            assertThat(get(base + "/files/sub%2Fa.txt", null).body()).isEqualTo("hello");
            assertThat(get(base + "/files/..%2F..%2Fetc%2Fpasswd", null).statusCode()).isEqualTo(404);
            assertThat(get(base + "/files/%2Fetc%2Fpasswd", null).statusCode()).isEqualTo(404);
            assertThat(get(base + "/files/link.txt", null).statusCode()).isEqualTo(404);
            assertThat(get(base + "/files/sub", null).statusCode()).isEqualTo(404);
        } finally {
            Files.deleteIfExists(outside);
        }
    }

    @Test
    void aDownloadShowsInStateAndAsTransferEvents() throws Exception {
        byte[] file = new byte[64 * 1024];
        new Random(7).nextBytes(file);
        Files.write(root.resolve("fw.bin"), file);
        try (VirtualModem m = VirtualModem.builder().ftpRoot(root).dashboard("127.0.0.1:0")
                .set("modem.boot.interval.ms", "1").start().awaitReady()) {
            String base = m.dashboard().url();
            HttpResponse<InputStream> stream = http.send(HttpRequest.newBuilder(URI.create(base
                + "/transcript/stream?after=" + m.transcript().lastSeq())).build(),
                HttpResponse.BodyHandlers.ofInputStream());
            BufferedReader r = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8));
            CompletableFuture<String> ended = CompletableFuture.supplyAsync(() -> {
                try {
                    String line;
                    boolean transfer = false;
                    while ((line = r.readLine()) != null) {
                        if (line.equals("event: transfer")) {
                            transfer = true;
                        } else if (transfer && line.startsWith("data: ")) {
                            transfer = false;
                            if (!line.contains("\"state\":\"running\"")) {
                                return line.substring(6);
                            }
                        }
                    }
                    return null;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            assertThat(Downloads.get(m, "fw.bin", file.length)).isEqualTo(file);
            JsonNode end = JSON.readTree(ended.get(10, TimeUnit.SECONDS));
            assertThat(end.get("name").asText()).isEqualTo("RETR /fw.bin");
            assertThat(end.get("state").asText()).isEqualTo("done");
            assertThat(end.get("done").asLong()).isEqualTo(file.length);
            assertThat(end.get("total").asLong()).isEqualTo(file.length); // SIZE asked: the dashboard watches
            JsonNode state = JSON.readTree(get(base + "/state", null).body());
            assertThat(state.get("transfers").get(0).get("outcome").asText()).isEqualTo("ok");
            stream.body().close();
        }
    }
}
