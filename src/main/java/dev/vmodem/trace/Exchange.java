package dev.vmodem.trace;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * What was said, without when and without how it was chunked: the lines each side sent, in the order they were
 * completed. Two runs of the same firmware against the same modem give equal exchanges even though their
 * timestamps differ and the serial line split their bytes differently; that is what a regression test compares.
 *
 * <pre>
 *   Exchange expected = Recording.read(Path.of("src/test/resources/boot-and-download.rec")).exchange();
 *   Exchange actual = Exchange.of(modem.transcript());
 *   Exchange.assertSame(expected, actual);                  // AssertionError showing the first difference
 *
 *   // values that legitimately change between runs:
 *   Exchange.assertSame(expected.replacing("\\+CCLK: \".*\"", "+CCLK: <time>"),
 *                       actual.replacing("\\+CCLK: \".*\"", "+CCLK: <time>"));
 * </pre>
 *
 * <p>Lines: each direction's bytes are cut at CR and LF; empty lines are dropped (so {@code \r\nOK\r\n} is one line
 * {@code OK}, and the echo {@code AT\r} is a line of its own). Text is escaped as {@link Escaper} does, with
 * passwords masked. Notes and timing are ignored.
 */
public final class Exchange {

    /** One line: who sent it ({@code >} host, {@code <} modem) and its escaped text. */
    public record Line(char from, String text) {
        @Override
        public String toString() {
            return from + " " + text;
        }
    }

    private final List<Line> lines;

    private Exchange(List<Line> lines) {
        this.lines = List.copyOf(lines);
    }

    public static Exchange of(Recording r) {
        Splitter host = new Splitter('>');
        Splitter modem = new Splitter('<');
        List<Line> out = new ArrayList<>();
        for (Recording.Item i : r.items()) {
            switch (i.kind()) {
                case HOST -> host.feed(i.bytes(), out);
                case MODEM -> modem.feed(i.bytes(), out);
                default -> {
                }
            }
        }
        host.finish(out);
        modem.finish(out);
        return new Exchange(out);
    }

    public static Exchange of(Transcript t) {
        return of(Recording.of(t));
    }

    /** An exchange from lines written as {@link Line#toString()} gives them ({@code "> AT"}, {@code "< OK"}). */
    public static Exchange parse(String... lines) {
        List<Line> out = new ArrayList<>();
        for (String l : lines) {
            if (l.length() < 2 || (l.charAt(0) != '>' && l.charAt(0) != '<') || l.charAt(1) != ' ') {
                throw new IllegalArgumentException("expected '> TEXT' or '< TEXT': " + l);
            }
            out.add(new Line(l.charAt(0), l.substring(2)));
        }
        return new Exchange(out);
    }

    public List<Line> lines() {
        return lines;
    }

    /** This exchange without the lines whose text matches {@code regex} entirely. */
    public Exchange ignoring(String regex) {
        Pattern p = Pattern.compile(regex);
        return filter(l -> !p.matcher(l.text()).matches());
    }

    /** This exchange with every match of {@code regex} in each line replaced (normalize values that vary). */
    public Exchange replacing(String regex, String replacement) {
        Pattern p = Pattern.compile(regex);
        List<Line> out = new ArrayList<>(lines.size());
        for (Line l : lines) {
            out.add(new Line(l.from(), p.matcher(l.text()).replaceAll(replacement)));
        }
        return new Exchange(out);
    }

    /** Only what the host sent (ignores how URCs and answers interleave with it). */
    public Exchange hostSide() {
        return filter(l -> l.from() == '>');
    }

    /** Only what the modem sent. */
    public Exchange modemSide() {
        return filter(l -> l.from() == '<');
    }

    private Exchange filter(Predicate<Line> keep) {
        List<Line> out = new ArrayList<>();
        for (Line l : lines) {
            if (keep.test(l)) {
                out.add(l);
            }
        }
        return new Exchange(out);
    }

    /** Null when equal; otherwise a description of the first difference with the lines around it. */
    public String differenceFrom(Exchange expected) {
        List<Line> a = expected.lines;
        List<Line> b = lines;
        int i = 0;
        while (i < a.size() && i < b.size() && a.get(i).equals(b.get(i))) {
            i++;
        }
        if (i == a.size() && i == b.size()) {
            return null;
        }
        StringBuilder s = new StringBuilder();
        s.append("exchanges differ at line ").append(i + 1).append(" (expected ").append(a.size())
            .append(" lines, got ").append(b.size()).append(")\n");
        for (int k = Math.max(0, i - 3); k < i; k++) {
            s.append("    ").append(a.get(k)).append('\n');
        }
        s.append("  expected:\n");
        appendRange(s, a, i);
        s.append("  but got:\n");
        appendRange(s, b, i);
        return s.toString();
    }

    private static void appendRange(StringBuilder s, List<Line> l, int from) {
        if (from >= l.size()) {
            s.append("    (nothing more)\n");
        }
        for (int k = from; k < Math.min(l.size(), from + 5); k++) {
            s.append(k == from ? "  ! " : "    ").append(l.get(k)).append('\n');
        }
    }

    /** Fails with the first difference unless the two exchanges are equal. */
    public static void assertSame(Exchange expected, Exchange actual) {
        String d = actual.differenceFrom(expected);
        if (d != null) {
            throw new AssertionError(d);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Exchange e && e.lines.equals(lines);
    }

    @Override
    public int hashCode() {
        return lines.hashCode();
    }

    /** One line per {@link Line}, as {@link #parse} reads them. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        for (Line l : lines) {
            b.append(l).append('\n');
        }
        return b.toString();
    }

    /** Cuts one direction's bytes into lines. */
    private static final class Splitter {
        private final char from;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        Splitter(char from) {
            this.from = from;
        }

        void feed(byte[] b, List<Line> out) {
            Objects.requireNonNull(b);
            for (byte x : b) {
                if (x == '\r' || x == '\n') {
                    finish(out);
                } else {
                    line.write(x);
                }
            }
        }

        void finish(List<Line> out) {
            if (line.size() > 0) {
                byte[] l = line.toByteArray();
                out.add(new Line(from, Escaper.escape(l, 0, l.length)));
                line.reset();
            }
        }
    }
}
