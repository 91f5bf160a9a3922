package dev.vmodem.trace;

import dev.vmodem.at.AtEngine;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * {@code --trace}: the serial traffic as a readable transcript, one line per burst, with time and direction.
 *
 * <pre>
 *   13:02:11.204 host→modem  AT+CGMI\r
 *   13:02:11.205 modem→host  AT+CGMI\r\r\nSIMCOM_Ltd\r\n\r\nOK\r\n
 * </pre>
 *
 * Long bursts (data blocks) are cut after {@value #MAX_SHOWN} bytes with the total size shown.
 */
public final class TraceTap implements AtEngine.Tap {

    static final int MAX_SHOWN = 200;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS")
        .withZone(ZoneId.systemDefault());

    private final PrintStream out;

    public TraceTap(PrintStream out) {
        this.out = out;
    }

    @Override
    public void hostToModem(byte[] bytes, int offset, int length) {
        print("host→modem ", bytes, offset, length);
    }

    @Override
    public void modemToHost(byte[] bytes, int offset, int length) {
        print("modem→host ", bytes, offset, length);
    }

    /** Passwords are masked in what is shown (both directions: the echo repeats them); the serial bytes are not. */
    private void print(String dir, byte[] b, int off, int len) {
        byte[] masked = dev.vmodem.util.Secrets.mask(new String(b, off, len, StandardCharsets.ISO_8859_1))
            .getBytes(StandardCharsets.ISO_8859_1);
        String shown = Escaper.escape(masked, 0, Math.min(masked.length, MAX_SHOWN));
        String more = len > MAX_SHOWN ? " … (" + len + " bytes)" : "";
        out.println(TIME.format(Instant.now()) + " " + dir + " " + shown + more);
    }
}
