package dev.vmodem.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxy;
import ch.qos.logback.core.AppenderBase;
import dev.vmodem.testing.ModemHarness;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.LoggerFactory;

/** What the fuzz tests share: the regression-mode switch, a watch on swallowed exceptions, and the recovery check. */
final class FuzzSupport {

    /** Long enough for every timer a command can start (data-mode and network timeouts are minutes at most). */
    static final Duration SETTLE = Duration.ofMinutes(10);

    private FuzzSupport() {
    }

    /**
     * Called from each fuzz class's {@code @BeforeAll}. Without {@code JAZZER_FUZZ} (a normal {@code mvn test}) Jazzer
     * only replays the checked-in corpus; loading its ~600 sanitizer hooks into the test JVM would cost 5 to 20 s
     * for nothing, so they are switched off ({@code jazzer.hooks=false}, a JUnit configuration parameter read from
     * the system properties). When fuzzing, hooks carry the coverage instrumentation, so they stay on. A value
     * given on the command line ({@code -Djazzer.hooks=...}) wins.
     */
    static void quickRegressionMode() {
        String fuzz = System.getenv("JAZZER_FUZZ");
        if ((fuzz == null || fuzz.isEmpty()) && System.getProperty("jazzer.hooks") == null) {
            System.setProperty("jazzer.hooks", "false");
        }
    }

    /**
     * Collects ERROR events from the modem's loggers. The engine never lets an exception out (it answers ERROR and
     * logs), so for a fuzzer a swallowed exception is only visible here: {@link #assertNone()} turns it back into a
     * failure that carries the original exception.
     */
    static final class EngineErrors extends AppenderBase<ILoggingEvent> implements AutoCloseable {
        private final List<ILoggingEvent> events = new CopyOnWriteArrayList<>();
        private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

        static EngineErrors watch() {
            EngineErrors e = new EngineErrors();
            e.setContext(e.root.getLoggerContext());
            e.setName("fuzz-engine-errors");
            e.start();
            e.root.addAppender(e);
            return e;
        }

        @Override
        protected void append(ILoggingEvent e) {
            if (e.getLevel().isGreaterOrEqual(Level.ERROR) && e.getLoggerName().startsWith("dev.vmodem")) {
                events.add(e);
            }
        }

        void assertNone() {
            if (events.isEmpty()) {
                return;
            }
            ILoggingEvent e = events.get(0);
            IThrowableProxy p = e.getThrowableProxy();
            Throwable cause = p instanceof ThrowableProxy tp ? tp.getThrowable() : null;
            throw new AssertionError("the modem logged an error (" + events.size() + " in all): " + e.getLoggerName()
                + ": " + e.getFormattedMessage(), cause);
        }

        @Override
        public void close() {
            root.detachAppender(this);
            stop();
        }
    }

    /** Runs every timer the input may have started; the engine must then be idle (no command, no data mode). */
    static void settle(ModemHarness h) {
        h.time.advance(SETTLE);
        // FTP commands hand their I/O to worker threads (a fuzzed AT+FTPGET=1 fails with 61 on its own thread, in
        // real time): wait, bounded, for them to report back, then let the timers they set run
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (dev.vmodem.commands.ftp.FtpWorkers.running() > 0 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
            h.time.runDue();
        }
        h.time.advance(SETTLE);
        if (!h.modem.engine().isIdle()) {
            throw new AssertionError("engine not idle " + SETTLE + " after the input (a command pending or a data mode"
                + " active): a hang");
        }
    }

    /**
     * Brings the line back to factory settings whatever the input left, and checks that {@code AT} then answers
     * exactly {@code AT\r\r\nOK\r\n}.
     *
     * <p>The order matters. A CR first ends a partial line. S5 (backspace) can be any character 0..127, so it can eat
     * characters of the lines that follow: {@code ATS5=8} and {@code AT&F} share no character after {@code AT},
     * so whichever S5 the input set, at least one of them gets through, and after both S5 is 8 again. AT&amp;F
     * restores echo, ATV1, ATQ0 and CMEE; ATE1V1Q0 says so again in case a profile changes what AT&amp;F does.
     * S3 is fixed at 13 on this modem, so CR always ends a line.
     */
    static void assertAnswersAt(ModemHarness h) {
        settle(h);
        for (String line : new String[] {"\r", "ATS5=8\r", "AT&F\r", "ATE1V1Q0\r"}) {
            h.send(line);
            settle(h);
        }
        h.take();
        h.send("AT\r");
        h.time.runDue();
        assertThat(withoutUrcs(h.take())).as("AT after the input").isEqualTo("AT\r\r\nOK\r\n");
    }

    /**
     * An answer with the unsolicited codes that FTP workers may report between responses taken out
     * ({@code \r\n+FTPGET: 1,61\r\n}): they are legal there, and which ones arrive depends on threads.
     */
    static String withoutUrcs(String out) {
        return out.replaceAll("\r\n\\+FTP[A-Z]+: 1,\\d+(,\\d+)?\r\n", "");
    }
}
