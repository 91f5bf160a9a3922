package dev.vmodem.transfer;

import java.io.PrintStream;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The command line's progress line ({@code --quiet} turns it off): a transfer that runs longer than
 * {@value #SHOW_AFTER_MS} ms gets one line, redrawn in place with {@code \r} at most every {@value #REDRAW_MS} ms,
 * and a summary line when it ends:
 *
 * <pre>
 *   ↓ RETR /fw.bin  40.0 KB of 100.0 KB (40%), 10.4 KB/s, 5.8 s left
 *   ↓ RETR /fw.bin: 100.0 KB in 9.9 s (10.1 KB/s), ok
 * </pre>
 *
 * Short transfers print nothing unless they fail. Listens to a {@link TransferTracker}.
 */
public final class ConsoleProgress implements Consumer<TransferInfo> {

    static final long SHOW_AFTER_MS = 500;
    static final long REDRAW_MS = 250;

    private final PrintStream out;
    private final LongSupplier millis;
    private int shown = -1;        // the id whose line is on screen
    private int lastWidth;
    private long lastDraw;

    public ConsoleProgress(PrintStream out, LongSupplier millis) {
        this.out = out;
        this.millis = millis;
    }

    @Override
    public synchronized void accept(TransferInfo t) {
        String arrow = t.direction().equals("download") ? "↓ " : "↑ ";
        if (!t.running()) {
            if (t.id() == shown || t.elapsedMs() >= SHOW_AFTER_MS || !t.state().equals("done")) {
                draw(arrow + t.summary());
                out.print('\n');
                lastWidth = 0;
                if (t.id() == shown) {
                    shown = -1;
                }
                out.flush();
            }
            return;
        }
        if (t.elapsedMs() < SHOW_AFTER_MS || (shown != -1 && shown != t.id())) {
            return; // short so far, or another transfer holds the line
        }
        long now = millis.getAsLong();
        if (shown == t.id() && now - lastDraw < REDRAW_MS) {
            return;
        }
        shown = t.id();
        lastDraw = now;
        draw(arrow + t.name() + "  " + t.progressText());
        out.flush();
    }

    private void draw(String line) {
        StringBuilder b = new StringBuilder("\r").append(line);
        for (int i = line.length(); i < lastWidth; i++) {
            b.append(' ');
        }
        lastWidth = line.length();
        out.print(b);
    }
}
