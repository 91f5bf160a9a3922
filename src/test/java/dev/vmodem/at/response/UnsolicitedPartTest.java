package dev.vmodem.at.response;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vmodem.at.Settings;
import dev.vmodem.util.ByteSink;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Unsolicited codes printed inside a command's answer are framed as URCs, each on its own. */
class UnsolicitedPartTest {

    private static String encode(Response r, Settings s) {
        ByteSink out = new ByteSink(64, 4096);
        ResponseEncoder.encodeParts(r, s, out);
        ResponseEncoder.encodeFinal(r.result(), s, out);
        return new String(out.array(), 0, out.size(), StandardCharsets.ISO_8859_1);
    }

    @Test
    void eachCodeIsFramedOnItsOwnAndTheInformationStartsANewBlock() {
        Response r = Response.info("+CPIN: NOT READY").precededBy(List.of("+SAPBR 1: DEACT", "+SAPBR 2: DEACT"));
        assertThat(encode(r, new Settings()))
            .isEqualTo("\r\n+SAPBR 1: DEACT\r\n\r\n+SAPBR 2: DEACT\r\n\r\n+CPIN: NOT READY\r\n\r\nOK\r\n");
        assertThat(encode(Response.ok().precededBy(List.of("+SAPBR 3: DEACT")), new Settings()))
            .isEqualTo("\r\n+SAPBR 3: DEACT\r\n\r\nOK\r\n");
        assertThat(r.toString()).isEqualTo("(urc) +SAPBR 1: DEACT | (urc) +SAPBR 2: DEACT | +CPIN: NOT READY | OK");
    }

    @Test
    void underAtv0AndAtq1() {
        Settings s = new Settings();
        s.verbose = false;
        Response r = Response.info("+CPIN: NOT READY", "x").precededBy(List.of("+SAPBR 1: DEACT"));
        assertThat(encode(r, s)).isEqualTo("+SAPBR 1: DEACT\r\n+CPIN: NOT READY\r\nx\r\n0\r");
        s.verbose = true;
        s.quiet = true;
        assertThat(encode(r, s)).isEqualTo("\r\n+SAPBR 1: DEACT\r\n\r\n+CPIN: NOT READY\r\nx\r\n");
    }

    @Test
    void nothingToPrecedeIsTheSameResponse() {
        Response r = Response.info("a");
        assertThat(r.precededBy(List.of())).isSameAs(r);
        assertThat(Response.error().precededBy(List.of("u")).result()).isSameAs(Final.ERROR);
    }
}
