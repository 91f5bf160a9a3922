package dev.vmodem.control;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.vmodem.dashboard.Dashboard;
import dev.vmodem.net.Fault;
import dev.vmodem.net.LinkModel;
import dev.vmodem.net.Network;
import dev.vmodem.net.RegStatus;
import dev.vmodem.scenario.Durations;
import dev.vmodem.scenario.Scenario;
import dev.vmodem.scenario.ScenarioRunner;
import dev.vmodem.serial.TcpLink;
import dev.vmodem.trace.Recording;
import dev.vmodem.trace.Transcript;
import dev.vmodem.transfer.TransferInfo;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP control API of one virtual modem, for tests written in any language ({@code --control [HOST:]PORT}):
 * read its state, change registration and signal, inject and clear faults, send URCs, reset or power-cycle it, read
 * the transcript or follow it live (server-sent events), load a scenario. JSON in and out; docs/control-api.md
 * lists every endpoint with a curl example.
 *
 * <pre>
 *   $ curl -s localhost:8700/state
 *   {"profile":"sim800", ..., "radio":{"creg":"HOME", ...}, "bearers":[...], "faults":[]}
 *   $ curl -s -X POST localhost:8700/faults -d '{"fault":"cut 1000 once dir=down"}'
 *   {"injected":"cut-after-bytes 1000 dir=down once","active":["cut-after-bytes 1000 dir=down once"]}
 * </pre>
 *
 * <p>Security: it listens on 127.0.0.1 unless another address is given (then it logs a warning: whoever reaches
 * the port controls the modem). With a token, every request needs {@code Authorization: Bearer TOKEN} (401
 * otherwise). Passwords are masked in everything it returns.
 *
 * <p>Limits: request bodies up to {@value #MAX_BODY} bytes; at most {@value #MAX_STREAMS} live transcript streams,
 * each with a queue of {@value #STREAM_QUEUE} entries (a client that falls further behind gets an
 * {@code overflow} event naming the entries it missed, which {@code GET /transcript?after=SEQ} still returns while
 * they are kept).
 */
public final class ControlServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ControlServer.class);

    static final int MAX_BODY = 1024 * 1024;
    static final int MAX_STREAMS = 8;
    static final int MAX_THREADS = 32;
    static final int STREAM_QUEUE = 10_000;
    /** A comment line is sent on idle streams this often, so proxies and clients see the connection is alive. */
    static final Duration KEEPALIVE = Duration.ofSeconds(15);

    static {
        // The JDK server writes headers and body separately; without TCP_NODELAY each small answer waits for the
        // client's delayed ACK (about 40 ms). Read once, when the first HttpServer is made; a setting given on
        // the command line is left alone.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private static final ObjectMapper JSON = JsonMapper.builder()
        .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
        .build();

    private final VirtualModem modem;
    private final String token;
    private final boolean dashboard;
    private final HttpServer server;
    private final ExecutorService executor;
    private final Set<Stream> streams = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    private ControlServer(VirtualModem modem, InetSocketAddress address, String token, boolean dashboard)
            throws IOException {
        this.modem = modem;
        this.dashboard = dashboard;
        this.token = token == null || token.isEmpty() ? null : token;
        AtomicInteger n = new AtomicInteger();
        // At most MAX_THREADS requests at once (streams included); beyond, the server's own thread answers.
        this.executor = new ThreadPoolExecutor(0, MAX_THREADS, 60, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
            Thread t = new Thread(r, "vmodem-control-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        }, new ThreadPoolExecutor.CallerRunsPolicy());
        this.server = HttpServer.create(address, 32);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
        if (!server.getAddress().getAddress().isLoopbackAddress()) {
            log.warn("{} listens on {}: anyone who can reach it controls the modem{}",
                dashboard ? "dashboard" : "control API", server.getAddress(),
                this.token == null ? ", and no token is set (--control-token)" : "");
        }
        log.info("{} on {}", dashboard ? "dashboard" : "control API", url());
    }

    /**
     * Starts the API for {@code modem} on {@code listen} ({@code [HOST:]PORT}, host 127.0.0.1 unless given, port 0
     * for any free port), requiring {@code token} when it is not null or empty.
     */
    public static ControlServer start(VirtualModem modem, String listen, String token) throws IOException {
        return new ControlServer(modem, TcpLink.parseAddress(listen), token, false);
    }

    /**
     * Starts the web dashboard ({@code --dashboard}): the same API, plus the page at {@code /} and its assets,
     * which are served without the token (they hold no data; the page asks for the token and sends it).
     */
    public static ControlServer startDashboard(VirtualModem modem, String listen, String token) throws IOException {
        return new ControlServer(modem, TcpLink.parseAddress(listen), token, true);
    }

    /** Whether this one serves the dashboard page. */
    public boolean isDashboard() {
        return dashboard;
    }

    public InetSocketAddress address() {
        return server.getAddress();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** {@code http://HOST:PORT}. */
    public String url() {
        InetSocketAddress a = server.getAddress();
        String host = a.getAddress().getHostAddress();
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (Stream s : streams) {
            s.queue.offer(Stream.END);
        }
        server.stop(0);
        executor.shutdownNow();
    }

    // ---- dispatch ----

    /** An error with its HTTP status. */
    private static final class HttpError extends RuntimeException {
        final int status;

        HttpError(int status, String message) {
            super(message);
            this.status = status;
        }
    }

    private void handle(HttpExchange ex) {
        try {
            try {
                if (dashboard && ex.getRequestMethod().equals("GET")) {
                    Dashboard.Asset a = Dashboard.asset(ex.getRequestURI().getPath());
                    if (a != null) {
                        ex.getResponseHeaders().set("Cache-Control", "no-cache");
                        send(ex, 200, a.contentType(), a.bytes());
                        return;
                    }
                }
                if (!authorized(ex)) {
                    ex.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"vmodem\"");
                    throw new HttpError(401, "missing or wrong token: send Authorization: Bearer TOKEN");
                }
                route(ex);
            } catch (HttpError e) {
                sendJson(ex, e.status, Map.of("error", e.getMessage()));
            } catch (IllegalArgumentException | IllegalStateException e) {
                sendJson(ex, 400, Map.of("error", String.valueOf(e.getMessage())));
            } catch (JsonProcessingException e) {
                sendJson(ex, 400, Map.of("error", "bad JSON: " + e.getOriginalMessage()));
            } catch (IOException e) {
                log.debug("control API: {} {}: {}", ex.getRequestMethod(), ex.getRequestURI(), e.toString());
            } catch (RuntimeException e) {
                log.warn("control API: {} {} failed", ex.getRequestMethod(), ex.getRequestURI(), e);
                sendJson(ex, 500, Map.of("error", e.toString()));
            }
        } catch (IOException e) {
            log.debug("control API: cannot answer {} {}: {}", ex.getRequestMethod(), ex.getRequestURI(), e.toString());
        } finally {
            ex.close();
        }
    }

    private boolean authorized(HttpExchange ex) {
        if (token == null) {
            return true;
        }
        String h = ex.getRequestHeaders().getFirst("Authorization");
        String given;
        if (h != null && h.regionMatches(true, 0, "Bearer ", 0, 7)) {
            given = h.substring(7).trim();
        } else {
            // EventSource and download links cannot send headers: the token may come as ?access_token= (RFC 6750)
            given = query(ex).get("access_token");
            if (given == null) {
                return false;
            }
        }
        return MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8));
    }

    private void route(HttpExchange ex) throws IOException {
        String method = ex.getRequestMethod();
        String path = ex.getRequestURI().getPath();
        if (path.length() > 1 && path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        Network net = modem.network();
        switch (path) {
            case "/", "/health" -> {
                allow(method, "GET");
                sendJson(ex, 200, Map.of("ok", true, "profile", modem.modem().profile().name()));
            }
            case "/state" -> {
                allow(method, "GET");
                sendJson(ex, 200, modem.state());
            }
            case "/registration" -> {
                allow(method, "PUT", "POST");
                Map<String, Object> b = body(ex);
                String status = string(b, "status", false);
                String cs = string(b, "cs", false);
                String ps = string(b, "ps", false);
                if (status == null && cs == null && ps == null) {
                    throw new IllegalArgumentException("give 'status' (both), or 'cs' and/or 'ps': home, roaming,"
                        + " searching, denied, unknown, none or 0..5");
                }
                if (status != null) {
                    net.radio().setRegistration(RegStatus.parse(status));
                }
                if (cs != null) {
                    net.radio().setCsRegistration(RegStatus.parse(cs));
                }
                if (ps != null) {
                    net.radio().setPsRegistration(RegStatus.parse(ps));
                }
                modem.note("control: registration " + b);
                sendJson(ex, 200, net.radio().state());
            }
            case "/signal" -> {
                allow(method, "PUT", "POST");
                Map<String, Object> b = body(ex);
                int rssi = integer(b, "rssi", null);
                int ber = integer(b, "ber", 0);
                net.radio().setSignal(rssi, ber);
                modem.note("control: signal " + rssi + "," + ber);
                sendJson(ex, 200, net.radio().state());
            }
            case "/operator" -> {
                allow(method, "PUT", "POST");
                String name = string(body(ex), "name", true);
                net.radio().setOperator(name);
                modem.note("control: operator " + name);
                sendJson(ex, 200, net.radio().state());
            }
            case "/link" -> {
                allow(method, "GET", "PUT", "POST");
                if (!method.equals("GET")) {
                    String preset = string(body(ex), "preset", true);
                    net.setLinkModel(LinkModel.preset(preset));
                    modem.note("control: link " + preset);
                }
                sendJson(ex, 200, link(net.linkModel()));
            }
            case "/faults" -> {
                allow(method, "GET", "POST", "DELETE");
                if (method.equals("POST")) {
                    Fault f = Fault.parse(string(body(ex), "fault", true));
                    net.faults().inject(f);
                    modem.note("control: fault injected: " + f);
                    sendJson(ex, 200, Map.of("injected", f.toString(), "active", faults(net)));
                } else if (method.equals("DELETE")) {
                    int n = net.faults().active().size();
                    net.faults().clearAll();
                    modem.note("control: all faults cleared");
                    sendJson(ex, 200, Map.of("cleared", n, "active", faults(net)));
                } else {
                    sendJson(ex, 200, Map.of("active", faults(net)));
                }
            }
            case "/urc" -> {
                allow(method, "POST");
                String text = string(body(ex), "text", true);
                if (text.contains("\r") || text.contains("\n")) {
                    throw new IllegalArgumentException("one URC per request, without CR or LF");
                }
                modem.urc(text);
                sendJson(ex, 200, Map.of("queued", text));
            }
            case "/notes" -> {
                allow(method, "POST");
                String text = string(body(ex), "text", true);
                modem.note("control: " + text);
                sendJson(ex, 200, Map.of("ok", true));
            }
            case "/reset" -> {
                allow(method, "POST");
                modem.reset();
                sendJson(ex, 200, Map.of("ok", true));
            }
            case "/power-cycle" -> {
                allow(method, "POST");
                Map<String, Object> b = body(ex);
                Duration off = b.containsKey("off") ? Durations.parse(string(b, "off", true))
                    : Duration.ofMillis(integer(b, "offMs", 1000));
                modem.powerCycle(off);
                sendJson(ex, 200, Map.of("ok", true, "offMs", off.toMillis()));
            }
            case "/transfers" -> {
                allow(method, "GET", "DELETE");
                if (method.equals("DELETE")) {
                    modem.network().transfers().clearEnded();
                }
                sendJson(ex, 200, Map.of("transfers", modem.network().transfers().all()));
            }
            case "/files" -> {
                allow(method, "GET");
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("root", modem.ftpRoot() == null ? null : modem.ftpRoot().toAbsolutePath().toString());
                m.put("files", Dashboard.list(modem.ftpRoot()));
                sendJson(ex, 200, m);
            }
            case "/transcript" -> {
                allow(method, "GET");
                transcript(ex);
            }
            case "/transcript/stream" -> {
                allow(method, "GET");
                stream(ex);
            }
            case "/scenario" -> {
                allow(method, "GET", "POST", "PUT", "DELETE");
                if (method.equals("POST") || method.equals("PUT")) {
                    ScenarioRunner r = modem.loadScenario(Scenario.parse(bodyText(ex)));
                    sendJson(ex, 200, r.status());
                } else if (method.equals("DELETE")) {
                    modem.stopScenario();
                    sendJson(ex, 200, Map.of("ok", true));
                } else {
                    ScenarioRunner r = modem.scenario();
                    if (r == null) {
                        throw new HttpError(404, "no scenario loaded");
                    }
                    sendJson(ex, 200, r.status());
                }
            }
            default -> {
                if (path.startsWith("/files/")) {
                    allow(method, "GET");
                    java.nio.file.Path f = Dashboard.file(modem.ftpRoot(), decode(path.substring("/files/".length())));
                    if (f == null) {
                        throw new HttpError(404, "no such file in the FTP root: " + path.substring(7));
                    }
                    ex.getResponseHeaders().set("Content-Disposition",
                        "attachment; filename=\"" + f.getFileName().toString().replace("\"", "") + "\"");
                    ex.getResponseHeaders().set("Content-Type", "application/octet-stream");
                    long size = java.nio.file.Files.size(f);
                    ex.sendResponseHeaders(200, size == 0 ? -1 : size);
                    if (size > 0) {
                        java.nio.file.Files.copy(f, ex.getResponseBody());
                    }
                } else if (path.startsWith("/faults/")) {
                    allow(method, "DELETE");
                    Fault.Kind kind = Scenario.faultKind(decode(path.substring("/faults/".length())));
                    int n = net.faults().clear(kind);
                    modem.note("control: faults cleared: " + kind + " (" + n + ")");
                    sendJson(ex, 200, Map.of("cleared", n, "active", faults(net)));
                } else if (path.matches("/bearers/\\d+/drop")) {
                    allow(method, "POST");
                    int cid = Integer.parseInt(path.split("/")[2]);
                    if (cid < 1 || cid > 3) {
                        throw new IllegalArgumentException("cid " + cid + " not in 1..3");
                    }
                    boolean dropped = net.bearers().drop(cid);
                    modem.note("control: bearer " + cid + " drop" + (dropped ? "" : " (was closed)"));
                    sendJson(ex, 200, Map.of("dropped", dropped, "bearer", net.bearers().info(cid).status()));
                } else {
                    throw new HttpError(404, "no such endpoint: " + path + " (see docs/control-api.md)");
                }
            }
        }
    }

    private static Map<String, Object> link(LinkModel l) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", l.name());
        m.put("latencyMs", l.latency().toMillis());
        m.put("jitterMs", l.jitter().toMillis());
        m.put("downlinkBps", l.downlinkBps());
        m.put("uplinkBps", l.uplinkBps());
        m.put("connectSetupMs", l.connectSetup().toMillis());
        m.put("activationMs", l.activation().toMillis());
        m.put("deactivationMs", l.deactivation().toMillis());
        return m;
    }

    private static List<String> faults(Network net) {
        List<String> out = new ArrayList<>();
        for (Fault f : net.faults().active()) {
            out.add(f.toString());
        }
        return out;
    }

    // ---- transcript ----

    private void transcript(HttpExchange ex) throws IOException {
        Map<String, String> q = query(ex);
        long after = q.containsKey("after") ? Long.parseLong(q.get("after")) : 0;
        Transcript t = modem.transcript();
        String format = q.getOrDefault("format", "text");
        switch (format) {
            case "text" -> {
                StringBuilder b = new StringBuilder();
                if (after == 0) {
                    b.append(t.header());
                }
                for (Transcript.Entry e : t.entriesAfter(after)) {
                    b.append(e.render()).append('\n');
                }
                send(ex, 200, "text/plain; charset=utf-8", b.toString().getBytes(StandardCharsets.UTF_8));
            }
            case "json" -> {
                List<Map<String, Object>> entries = new ArrayList<>();
                for (Transcript.Entry e : t.entriesAfter(after)) {
                    entries.add(json(e));
                }
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("title", t.title());
                m.put("lastSeq", t.lastSeq());
                m.put("droppedEntries", t.droppedEntries());
                m.put("entries", entries);
                sendJson(ex, 200, m);
            }
            case "recording" -> send(ex, 200, "text/plain; charset=utf-8",
                Recording.of(t).format().getBytes(StandardCharsets.UTF_8));
            default -> throw new IllegalArgumentException("format: text, json or recording, not " + format);
        }
    }

    /** One entry as JSON: seq, time (s), kind, text (escaped, masked), length (bytes), urcs. */
    static Map<String, Object> json(Transcript.Entry e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seq", e.seq());
        m.put("time", e.time().toMillis() / 1000.0);
        m.put("wallMillis", e.wallMillis());
        m.put("kind", e.kind().name().toLowerCase(java.util.Locale.ROOT));
        m.put("text", e.text());
        m.put("length", e.length());
        m.put("urcs", e.urcs());
        return m;
    }

    /** A live transcript stream. */
    private static final class Stream {
        static final Object END = new Object();
        final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(STREAM_QUEUE + 1);
        long missedFrom = -1;
        long missed;
    }

    private void stream(HttpExchange ex) throws IOException {
        if (streams.size() >= MAX_STREAMS) {
            throw new HttpError(503, "too many transcript streams (" + MAX_STREAMS + ")");
        }
        Map<String, String> q = query(ex);
        String last = ex.getRequestHeaders().getFirst("Last-Event-ID");
        long after = last != null ? Long.parseLong(last.trim()) : q.containsKey("after")
            ? Long.parseLong(q.get("after")) : 0;
        Stream s = new Stream();
        streams.add(s);
        ex.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        ex.getResponseHeaders().set("Cache-Control", "no-cache");
        ex.sendResponseHeaders(200, 0);
        OutputStream out = ex.getResponseBody();
        AutoCloseable transfers = modem.network().transfers().subscribe(t -> {
            synchronized (s) {
                if (s.queue.remainingCapacity() > 1) {
                    s.queue.offer(t);
                }
            }
        });
        Transcript.Subscription sub = modem.transcript().follow(after, e -> {
            synchronized (s) {
                if (s.queue.remainingCapacity() > 1) {
                    s.queue.offer(e);
                } else {
                    if (s.missedFrom < 0) {
                        s.missedFrom = e.seq();
                    }
                    s.missed++;
                }
            }
        });
        try {
            out.write((": vmodem transcript of " + modem.transcript().title() + "\n\n")
                .getBytes(StandardCharsets.UTF_8));
            out.flush();
            long keepalive = KEEPALIVE.toMillis();
            while (!closed) {
                Object o = s.queue.poll(keepalive, TimeUnit.MILLISECONDS);
                if (closed || o == Stream.END) {
                    break;
                }
                StringBuilder b = new StringBuilder();
                synchronized (s) {
                    if (s.missed > 0) {
                        b.append("event: overflow\ndata: ").append(JSON.writeValueAsString(Map.of("from", s.missedFrom,
                            "missed", s.missed))).append("\n\n");
                        s.missed = 0;
                        s.missedFrom = -1;
                    }
                }
                if (o instanceof Transcript.Entry e) {
                    b.append("id: ").append(e.seq()).append('\n');
                    b.append("event: ").append(e.kind().name().toLowerCase(java.util.Locale.ROOT)).append('\n');
                    b.append("data: ").append(JSON.writeValueAsString(json(e))).append("\n\n");
                } else if (o instanceof TransferInfo t) {
                    b.append("event: transfer\n");
                    b.append("data: ").append(JSON.writeValueAsString(t)).append("\n\n");
                } else if (b.length() == 0) {
                    b.append(": keepalive\n\n");
                }
                out.write(b.toString().getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            sub.close();
            try {
                transfers.close();
            } catch (Exception e) {
                log.debug("cannot unsubscribe: {}", e.toString());
            }
            streams.remove(s);
        }
    }

    // ---- HTTP helpers ----

    private static void allow(String method, String... allowed) {
        for (String a : allowed) {
            if (a.equals(method)) {
                return;
            }
        }
        throw new HttpError(405, method + " not allowed here; use " + String.join(", ", allowed));
    }

    private static String bodyText(HttpExchange ex) throws IOException {
        byte[] b = ex.getRequestBody().readNBytes(MAX_BODY + 1);
        if (b.length > MAX_BODY) {
            throw new HttpError(413, "request body over " + MAX_BODY + " bytes");
        }
        return new String(b, StandardCharsets.UTF_8);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> body(HttpExchange ex) throws IOException {
        String text = bodyText(ex);
        if (text.isBlank()) {
            return Map.of();
        }
        Object o = JSON.readValue(text, Object.class);
        if (!(o instanceof Map)) {
            throw new IllegalArgumentException("expected a JSON object");
        }
        return (Map<String, Object>) o;
    }

    private static String string(Map<String, Object> b, String key, boolean required) {
        Object v = b.get(key);
        if (v == null) {
            if (required) {
                throw new IllegalArgumentException("missing '" + key + "'");
            }
            return null;
        }
        return v.toString();
    }

    private static int integer(Map<String, Object> b, String key, Integer dflt) {
        Object v = b.get(key);
        if (v == null) {
            if (dflt == null) {
                throw new IllegalArgumentException("missing '" + key + "'");
            }
            return dflt;
        }
        if (v instanceof Number n) {
            return n.intValue();
        }
        try {
            return Integer.parseInt(v.toString().trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + key + "' is not a number: " + v);
        }
    }

    private static Map<String, String> query(HttpExchange ex) {
        Map<String, String> m = new LinkedHashMap<>();
        String q = ex.getRequestURI().getRawQuery();
        if (q == null) {
            return m;
        }
        for (String pair : q.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                m.put(decode(pair.substring(0, eq)), decode(pair.substring(eq + 1)));
            } else if (!pair.isEmpty()) {
                m.put(decode(pair), "");
            }
        }
        return m;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    private static void sendJson(HttpExchange ex, int status, Object body) throws IOException {
        byte[] b = JSON.writeValueAsBytes(body);
        send(ex, status, "application/json", b);
    }

    private static void send(HttpExchange ex, int status, String type, byte[] body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", type);
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            ex.getResponseBody().write(body);
        }
    }
}
