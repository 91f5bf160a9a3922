package dev.vmodem.transfer;

/**
 * A snapshot of one transfer, as {@code GET /state} (under {@code "transfers"}) and the {@code transfer} events of
 * {@code /transcript/stream} show it.
 *
 * <pre>
 * {"id":3,"direction":"download","name":"RETR /fw.bin","done":40960,"total":102400,"offset":0,
 *  "elapsedMs":3912,"bytesPerSecond":10470.3,"etaMs":5868,"state":"running","outcome":null}
 * </pre>
 *
 * @param id             1, 2, 3... per modem
 * @param direction      "download" or "upload" (seen from the modem)
 * @param name           the FTP command that carries it ("RETR /fw.bin", "STOR /log.txt", "LIST /")
 * @param done           payload bytes moved so far (after any REST offset)
 * @param total          bytes expected (after the offset), or -1 when not known (uploads, listings, no SIZE)
 * @param offset         the REST offset it started from
 * @param elapsedMs      since it started (until it ended, once ended), on the modem's clock
 * @param bytesPerSecond average rate so far
 * @param etaMs          time left at that rate, or -1 when not known
 * @param state          "running", "done", "failed" or "cancelled"
 * @param outcome        null while running; then a short text: "ok", "download error (79): connection reset"...
 */
public record TransferInfo(int id, String direction, String name, long done, long total, long offset, long elapsedMs,
                           double bytesPerSecond, long etaMs, String state, String outcome) {

    public boolean running() {
        return state.equals("running");
    }

    /** "40.0 KB of 100.0 KB, 10.2 KB/s, 6 s left" (or "40.0 KB, 10.2 KB/s" without a total). */
    public String progressText() {
        StringBuilder b = new StringBuilder(size(done));
        if (total >= 0) {
            b.append(" of ").append(size(total));
            b.append(String.format(java.util.Locale.ROOT, " (%d%%)", total == 0 ? 100 : done * 100 / total));
        }
        b.append(", ").append(size((long) bytesPerSecond)).append("/s");
        if (etaMs >= 0 && running()) {
            b.append(", ").append(duration(etaMs)).append(" left");
        }
        return b.toString();
    }

    /** "RETR /fw.bin: 100.0 KB in 9.6 s (10.4 KB/s), ok". */
    public String summary() {
        return name + ": " + size(done) + " in " + duration(elapsedMs) + " (" + size((long) bytesPerSecond)
            + "/s), " + (outcome == null ? state : outcome);
    }

    /** 512 B, 1.5 KB, 2.3 MB (1 KB = 1024 B). */
    public static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        if (bytes < 1024 * 1024) {
            return String.format(java.util.Locale.ROOT, "%.1f KB", bytes / 1024.0);
        }
        return String.format(java.util.Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024));
    }

    /** 850 ms, 9.6 s, 2 min 5 s. */
    public static String duration(long ms) {
        if (ms < 1000) {
            return ms + " ms";
        }
        if (ms < 60_000) {
            return String.format(java.util.Locale.ROOT, "%.1f s", ms / 1000.0);
        }
        return (ms / 60_000) + " min " + (ms % 60_000) / 1000 + " s";
    }
}
