package dev.vmodem.at;

import dev.vmodem.at.codec.AtLineCodec;
import dev.vmodem.at.command.CommandContext;
import dev.vmodem.at.command.CommandException;
import dev.vmodem.at.command.CommandHandler;
import dev.vmodem.at.command.CommandRegistry;
import dev.vmodem.at.command.DataReceiver;
import dev.vmodem.at.parser.CommandParser;
import dev.vmodem.at.parser.ParseException;
import dev.vmodem.at.parser.Request;
import dev.vmodem.at.response.Final;
import dev.vmodem.at.response.Response;
import dev.vmodem.at.response.ResponseEncoder;
import dev.vmodem.serial.SerialReceiver;
import dev.vmodem.time.Scheduler;
import dev.vmodem.util.ByteSink;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The AT engine of one modem: bytes from the host → {@link AtLineCodec} → {@link CommandParser} → handlers from the
 * {@link CommandRegistry} → {@link ResponseEncoder} → bytes to the host.
 *
 * <pre>
 *   host: AT+CGMI;+CSQ\r
 *   echo: AT+CGMI;+CSQ\r
 *   resp: \r\nSIMCOM_Ltd\r\n\r\n+CSQ: 20,0\r\n\r\nOK\r\n
 * </pre>
 *
 * <p>Rules the engine enforces for every command, so handlers don't: a failed command stops the rest of its line;
 * AT+CMEE decides how errors look; unsolicited result codes are written only between responses; while a command is
 * pending (its final result comes later) the host's further input waits, in a bounded buffer; in a data mode every
 * byte goes to the {@link DataReceiver} and what it does not take is parsed as commands again.
 *
 * <p>Threading: every entry point takes the engine's lock; the output of one step is written to the line in one
 * piece before the lock is released. Nothing thrown by a handler leaves the engine: it answers ERROR.
 */
public final class AtEngine implements SerialReceiver {

    private static final Logger log = LoggerFactory.getLogger(AtEngine.class);

    /** Input kept while a command is pending; beyond this, bytes are dropped as a UART overrun would. */
    public static final int MAX_PENDING_INPUT = 16 * 1024;
    /** Unsolicited result codes kept while the line is busy; beyond this the oldest are dropped. */
    public static final int MAX_QUEUED_URCS = 256;
    private static final int MAX_RESPONSE = 4 * 1024 * 1024;

    /** Where the engine's bytes go (the serial link). */
    @FunctionalInterface
    public interface Output {
        void write(byte[] bytes, int offset, int length) throws java.io.IOException;
    }

    /** Sees every byte in both directions (transcripts, traces). Called under the engine's lock. */
    public interface Tap {
        void hostToModem(byte[] bytes, int offset, int length);

        void modemToHost(byte[] bytes, int offset, int length);

        /** A command line the engine is about to run (after {@code AT}). */
        default void commandLine(String line) {
        }

        /**
         * An unsolicited result code (its text, unframed) just encoded; its bytes follow in the next
         * {@link #modemToHost} call, so transcripts can mark them.
         */
        default void urc(String text) {
        }
    }

    /**
     * Sees each request of a command line before its handler (scenarios and tests use it to answer in the handler's
     * place, or later). Called under the engine's lock, like a handler.
     */
    @FunctionalInterface
    public interface Interceptor {
        /**
         * Returns the response to use instead of the handler's, or null to let the handler answer as usual. It may
         * call {@code handler} itself, now or later (with {@link Response#pending()} and
         * {@link CommandContext#complete}).
         *
         * @param handler the registered handler, or null when the modem does not know the command (it answers ERROR)
         */
        Response intercept(Request request, CommandContext context, CommandHandler handler) throws CommandException;
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final AtLineCodec codec = new AtLineCodec();
    private final Settings settings;
    private final Scheduler scheduler;
    private volatile CommandRegistry registry;
    private final Output output;
    private final ByteSink out = new ByteSink(256, MAX_RESPONSE);
    private final ConcurrentLinkedQueue<String> urcs = new ConcurrentLinkedQueue<>();
    private final AtomicInteger urcCount = new AtomicInteger();
    private final Context context = new Context();
    private final CodecListener codecListener = new CodecListener();
    private volatile Tap tap;
    private volatile Interceptor interceptor;

