package dev.vmodem.trace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vmodem.testing.ModemHarness;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TraceTapTest {

    @Test
    void showsBothDirectionsWithControlBytesEscaped() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (ModemHarness h = new ModemHarness().booted()) {
            h.modem.engine().tap(new TraceTap(new PrintStream(buf, true, StandardCharsets.UTF_8)));
            h.exchange("AT+CGMI\r");
            h.send(new byte[] {0x00, (byte) 0xff, 0x1b});
        }
        String[] lines = buf.toString(StandardCharsets.UTF_8).split("\n");
        assertThat(lines[0]).matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} host→modem  AT\\+CGMI\\\\r");
        assertThat(lines[1]).endsWith("modem→host  AT+CGMI\\r\\r\\nSIMCOM_Ltd\\r\\n\\r\\nOK\\r\\n");
        assertThat(lines[2]).endsWith("host→modem  \\x00\\xff\\x1b");
    }

    @Test
    void longBurstsAreCutWithTheirSize() {
        byte[] b = new byte[1000];
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        new TraceTap(new PrintStream(buf, true, StandardCharsets.UTF_8)).modemToHost(b, 0, b.length);
        assertThat(buf.toString(StandardCharsets.UTF_8)).contains("… (1000 bytes)");
    }
}
