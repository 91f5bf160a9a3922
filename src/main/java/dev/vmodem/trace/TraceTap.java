package dev.vmodem.trace;

import dev.vmodem.at.AtEngine;
import dev.vmodem.at.Secrets;
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
 * Long bursts (data blocks) are cut after {@value #MAX_SHOWN} bytes with the total size shown. Passwords are masked
 * ({@link Secrets}); the line itself carries them unchanged.
 */
public final class TraceTap implements AtEngine.Tap {

    static final int MAX_SHOWN = 200;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS")
        .withZone(ZoneId.systemDefault());

    private final PrintStream out;
    private final Secrets.Masker hostMasker = new Secrets.Masker();
    private final Secrets.Masker modemMasker = new Secrets.Masker();

    public TraceTap(PrintStream out) {
        this.out = out;
    }

    @Override
    public void hostToModem(byte[] bytes, int offset, int length) {
        print("host→modem ", hostMasker.feed(bytes, offset, length));
    }

    @Override
    public void modemToHost(byte[] bytes, int offset, int length) {
        print("modem→host ", modemMasker.feed(bytes, offset, length));
    }

    private void print(String dir, byte[] b) {
        int len = b.length;
        String shown = Escaper.escape(b, 0, Math.min(len, MAX_SHOWN));
        String more = len > MAX_SHOWN ? " … (" + len + " bytes)" : "";
        out.println(TIME.format(Instant.now()) + " " + dir + " " + shown + more);
    }
}