    private String lastLine = "";
    private volatile List<Request> line;
    private int next;
    private Final lineFinal = Final.OK;
    private volatile boolean pending;
    private volatile DataReceiver receiver;
    private ByteSink pendingInput;
    private boolean draining;
    /** {@link CommandContext#afterOutput} tasks of the current step, run once its output is written. */
    private final List<Runnable> afterOutput = new ArrayList<>(2);
    private static final Runnable[] NO_TASKS = new Runnable[0];

    public AtEngine(Settings settings, Scheduler scheduler, CommandRegistry registry, Output output) {
        this.settings = settings;
        this.scheduler = scheduler;
        this.registry = registry;
        this.output = output;
    }

    public Settings settings() {
        return settings;
    }

    public CommandContext context() {
        return context;
    }

    public CommandRegistry registry() {
        return registry;
    }

    /** Replaces the command set (a profile change on power-cycle). */
    public void registry(CommandRegistry r) {
        this.registry = r;
    }

    public void tap(Tap t) {
        this.tap = t;
    }

    /** Installs the interceptor (one at a time; null removes it). */
    public void interceptor(Interceptor i) {
        this.interceptor = i;
    }

    /**
     * Whether the line is free for unsolicited result codes: no command running and no data mode. A line the host is
     * still typing does not hold them back; a real module interleaves URCs with the echo the same way.
     */
    public boolean isIdle() {
        return line == null && !pending && receiver == null;
    }

    /** Whether a data mode is active. */
    public boolean inDataMode() {
        return receiver != null;
    }

    @Override
    public void received(byte[] bytes, int offset, int length) {
        lock.lock();
        try {
            Tap t = tap;
            if (t != null) {
                t.hostToModem(bytes, offset, length);
            }
            process(bytes, offset, length);
        } catch (RuntimeException e) {
            log.error("engine failure on input; line reset", e);
            resetLine();
        } finally {
            release();
        }
    }

    @Override
    public void hostDetached() {
        lock.lock();
        try {
            codec.reset();
            DataReceiver r = receiver;
            if (r != null) {
                receiver = null;
                r.abort();
                log.info("host detached during a data phase; data phase aborted");
                endLine(Final.ERROR);
            }
        } finally {
            release();
        }
    }

    /** Forgets the partial line, any data mode and the pending input: a modem reset. Queued URCs are dropped. */
    public void reset() {
        lock.lock();
        try {
            DataReceiver r = receiver;
            receiver = null;
            if (r != null) {
                r.abort();
            }
            resetLine();
            urcs.clear();
            urcCount.set(0);
            out.clear();
        } finally {
            release();
        }
    }

    /** Runs a task under the engine's lock and writes what it produced. */
    public void execute(Runnable task) {
        lock.lock();
        try {
            task.run();
        } catch (RuntimeException e) {
            log.error("engine task failed", e);
        } finally {
            release();
        }
    }

    private void resetLine() {
        codec.reset();
        line = null;
        pending = false;
        lineFinal = Final.OK;
        pendingInput = null;
    }

    // ---- input ----

    private void process(byte[] b, int off, int len) {
        while (len > 0) {
            DataReceiver r = receiver;
            if (r != null) {
                int n = r.receive(b, off, len);
                if (n < 0 || n > len) {
                    throw new IllegalStateException("receiver consumed " + n + " of " + len);
                }
                off += n;
                len -= n;
                if (r.finished()) {
                    receiver = null;
                    afterData(r);
                } else if (n < len && n == 0) {
                    throw new IllegalStateException("receiver took nothing and is not finished");
                }
                continue;
            }
            if (pending || line != null) {
                holdInput(b, off, len);
                return;
            }
            int n = codec.feed(b, off, len, settings.s3(), settings.s5(), codecListener);
            off += n;
            len -= n;
        }
    }

