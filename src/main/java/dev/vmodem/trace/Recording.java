package dev.vmodem.trace;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A session's serial exchange in a replayable text form ({@code --record FILE}): one line per burst, with its time,
 * its direction and its bytes escaped as {@link Escaper} does (so the bytes can be restored exactly), and notes.
 * Passwords are masked (see {@link dev.vmodem.at.Secrets}); a replay sends the mask instead.
 *
 * <pre>
 *   # vmodem recording 1
 *   # sim800 on pty /tmp/ttyVMODEM0
 *   +0.000 &lt; \r\nRDY\r\n
 *   +1.204 &gt; AT+CGMM\r
 *   +1.204 &lt; AT+CGMM\r\r\nSIMCOM_SIM800L\r\n\r\nOK\r\n
 *   +5.000 ! fault injected: coverage-loss
 * </pre>
 *
 * {@code >} is host to modem, {@code <} modem to host, {@code !} a note; lines starting with {@code #} are comments.
 * Times are seconds since the start. A space that ends a burst is written {@code \x20}, so editors that trim
 * trailing blanks do not change the bytes.
 *
 * <p>To check that a new run of the same firmware says the same things, compare {@link #exchange()}s: see
 * {@link Exchange}.
 */
public final class Recording {

    /** The first line of every recording. */
    public static final String MAGIC = "# vmodem recording 1";

    /** One burst or note. */
    public record Item(Duration time, Transcript.Kind kind, byte[] bytes, String note) {
        public Item {
            Objects.requireNonNull(time, "time");
            Objects.requireNonNull(kind, "kind");
            if (kind == Transcript.Kind.COMMAND) {
                throw new IllegalArgumentException("recordings hold bytes and notes, not command lines");
            }
        }

        /** The item as one line of the file. */
        public String format() {
            StringBuilder b = new StringBuilder();
            b.append(String.format(Locale.ROOT, "+%.3f ", time.toNanos() / 1e9));
            if (kind == Transcript.Kind.NOTE) {
                return b.append("! ").append(note.replace('\n', ' ').replace('\r', ' ')).toString();
            }
            b.append(kind == Transcript.Kind.HOST ? "> " : "< ");
            String esc = Escaper.escape(bytes, 0, bytes.length);
            if (esc.endsWith(" ")) {
                esc = esc.substring(0, esc.length() - 1) + "\\x20";
            }
            return b.append(esc).toString();
        }
    }

    private final String title;
    private final List<Item> items;

    private Recording(String title, List<Item> items) {
        this.title = title;
        this.items = List.copyOf(items);
    }

    /** The kept part of a transcript, masked. */
    public static Recording of(Transcript t) {
        List<Item> items = new ArrayList<>();
        for (Transcript.Entry e : t.entries()) {
            Item i = item(e);
            if (i != null) {
                items.add(i);
            }
        }
        return new Recording(t.title(), items);
    }

    static Item item(Transcript.Entry e) {
        return switch (e.kind()) {
            case HOST, MODEM -> new Item(e.time(), e.kind(), e.maskedBytes(), null);
            case NOTE -> new Item(e.time(), e.kind(), null, e.text());
            case COMMAND -> null;
        };
    }

    /** Reads a recording file. */
    public static Recording read(Path file) throws IOException {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Parses the text of a recording.
     *
     * @throws IllegalArgumentException naming the line that is not a recording line
     */
    public static Recording parse(String text) {
        List<Item> items = new ArrayList<>();
        String title = "";
        String[] lines = text.split("\r?\n", -1);
        for (int n = 0; n < lines.length; n++) {
            String l = lines[n];
            if (l.isBlank()) {
                continue;
            }
            if (l.startsWith("#")) {
                if (n == 1) {
                    title = l.substring(1).trim();
                }
                continue;
            }
            try {
                items.add(parseLine(l));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("line " + (n + 1) + ": " + e.getMessage() + ": " + l, e);
            }
        }
        return new Recording(title, items);
    }

    private static Item parseLine(String l) {
        int sp = l.indexOf(' ');
        if (!l.startsWith("+") || sp < 0 || sp + 2 > l.length()) {
            throw new IllegalArgumentException("expected '+SECONDS > | < | ! TEXT'");
        }
        Duration t = Duration.ofNanos(Math.round(Double.parseDouble(l.substring(1, sp)) * 1e9));
        char dir = l.charAt(sp + 1);
        String rest = l.length() > sp + 3 ? l.substring(sp + 3) : "";
        return switch (dir) {
            case '>' -> new Item(t, Transcript.Kind.HOST, Escaper.unescape(rest), null);
            case '<' -> new Item(t, Transcript.Kind.MODEM, Escaper.unescape(rest), null);
            case '!' -> new Item(t, Transcript.Kind.NOTE, null, rest);
            default -> throw new IllegalArgumentException("unknown direction '" + dir + "'");
        };
    }

    public List<Item> items() {
        return items;
    }

    /** The title line of the file (what was recorded). */
    public String title() {
        return title;
    }

    /** The normalized line-by-line exchange, for comparisons. */
    public Exchange exchange() {
        return Exchange.of(this);
    }

    /** The file's text. */
    public String format() {
        StringBuilder b = new StringBuilder(MAGIC).append('\n');
        b.append("# ").append(title).append('\n');
        for (Item i : items) {
            b.append(i.format()).append('\n');
        }
        return b.toString();
    }

    /** Writes the file. */
    public void write(Path file) throws IOException {
        Files.writeString(file, format(), StandardCharsets.UTF_8);
    }

    /**
     * Writes a transcript to {@code file} as it happens (what {@code --record} does): what the transcript already
     * holds, then every new burst and note, each flushed. Close it to stop.
     */
    public static Writer writer(Path file, Transcript transcript) throws IOException {
        return new Writer(file, transcript);
    }

    /** A recording being written live; see {@link #writer}. */
    public static final class Writer implements AutoCloseable {
        private final Path file;
        private final BufferedWriter out;
        private final Transcript.Subscription subscription;
        private IOException failure;
        private boolean closed;

        private Writer(Path file, Transcript t) throws IOException {
            this.file = file;
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
            out.write(MAGIC + "\n# " + t.title() + "\n");
            out.flush();
            this.subscription = t.follow(0, this::append);
        }

        private synchronized void append(Transcript.Entry e) {
            Item i = item(e);
            if (i == null || closed || failure != null) {
                return;
            }
            try {
                out.write(i.format());
                out.write('\n');
                out.flush();
            } catch (IOException ex) {
                failure = ex;
                org.slf4j.LoggerFactory.getLogger(Recording.class).warn("recording to {} stopped: {}", file,
                    ex.getMessage());
            }
        }

        public Path file() {
            return file;
        }

        @Override
        public void close() {
            subscription.close();
            synchronized (this) {
                if (closed) {
                    return;
                }
                closed = true;
                try {
                    out.close();
                } catch (IOException e) {
                    throw new UncheckedIOException("closing recording " + file, e);
                }
            }
        }
    }
}
