package dev.vmodem.trace;

import dev.vmodem.at.AtEngine;
import java.io.PrintStream;
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

    private void print(String dir, byte[] b, int off, int len) {
        String shown = Escaper.escape(b, off, Math.min(len, MAX_SHOWN));
        String more = len > MAX_SHOWN ? " … (" + len + " bytes)" : "";
        out.println(TIME.format(Instant.now()) + " " + dir + " " + shown + more);
    }
}