    private void holdInput(byte[] b, int off, int len) {
        if (pendingInput == null) {
            pendingInput = new ByteSink(Math.min(len, 1024), MAX_PENDING_INPUT);
        }
        int room = MAX_PENDING_INPUT - pendingInput.size();
        if (len > room) {
            log.warn("input while a command runs: {} bytes dropped (buffer holds {})", len - room, MAX_PENDING_INPUT);
            len = room;
        }
        pendingInput.write(b, off, len);
    }

    private void afterData(DataReceiver r) {
        Response resp;
        try {
            resp = r.finish();
        } catch (RuntimeException e) {
            log.error("data phase failed to finish", e);
            resp = Response.error();
        }
        if (apply(resp)) {
            continueLine();
        }
    }

    private final class CodecListener implements AtLineCodec.Listener {
        @Override
        public void echo(byte[] bytes, int offset, int length) {
            if (settings.echo) {
                out.write(bytes, offset, length);
            }
        }

        @Override
        public void line(String text) {
            lastLine = text;
            runLine(text);
        }

        @Override
        public void lineTooLong(int length) {
            log.debug("line too long: {} > {}", length, AtLineCodec.MAX_LINE);
            ResponseEncoder.encodeFinal(Final.ERROR, settings, out);
            flushUrcs();
        }

        @Override
        public void repeat() {
            runLine(lastLine);
        }
    }

    // ---- command lines ----

    private void runLine(String text) {
        Tap t = tap;
        if (t != null) {
            t.commandLine(text);
        }
        List<Request> requests;
        try {
            requests = CommandParser.parse(text);
        } catch (ParseException e) {
            if (log.isDebugEnabled()) {
                String shown = Secrets.maskCommand(text);
                log.debug("syntax error in \"AT{}\": {}", shown, String.valueOf(e.getMessage()).replace(text, shown));
            }
            ResponseEncoder.encodeFinal(Final.ERROR, settings, out);
            flushUrcs();
            return;
        }
        line = requests;
        next = 0;
        lineFinal = Final.OK;
        continueLine();
    }

    private void continueLine() {
        while (line != null && next < line.size()) {
            Request req = line.get(next++);
            CommandHandler h = registry.resolve(req.name());
            Interceptor ic = interceptor;
            Response r;
            try {
                r = ic == null ? null : ic.intercept(req, context, h);
                if (r == null) {
                    if (h == null) {
                        log.debug("unknown command {}", Secrets.masked(req.raw()));
                        endLine(Final.ERROR);
                        return;
                    }
                    r = h.handle(req, context);
                }
            } catch (CommandException e) {
                if (log.isDebugEnabled()) {
                    String shown = Secrets.maskCommand(req.raw());
                    log.debug("{} failed: {}", shown, String.valueOf(e.getMessage()).replace(req.raw(), shown));
                }
                endLine(e.result());
                return;
            } catch (RuntimeException e) {
                log.error("{} threw", Secrets.masked(req.raw()), e);
                endLine(Final.ERROR);
                return;
            }
            if (!apply(r)) {
                return;
            }
        }
        if (line != null) {
            endLine(lineFinal);
        }
    }

    /** Writes a command's parts; returns whether the line goes on at once with its next command. */
    private boolean apply(Response r) {
        if (r == null) {
            r = Response.error();
        }
        ResponseEncoder.encodeParts(r, settings, out);
        if (r.receiver() != null) {
            receiver = r.receiver();
            return false;
        }
        if (r.isPending()) {
            pending = true;
            return false;
        }
        Final f = r.result();
        if (!f.isSuccess()) {
            endLine(f);
            return false;
        }
        if (f != Final.OK) {
            lineFinal = f;
        }
        return true;
    }

    private void endLine(Final f) {
        ResponseEncoder.encodeFinal(f, settings, out);
        line = null;
        pending = false;
        lineFinal = Final.OK;
        flushUrcs();
        ByteSink held = pendingInput;
        if (held != null && receiver == null) {
            pendingInput = null;
            // Input that arrived while the command ran is handled now, in order; re-entrancy is bounded because
            // a nested line that goes pending keeps the rest.
            process(held.array(), 0, held.size());
        }
    }

