package dev.vmodem.trace;

import dev.vmodem.at.AtEngine;
import dev.vmodem.at.Secrets;
import dev.vmodem.time.Scheduler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Everything one modem said and heard, in order, with times on the modem's clock: the bytes in both directions as
 * they crossed the serial line (data blocks included), each command line the modem ran, which output carried
 * unsolicited result codes, and notes about what happened around it (faults, registration changes, scenario
 * steps).
 *
 * <pre>
 *   Transcript t = modem.transcript();
 *   t.commands();        // [AT, AT+CGMM, AT+FTPPW="***", ...]
 *   t.urcs();            // [RDY, +CFUN: 1, +CPIN: READY, Call Ready, SMS Ready]
 *   t.text();            // as below
 *
 *   # vmodem transcript: sim800 on pipe (in memory)
 *   # started 2023-11-14T22:13:20Z; times are seconds since then on the modem's clock
 *        0.000 modem→host  \r\nRDY\r\n                                        [URC RDY]
 *        1.204 host→modem  AT+CGMM\r
 *        1.204 command     AT+CGMM
 *        1.204 modem→host  AT+CGMM\r\r\nSIMCOM_SIM800L\r\n\r\nOK\r\n
 *        5.000 note        fault injected: coverage-loss
 * </pre>
 *
 * <p><b>Secrets.</b> {@link Entry#bytes()} are exactly what crossed the line. Everything meant to be read or
 * stored ({@link Entry#text()}, {@link #text()}, files, the control API, recordings) has passwords masked as
 * {@link Secrets} describes, each direction followed as one stream so a password typed byte by byte is hidden too.
 *
 * <p><b>Memory.</b> The transcript keeps the most recent entries up to a byte budget (default
 * {@value #DEFAULT_LIMIT_BYTES} bytes, counting each entry's bytes, text and a fixed overhead). When a new entry
 * goes over it the oldest entries are dropped; {@link #droppedEntries()} and the first line of {@link #text()} say
 * how much. Long bursts are kept whole; only {@link #text()} shortens them for reading.
 *
 * <p>Thread-safe. As an {@link AtEngine.Tap} it is called under the engine's lock; subscribers run there too and
 * must be quick.
 */
public final class Transcript implements AtEngine.Tap {

    /** The default memory budget: 8 MiB. */
    public static final long DEFAULT_LIMIT_BYTES = 8L * 1024 * 1024;
    /** In {@link #text()}, bursts longer than this show their first and last bytes only. */
    public static final int SHOWN_BURST = 512;
    private static final int ENTRY_OVERHEAD = 96;

    /** What an entry records. */
    public enum Kind {
        /** Bytes the host sent to the modem. */
        HOST("host→modem"),
        /** Bytes the modem sent to the host (responses, echo, URCs, data). */
        MODEM("modem→host"),
        /** A command line the modem ran (text after {@code AT}, shown with it). */
        COMMAND("command"),
        /** Something that happened around the exchange: a fault, a registration change, a scenario step. */
        NOTE("note");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        /** How {@link #text()} names it. */
        public String label() {
            return label;
        }
    }

    /** One entry. Immutable; {@link #bytes()} returns a copy. */
    public static final class Entry {
        private final long seq;
        private final long nanos;
        private final long wallMillis;
        private final Kind kind;
        private final byte[] bytes;
        private final byte[] shown;
        private final String text;
        private final List<String> urcs;

        Entry(long seq, long nanos, long wallMillis, Kind kind, byte[] bytes, byte[] shown, String text,
              List<String> urcs) {
            this.seq = seq;
            this.nanos = nanos;
            this.wallMillis = wallMillis;
            this.kind = kind;
            this.bytes = bytes;
            this.shown = shown;
            this.text = text;
            this.urcs = urcs;
        }

        /** Position in the transcript: 1, 2, 3... (never reused, also after older entries were dropped). */
        public long seq() {
            return seq;
        }

        /** Time since the transcript started, on the modem's clock. */
        public Duration time() {
            return Duration.ofNanos(nanos);
        }

        /** Wall-clock time in epoch milliseconds (the scheduler's: virtual time has its own epoch). */
        public long wallMillis() {
            return wallMillis;
        }

        public Kind kind() {
            return kind;
        }

        /** For HOST and MODEM: the bytes exactly as they crossed the line (secrets included). Otherwise empty. */
        public byte[] bytes() {
            return bytes == null ? new byte[0] : bytes.clone();
        }

        /** For HOST and MODEM: the bytes with secrets masked. Otherwise empty. */
        public byte[] maskedBytes() {
            return shown == null ? new byte[0] : shown.clone();
        }

        /** Byte count for HOST and MODEM (unmasked), 0 otherwise. */
        public int length() {
            return bytes == null ? 0 : bytes.length;
        }

        /**
         * Readable and masked: for HOST and MODEM the bytes escaped ({@code \r}, {@code \n}, {@code \xNN}); for
         * COMMAND the line with its {@code AT}; for NOTE the note.
         */
        public String text() {
            return shown != null ? Escaper.escape(shown, 0, shown.length) : text;
        }

        /** For MODEM entries: the unsolicited result codes these bytes carry, in order. Otherwise empty. */
        public List<String> urcs() {
            return urcs;
        }

        int cost() {
            int c = ENTRY_OVERHEAD;
            if (bytes != null) {
                c += bytes.length;
            }
            if (shown != null && shown != bytes) {
                c += shown.length;
            }
            if (text != null) {
                c += 2 * text.length();
            }
            for (String u : urcs) {
                c += 40 + 2 * u.length();
            }
            return c;
        }

        /** The entry as one line of {@link Transcript#text()}. */
        public String render() {
            StringBuilder b = new StringBuilder(64);
            b.append(String.format(Locale.ROOT, "%10.3f ", nanos / 1e9));
            b.append(String.format(Locale.ROOT, "%-11s ", kind.label()));
            if (shown != null) {
                if (shown.length > SHOWN_BURST) {
                    int head = SHOWN_BURST - 64;
                    b.append(Escaper.escape(shown, 0, head))
                        .append(" …(").append(shown.length - head - 64).append(" more bytes, ")
                        .append(shown.length).append(" in all)… ")
                        .append(Escaper.escape(shown, shown.length - 64, 64));
                } else {
                    b.append(Escaper.escape(shown, 0, shown.length));
                }
            } else {
                b.append(text);
            }
            if (!urcs.isEmpty()) {
                b.append("    [URC ").append(String.join(" | ", urcs)).append(']');
            }
            return b.toString();
        }

        @Override
        public String toString() {
            return render().trim();
        }
    }

    /** A live subscription; close it to stop receiving entries. */
    public interface Subscription extends AutoCloseable {
        @Override
        void close();
    }

    private final Scheduler scheduler;
    private final long limit;
    private final long startNanos;
    private final long startMillis;
    private final ArrayDeque<Entry> entries = new ArrayDeque<>();
    private final List<Consumer<Entry>> subscribers = new CopyOnWriteArrayList<>();
    private final Secrets.Masker hostMasker = new Secrets.Masker();
    private final Secrets.Masker modemMasker = new Secrets.Masker();
    private final List<String> pendingUrcs = new ArrayList<>();
    private volatile String title = "modem";
    private long seq;
    private long size;
    private long droppedEntries;
    private long droppedBytes;

    /** A transcript with the default budget, timed by {@code scheduler}. */
    public Transcript(Scheduler scheduler) {
        this(scheduler, DEFAULT_LIMIT_BYTES);
    }

    /** @param limitBytes memory budget (at least 4 KiB) */
    public Transcript(Scheduler scheduler, long limitBytes) {
        if (limitBytes < 4096) {
            throw new IllegalArgumentException("transcript budget too small: " + limitBytes + " < 4096 bytes");
        }
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.limit = limitBytes;
        this.startNanos = scheduler.nanoTime();
        this.startMillis = scheduler.currentTimeMillis();
    }

    /** The name the header shows ("sim800 on pty /tmp/ttyVMODEM0"). */
    public Transcript title(String t) {
        this.title = Objects.requireNonNull(t, "title");
        return this;
    }

    public String title() {
        return title;
    }

    // ---- recording (AtEngine.Tap) ----

    @Override
    public void hostToModem(byte[] b, int off, int len) {
        synchronized (this) {
            byte[] raw = copy(b, off, len);
            byte[] shown = hostMasker.feed(raw, 0, raw.length);
            add(Kind.HOST, raw, shown, null, List.of());
        }
    }

    @Override
    public void modemToHost(byte[] b, int off, int len) {
        synchronized (this) {
            byte[] raw = copy(b, off, len);
            byte[] shown = modemMasker.feed(raw, 0, raw.length);
            List<String> urcs = pendingUrcs.isEmpty() ? List.of() : List.copyOf(pendingUrcs);
            pendingUrcs.clear();
            add(Kind.MODEM, raw, shown, null, urcs);
        }
    }

    @Override
    public void commandLine(String line) {
        synchronized (this) {
            add(Kind.COMMAND, null, null, Secrets.mask("AT" + line), List.of());
        }
    }

    @Override
    public void urc(String text) {
        synchronized (this) {
            pendingUrcs.add(Secrets.mask(text));
        }
    }

    /** Adds a note ("fault injected: coverage-loss"); masked like everything else. */
    public void note(String text) {
        synchronized (this) {
            add(Kind.NOTE, null, null, Secrets.mask(text), List.of());
        }
    }

    private static byte[] copy(byte[] b, int off, int len) {
        byte[] r = new byte[len];
        System.arraycopy(b, off, r, 0, len);
        return r;
    }

    private void add(Kind kind, byte[] raw, byte[] shown, String text, List<String> urcs) {
        Entry e = new Entry(++seq, scheduler.nanoTime() - startNanos, scheduler.currentTimeMillis(), kind, raw, shown,
            text, urcs);
        entries.addLast(e);
        size += e.cost();
        while (size > limit && entries.size() > 1) {
            Entry old = entries.removeFirst();
            size -= old.cost();
            droppedEntries++;
            droppedBytes += old.length();
        }
        for (Consumer<Entry> s : subscribers) {
            try {
                s.accept(e);
            } catch (RuntimeException ex) {
                org.slf4j.LoggerFactory.getLogger(Transcript.class).warn("transcript subscriber failed", ex);
            }
        }
    }

    // ---- reading ----

    /** The entries kept, oldest first. */
    public synchronized List<Entry> entries() {
        return new ArrayList<>(entries);
    }

    /** The kept entries with {@link Entry#seq()} greater than {@code seq}, oldest first. */
    public synchronized List<Entry> entriesAfter(long seq) {
        List<Entry> out = new ArrayList<>();
        for (Entry e : entries) {
            if (e.seq() > seq) {
                out.add(e);
            }
        }
        return out;
    }

    /** The command lines the modem ran, masked, with their {@code AT}. */
    public List<String> commands() {
        return texts(Kind.COMMAND);
    }

    /** The notes, in order. */
    public List<String> notes() {
        return texts(Kind.NOTE);
    }

    private synchronized List<String> texts(Kind k) {
        List<String> out = new ArrayList<>();
        for (Entry e : entries) {
            if (e.kind() == k) {
                out.add(e.text);
            }
        }
        return out;
    }

    /** The unsolicited result codes the modem sent, in order. */
    public synchronized List<String> urcs() {
        List<String> out = new ArrayList<>();
        for (Entry e : entries) {
            out.addAll(e.urcs());
        }
        return out;
    }

    /** Everything the modem sent (kept part), unmasked, one char per byte (ISO-8859-1). */
    public String modemOutput() {
        return joined(Kind.MODEM);
    }

    /** Everything the host sent (kept part), unmasked, one char per byte (ISO-8859-1). */
    public String hostInput() {
        return joined(Kind.HOST);
    }

    private synchronized String joined(Kind k) {
        StringBuilder b = new StringBuilder();
        for (Entry e : entries) {
            if (e.kind() == k) {
                b.append(new String(e.bytes, StandardCharsets.ISO_8859_1));
            }
        }
        return b.toString();
    }

    /** The number of the newest entry (0 before the first). */
    public synchronized long lastSeq() {
        return seq;
    }

    /** Entries dropped from the start to stay within the budget. */
    public synchronized long droppedEntries() {
        return droppedEntries;
    }

    /** Serial bytes in the entries dropped so far. */
    public synchronized long droppedBytes() {
        return droppedBytes;
    }

    /** The memory budget in bytes. */
    public long limit() {
        return limit;
    }

    /** Bytes the kept entries count against the budget. */
    public synchronized long size() {
        return size;
    }

    /** When the transcript started, in the scheduler's epoch milliseconds. */
    public long startMillis() {
        return startMillis;
    }

    /** The header lines of {@link #text()}. */
    public synchronized String header() {
        StringBuilder b = new StringBuilder();
        b.append("# vmodem transcript: ").append(title).append('\n');
        b.append("# started ").append(Instant.ofEpochMilli(startMillis))
            .append("; times are seconds since then on the modem's clock; passwords masked\n");
        if (droppedEntries > 0) {
            b.append("# ").append(droppedEntries).append(" older entries (").append(droppedBytes)
                .append(" serial bytes) were dropped to stay within ").append(limit).append(" bytes\n");
        }
        return b.toString();
    }

    /** The whole transcript as readable, masked text: the header, then one line per entry. */
    public String text() {
        List<Entry> list;
        String head;
        synchronized (this) {
            list = new ArrayList<>(entries);
            head = header();
        }
        StringBuilder b = new StringBuilder(head);
        for (Entry e : list) {
            b.append(e.render()).append('\n');
        }
        return b.toString();
    }

    /** Writes {@link #text()} to {@code file} (UTF-8), creating its directory. */
    public void writeTo(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, text(), StandardCharsets.UTF_8);
    }

    /**
     * Calls {@code subscriber} with every new entry, on the thread that adds it (under the modem's lock: be quick,
     * hand work off). Returns the subscription; close it to stop.
     */
    public Subscription subscribe(Consumer<Entry> subscriber) {
        Objects.requireNonNull(subscriber, "subscriber");
        subscribers.add(subscriber);
        return () -> subscribers.remove(subscriber);
    }

    /**
     * Follows the transcript without a gap or a duplicate: hands {@code subscriber} the kept entries after
     * {@code seq} (0 for all), then every new one, as {@link #subscribe} does.
     */
    public synchronized Subscription follow(long seq, Consumer<Entry> subscriber) {
        for (Entry e : entriesAfter(seq)) {
            subscriber.accept(e);
        }
        return subscribe(subscriber);
    }

    @Override
    public String toString() {
        return "Transcript[" + title + ", " + entries.size() + " entries]";
    }
}
