package dev.vmodem.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vmodem.config.Config;
import dev.vmodem.emulator.Emulator;
import dev.vmodem.net.Fault;
import dev.vmodem.net.RegStatus;
import dev.vmodem.trace.Recording;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The control API over real HTTP, as a script in another language would use it. */
class ControlServerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private VirtualModem m;
    private String base;

    @BeforeEach
    void start() throws IOException {
        m = VirtualModem.builder().virtualTime().control("127.0.0.1:0").start().awaitReady();
        base = m.control().url();
    }

    @AfterEach
    void stop() {
        m.close();
    }

    private HttpResponse<String> call(String method, String path, String body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10))
            .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode json(String method, String path, String body) throws Exception {
        HttpResponse<String> r = call(method, path, body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
        return JSON.readTree(r.body());
    }

    @Test
    void listensOnLoopbackAndReportsTheState() throws Exception {
        assertThat(m.control().address().getAddress().isLoopbackAddress()).isTrue();
        assertThat(json("GET", "/health", null).get("ok").asBoolean()).isTrue();
        JsonNode s = json("GET", "/state", null);
        assertThat(s.get("profile").asText()).isEqualTo("sim800");
        assertThat(s.get("power").asText()).isEqualTo("on");
        assertThat(s.get("simReady").asBoolean()).isTrue();
        assertThat(s.at("/radio/creg").asText()).isEqualTo("HOME");
        assertThat(s.at("/radio/rssi").asInt()).isEqualTo(20);
        assertThat(s.at("/radio/operator").asText()).isEqualTo("vmodem");
        assertThat(s.get("bearers")).hasSize(3);
        assertThat(s.at("/bearers/0/status").asText()).isEqualTo("CLOSED");
        assertThat(s.at("/bearers/0/ip").asText()).isEqualTo("0.0.0.0");
        assertThat(s.get("link").asText()).isEqualTo("instant");
        assertThat(s.get("faults")).isEmpty();
        assertThat(s.at("/transcript/lastSeq").asLong()).isPositive();
        assertThat(s.get("status").isObject()).isTrue();
    }

    @Test
    void changesRegistrationSignalOperatorAndLink() throws Exception {
        assertThat(json("PUT", "/registration", "{\"status\":\"searching\"}").get("creg").asText())
            .isEqualTo("SEARCHING");
        json("PUT", "/registration", "{\"cs\":\"roaming\",\"ps\":\"denied\"}");
        assertThat(m.network().radio().state().creg()).isEqualTo(RegStatus.ROAMING);
        assertThat(json("PUT", "/signal", "{\"rssi\":5,\"ber\":2}").get("rssi").asInt()).isEqualTo(5);
        assertThat(m.network().radio().state().ber()).isEqualTo(2);
        json("PUT", "/registration", "{\"status\":1}");
        assertThat(json("PUT", "/operator", "{\"name\":\"Acme\"}").get("operator").asText()).isEqualTo("Acme");
        assertThat(json("PUT", "/link", "{\"preset\":\"gprs\"}").get("latencyMs").asInt()).isEqualTo(300);
        assertThat(m.network().linkModel().name()).isEqualTo("gprs");

        HttpResponse<String> bad = call("PUT", "/signal", "{\"rssi\":40}");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("rssi out of range: 40");
        assertThat(call("PUT", "/registration", "{}").body()).contains("give 'status'");
        assertThat(call("PUT", "/registration", "not json").statusCode()).isEqualTo(400);
        assertThat(m.transcript().notes()).contains("control: signal 5,2");
    }

    @Test
    void injectsAndClearsEachFault() throws Exception {
        for (String spec : List.of("coverage-loss", "bearer-drop", "dns-failure", "refuse", "stall",
                "cut 1000 once dir=down", "bandwidth 9.6", "latency 500")) {
            JsonNode r = json("POST", "/faults", "{\"fault\":\"" + spec + "\"}");
            String kind = spec.split(" ")[0];
            assertThat(r.get("injected").asText()).as(spec).isEqualTo(Fault.parse(spec).toString());
            JsonNode cleared = json("DELETE", "/faults/" + kind, null);
            assertThat(cleared.get("active")).as(spec).isEmpty();
        }
        json("POST", "/faults", "{\"fault\":\"dns-failure\"}");
        json("POST", "/faults", "{\"fault\":\"stall dir=up\"}");
        assertThat(json("GET", "/faults", null).get("active")).hasSize(2);
        assertThat(json("DELETE", "/faults", null).get("cleared").asInt()).isEqualTo(2);
        assertThat(m.network().faults().active()).isEmpty();

        assertThat(call("POST", "/faults", "{\"fault\":\"flood\"}").body()).contains("unknown fault: 'flood'");
        assertThat(call("DELETE", "/faults/flood", null).statusCode()).isEqualTo(400);
    }

    @Test
    void dropsABearer() throws Exception {
        m.network().bearers().open(1);
        m.time().runDue();
        JsonNode r = json("POST", "/bearers/1/drop", null);
        assertThat(r.get("dropped").asBoolean()).isTrue();
        assertThat(r.get("bearer").asText()).isEqualTo("CLOSED");
        assertThat(call("POST", "/bearers/7/drop", null).statusCode()).isEqualTo(400);
    }

    @Test
    void sendsUrcsNotesAndResetsOrPowerCyclesTheModem() throws Exception {
        json("POST", "/urc", "{\"text\":\"+CMTI: \\\"SM\\\",1\"}");
        assertThat(m.at().awaitLine(Pattern.compile("\\+CMTI: .*"))).isEqualTo("+CMTI: \"SM\",1");
        assertThat(call("POST", "/urc", "{\"text\":\"A\\r\\nB\"}").statusCode()).isEqualTo(400);
        json("POST", "/notes", "{\"text\":\"firmware step 3\"}");
        assertThat(m.transcript().notes()).contains("control: firmware step 3");

        json("POST", "/reset", null);
        m.awaitReady();
        assertThat(json("POST", "/power-cycle", "{\"off\":\"2s\"}").get("offMs").asInt()).isEqualTo(2000);
        assertThat(json("GET", "/state", null).get("power").asText()).isEqualTo("off");
        m.time().advance(Duration.ofSeconds(2));
        assertThat(json("GET", "/state", null).get("power").asText()).isEqualTo("on");
        assertThat(m.transcript().notes()).contains("reset", "power off for 2000 ms");
    }

    @Test
    void servesTheTranscriptAsTextJsonAndRecordingWithPasswordsMasked() throws Exception {
        m.at().command("AT+FTPPW=\"s3cret\"");
        HttpResponse<String> text = call("GET", "/transcript", null);
        assertThat(text.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
        assertThat(text.body()).startsWith("# vmodem transcript: sim800 on pipe")
            .contains("command     AT+FTPPW=\"***\"").doesNotContain("s3cret");

        JsonNode j = json("GET", "/transcript?format=json", null);
        long last = j.get("lastSeq").asLong();
        JsonNode entries = j.get("entries");
        assertThat(entries.get(0).get("seq").asLong()).isEqualTo(1);
        assertThat(entries.get(0).get("kind").asText()).isEqualTo("modem");
        assertThat(entries.get(0).get("urcs").get(0).asText()).isEqualTo("RDY");
        assertThat(j.toString()).doesNotContain("s3cret");

        m.at().command("AT");
        JsonNode after = json("GET", "/transcript?format=json&after=" + last, null);
        assertThat(after.get("entries")).extracting(e -> e.get("kind").asText())
            .containsExactly("host", "command", "modem");

        Recording r = Recording.parse(call("GET", "/transcript?format=recording", null).body());
        assertThat(r.exchange().lines()).isNotEmpty();
        assertThat(call("GET", "/transcript?format=xml", null).statusCode()).isEqualTo(400);
    }

    @Test
    void followsTheTranscriptLiveAsServerSentEvents() throws Exception {
        long last = m.transcript().lastSeq();
        HttpRequest req = HttpRequest.newBuilder(URI.create(base + "/transcript/stream?after=" + last)).build();
        HttpResponse<InputStream> r = http.send(req, HttpResponse.BodyHandlers.ofInputStream());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
        try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
            m.at().command("AT+CGMM");
            m.urc("+CMTI: \"SM\",2");
            List<String> events = readEvents(in, 4);
            assertThat(events.get(0)).startsWith("id: " + (last + 1) + "\nevent: host\ndata: {");
            assertThat(events.get(1)).contains("event: command", "\"text\":\"AT+CGMM\"");
            assertThat(events.get(2)).contains("event: modem", "SIMCOM_SIM800L");
            assertThat(events.get(3)).contains("event: modem", "\"urcs\":[\"+CMTI: \\\"SM\\\",2\"]");
        }

        // Resuming with Last-Event-ID gives what came after it, from memory.
        HttpRequest resume = HttpRequest.newBuilder(URI.create(base + "/transcript/stream"))
            .header("Last-Event-ID", Long.toString(last + 2)).build();
        HttpResponse<InputStream> r2 = http.send(resume, HttpResponse.BodyHandlers.ofInputStream());
        try (BufferedReader in = new BufferedReader(new InputStreamReader(r2.body(), StandardCharsets.UTF_8))) {
            assertThat(readEvents(in, 1).get(0)).startsWith("id: " + (last + 3) + "\nevent: modem");
        }
    }

    /** Reads {@code n} events (blocks separated by a blank line), skipping comments. */
    private static List<String> readEvents(BufferedReader in, int n) {
        return assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            List<String> events = new ArrayList<>();
            StringBuilder cur = new StringBuilder();
            String line;
            while (events.size() < n && (line = in.readLine()) != null) {
                if (line.startsWith(":")) {
                    continue;
                }
                if (line.isEmpty()) {
                    if (cur.length() > 0) {
                        events.add(cur.toString().stripTrailing());
                        cur.setLength(0);
                    }
                } else {
                    cur.append(line).append('\n');
                }
            }
            return events;
        });
    }

    @Test
    void loadsShowsAndStopsScenarios() throws Exception {
        assertThat(call("GET", "/scenario", null).statusCode()).isEqualTo(404);
        JsonNode s = json("POST", "/scenario", "name: api\noverrides:\n  - command: AT+CGMM\n    response: [X]\n");
        assertThat(s.get("name").asText()).isEqualTo("api");
        assertThat(m.at().command("AT+CGMM")).contains("\r\nX\r\n");
        assertThat(json("GET", "/scenario", null).at("/overrides/0/used").asInt()).isEqualTo(1);
        HttpResponse<String> bad = call("POST", "/scenario", "events:\n  - at: 1s\n    flt: x\n");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("flt");
        json("DELETE", "/scenario", null);
        assertThat(m.scenario()).isNull();
    }

    @Test
    void unknownPathsAndMethodsAreRefusedClearly() throws Exception {
        HttpResponse<String> r = call("GET", "/nope", null);
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.body()).contains("docs/control-api.md");
        HttpResponse<String> m405 = call("GET", "/reset", null);
        assertThat(m405.statusCode()).isEqualTo(405);
        assertThat(m405.body()).contains("use POST");
    }

    @Test
    void aTokenIsRequiredWhenSet() throws Exception {
        try (VirtualModem t = VirtualModem.builder().virtualTime().control("0").controlToken("t0ken").start()) {
            String url = t.control().url();
            HttpResponse<String> none = http.send(HttpRequest.newBuilder(URI.create(url + "/state")).build(),
                HttpResponse.BodyHandlers.ofString());
            assertThat(none.statusCode()).isEqualTo(401);
            assertThat(none.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"vmodem\"");
            HttpResponse<String> wrong = http.send(HttpRequest.newBuilder(URI.create(url + "/state"))
                .header("Authorization", "Bearer nope").build(), HttpResponse.BodyHandlers.ofString());
            assertThat(wrong.statusCode()).isEqualTo(401);
            HttpResponse<String> right = http.send(HttpRequest.newBuilder(URI.create(url + "/state"))
                .header("Authorization", "Bearer t0ken").build(), HttpResponse.BodyHandlers.ofString());
            assertThat(right.statusCode()).isEqualTo(200);
            HttpResponse<String> stream = http.send(HttpRequest.newBuilder(URI.create(url + "/transcript/stream"))
                .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(stream.statusCode()).isEqualTo(401);
        }
    }

    @Test
    void theEmulatorStartsItFromItsSettings(@TempDir Path dir) throws Exception {
        Config c = Config.defaults().with("modem.state.dir", dir.resolve("state").toString())
            .with("ftp.server.enabled", "false").with("control.listen", "127.0.0.1:0")
            .with("control.token", "abc");
        Emulator e = new Emulator(c, Emulator.Transport.tcp("127.0.0.1:0"), false, true);
        try {
            e.start();
            ControlServer cs = e.virtualModem().control();
            assertThat(e.banner()).contains("control " + cs.url(), "token required");
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(cs.url() + "/health"))
                .header("Authorization", "Bearer abc").build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
        } finally {
            e.close();
        }
    }
}