    // ---- output ----

    private void flushUrcs() {
        if (!isIdle()) {
            return;
        }
        String u;
        Tap t = tap;
        while ((u = urcs.poll()) != null) {
            urcCount.decrementAndGet();
            if (t != null) {
                t.urc(u);
            }
            ResponseEncoder.encodeUrc(u, settings, out);
        }
    }

    private void flushOut() {
        if (out.size() == 0) {
            return;
        }
        try {
            writeOut(out.array(), 0, out.size());
        } finally {
            out.clear();
        }
    }

    private void writeOut(byte[] bytes, int offset, int length) {
        Tap t = tap;
        if (t != null) {
            t.modemToHost(bytes, offset, length);
        }
        try {
            output.write(bytes, offset, length);
        } catch (java.io.IOException e) {
            log.debug("write to host failed: {}", e.getMessage());
        }
    }

    /**
     * Writes what this step produced, unlocks, runs the step's {@link CommandContext#afterOutput} tasks, and drains
     * URCs that other threads queued meanwhile.
     */
    private void release() {
        Runnable[] after = NO_TASKS;
        try {
            if (lock.getHoldCount() == 1) {
                flushUrcs();
                flushOut();
                if (!afterOutput.isEmpty()) {
                    after = afterOutput.toArray(NO_TASKS);
                    afterOutput.clear();
                }
            }
        } finally {
            lock.unlock();
        }
        for (Runnable task : after) {
            try {
                task.run();
            } catch (RuntimeException e) {
                log.error("task after output failed", e);
            }
        }
        // Not when this thread still holds the lock (a nested release): the outer release flushes, and a
        // reentrant tryLock here would always succeed without ever flushing.
        while (!urcs.isEmpty() && isIdle() && !lock.isHeldByCurrentThread() && lock.tryLock()) {
            try {
                if (lock.getHoldCount() == 1) {
                    flushUrcs();
                    flushOut();
                }
            } finally {
                lock.unlock();
            }
        }
    }

    private final class Context implements CommandContext {
        @Override
        public Settings settings() {
            return settings;
        }

        @Override
        public Scheduler scheduler() {
            return scheduler;
        }

        @Override
        public void urc(String text) {
            if (urcCount.incrementAndGet() > MAX_QUEUED_URCS) {
                urcs.poll();
                urcCount.decrementAndGet();
                log.warn("URC queue full ({}): oldest dropped", MAX_QUEUED_URCS);
            }
            urcs.add(text);
            if (!lock.isHeldByCurrentThread() && lock.tryLock()) {
                release();
            }
        }

        @Override
        public void complete(Response response) {
            execute(() -> {
                if (!pending) {
                    log.warn("completion with no pending command: {}", response);
                    return;
                }
                pending = false;
                if (apply(response)) {
                    continueLine();
                } else if (receiver != null && pendingInput != null) {
                    // The command went from pending into a data mode (AT#FTPPUT once its server answered): what
                    // the host sent meanwhile is its first data, in order, not commands.
                    ByteSink held = pendingInput;
                    pendingInput = null;
                    process(held.array(), 0, held.size());
                }
            });
        }

        @Override
        public void writeData(byte[] bytes, int offset, int length) {
            lock.lock();
            try {
                if (out.size() == 0) {
                    writeOut(bytes, offset, length); // a data stream's block: written as it is, not copied first
                } else {
                    out.write(bytes, offset, length);
                    flushOut();
                }
            } finally {
                lock.unlock();
            }
        }

        @Override
        public void execute(Runnable task) {
            AtEngine.this.execute(task);
        }

        @Override
        public void afterOutput(Runnable task) {
            if (lock.isHeldByCurrentThread()) {
                afterOutput.add(task);
            } else {
                task.run();
            }
        }

        @Override
        public void endDataMode(DataReceiver r, Response response) {
            execute(() -> {
                if (receiver != r) {
                    return;
                }
                receiver = null;
                if (apply(response)) {
                    continueLine();
                }
            });
        }
    }
}
