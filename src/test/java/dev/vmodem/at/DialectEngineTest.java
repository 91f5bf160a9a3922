package dev.vmodem.at;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vmodem.at.command.CommandContext;
import dev.vmodem.at.command.CommandException;
import dev.vmodem.at.command.CommandHandler;
import dev.vmodem.at.command.CommandRegistry;
import dev.vmodem.at.command.DataReceiver;
import dev.vmodem.at.response.Final;
import dev.vmodem.at.response.Response;
import dev.vmodem.time.VirtualScheduler;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the engine offers dialects: intermediate result codes, error families with their own prefix, fallback
 * handlers for unknown commands of a prefix, and a data mode entered when a pending command completes.
 */
class DialectEngineTest {

    private static final Final DATA_BEGIN = Final.text("Ok_Info_DataBegin", "1025");

    private final ByteArrayOutputStream written = new ByteArrayOutputStream();
    private final CommandRegistry registry = new CommandRegistry();
    private final AtEngine engine = new AtEngine(new Settings(), new VirtualScheduler(), registry,
            (b, off, len) -> written.write(b, off, len));
    private CommandContext pendingCtx;

    private String exchange(String s) {
        engine.received(bytes(s), 0, s.length());
        return take();
    }

    private String take() {
        String s = written.toString(StandardCharsets.ISO_8859_1);
        written.reset();
        return s;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private void registerGet() {
        registry.register("#GET", (req, ctx) -> {
            pendingCtx = ctx;
            return Response.pending();
        });
    }

    @Test
    void intermediateCodeLooksLikeAFinalResultUnderV1V0AndQ1() {
        registerGet();
        assertThat(exchange("AT#GET\r")).isEqualTo("AT#GET\r");
        pendingCtx.complete(Response.intermediate(DATA_BEGIN).thenPending());
        pendingCtx.writeData(new byte[] {'x', 3}, 0, 2);
        pendingCtx.complete(Response.ok());
        assertThat(take()).isEqualTo("\r\nOk_Info_DataBegin\r\nx\u0003\r\nOK\r\n");

        engine.settings().verbose = false;
        exchange("AT#GET\r");
        pendingCtx.complete(Response.intermediate(DATA_BEGIN).thenPending());
        pendingCtx.writeData(new byte[] {'y'}, 0, 1);
        pendingCtx.complete(Response.ok());
        assertThat(take()).isEqualTo("1025\ry0\r");

        engine.settings().quiet = true;
        exchange("AT#GET\r");
        pendingCtx.complete(Response.intermediate(DATA_BEGIN).thenPending());
        pendingCtx.complete(Response.ok());
        assertThat(take()).isEmpty();
    }

    @Test
    void aDialectErrorFamilyFollowsCmeeWithItsOwnPrefix() {
        registry.register("#FAIL", (req, ctx) -> {
            throw new CommandException(Final.cme("#CME ERROR", 38027), "dns");
        });
        assertThat(exchange("AT#FAIL\r")).isEqualTo("AT#FAIL\r\r\nERROR\r\n");
        engine.settings().echo = false;
        engine.settings().cmee = 1;
        assertThat(exchange("AT#FAIL\r")).isEqualTo("\r\n#CME ERROR: 38027\r\n");
        engine.settings().cmee = 2;
        assertThat(exchange("AT#FAIL\r")).isEqualTo("\r\n#CME ERROR: 38027\r\n");
        engine.settings().verbose = false;
        assertThat(exchange("AT#FAIL\r")).isEqualTo("#CME ERROR: 38027\r\n");
        engine.settings().cmee = 0;
        assertThat(exchange("AT#FAIL\r")).isEqualTo("4\r");
        assertThat(Final.cme("#CME ERROR", 38027).toString()).isEqualTo("#CME ERROR: 38027");
        assertThat(Final.cme(3).toString()).isEqualTo("+CME ERROR: 3");
    }

    @Test
    void fallbackAnswersUnknownCommandsOfItsPrefixOnly() {
        CommandHandler fallback = (req, ctx) -> Response.info("unknown " + req.name());
        registry.fallback("#", fallback);
        registry.fallback("#FTP", (req, ctx) -> Response.info("unknown ftp " + req.name()));
        registry.register("#KNOWN", (req, ctx) -> Response.info("known"));
        engine.settings().echo = false;
        assertThat(exchange("AT#NOPE\r")).isEqualTo("\r\nunknown #NOPE\r\n\r\nOK\r\n");
        assertThat(exchange("AT#FTPNOPE\r")).isEqualTo("\r\nunknown ftp #FTPNOPE\r\n\r\nOK\r\n");
        assertThat(exchange("AT#KNOWN\r")).isEqualTo("\r\nknown\r\n\r\nOK\r\n");
        assertThat(exchange("AT+NOPE\r")).isEqualTo("\r\nERROR\r\n");
        assertThat(registry.find("#NOPE")).isNull();
        assertThat(registry.resolve("#NOPE")).isSameAs(fallback);
    }

    /** Takes bytes up to an ETX; answers OK. */
    private static final class UpToEtx implements DataReceiver {
        final ByteArrayOutputStream got = new ByteArrayOutputStream();
        boolean done;

        @Override
        public int receive(byte[] b, int off, int len) {
            for (int i = 0; i < len; i++) {
                if (b[off + i] == 3) {
                    done = true;
                    return i + 1;
                }
                got.write(b[off + i]);
            }
            return len;
        }

        @Override
        public boolean finished() {
            return done;
        }

        @Override
        public Response finish() {
            return Response.ok();
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4, 100})
    void bytesSentWhileACommandWasPendingGoToTheDataModeItEntersInOrder(int chunk) {
        registerGet();
        engine.settings().echo = false;
        byte[] in = bytes("AT#GET\rhello\u0003AT\r");
        for (int i = 0; i < in.length; i += chunk) {
            engine.received(in, i, Math.min(chunk, in.length - i));
        }
        assertThat(take()).isEmpty();
        UpToEtx r = new UpToEtx();
        pendingCtx.complete(Response.intermediate(Final.text("Ok_Info_WaitingForData", "1028")).receive(r));
        assertThat(r.got.toString(StandardCharsets.ISO_8859_1)).isEqualTo("hello");
        assertThat(take()).isEqualTo("\r\nOk_Info_WaitingForData\r\n\r\nOK\r\n\r\nOK\r\n");
        assertThat(engine.isIdle()).isTrue();
    }
}
