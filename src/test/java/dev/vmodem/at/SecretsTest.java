package dev.vmodem.at;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class SecretsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "AT+FTPPW=\"s3cret\"|AT+FTPPW=\"***\"",
        "at+ftppw=\"s3cret\"|at+ftppw=\"***\"",
        "AT+FTPPW=s3cret|AT+FTPPW=***",
        "AT+SAPBR=3,1,\"PWD\",\"s3cret\"|AT+SAPBR=3,1,\"PWD\",\"***\"",
        "AT+SAPBR=3,1,\"pwd\",s3cret|AT+SAPBR=3,1,\"pwd\",***",
        "AT+SAPBR=3,1,\"APN\",\"CMNET\"|AT+SAPBR=3,1,\"APN\",\"CMNET\"",
        "AT+SAPBR=3,1,\"USER\",\"PWD\"|AT+SAPBR=3,1,\"USER\",\"PWD\"",
        "AT#APNPW=\"s3cret\"|AT#APNPW=\"***\"",
        "AT#FTPPW=\"s3cret\"|AT#FTPPW=\"***\"",
        "AT+CSTT=\"CMNET\",\"user\",\"s3cret\"|AT+CSTT=\"CMNET\",\"user\",\"***\"",
        "AT+FTPUN=\"user\";+FTPPW=\"a,b;c\";+FTPSERV=\"h\"|AT+FTPUN=\"user\";+FTPPW=\"***\";+FTPSERV=\"h\"",
        "AT+FTPPW=\"\"|AT+FTPPW=\"\"",
        "+FTPPW: s3cret|+FTPPW: ***",
        "+FTPPW: \"s3cret\"|+FTPPW: \"***\"",
        "PWD: s3cret|PWD: ***",
        "+CSTT: \"CMNET\",\"user\",\"s3cret\"|+CSTT: \"CMNET\",\"user\",\"***\"",
        "AT+FTPUN=\"PWD: x\"|AT+FTPUN=\"PWD: x\"",
        "AT+CGMM|AT+CGMM",
        "noise before+FTPPW: s3cret|noise before+FTPPW: ***",
        "  PWD : s3cret|  PWD : ***",
        "XPWD: s3cret|XPWD: s3cret",
    })
    void masksTheSecretArgumentOnly(String line, String masked) {
        assertThat(Secrets.mask(line)).isEqualTo(masked);
        assertThat(Secrets.mask(line + "\r\n" + line + "\r\n")).isEqualTo(masked + "\r\n" + masked + "\r\n");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 7, 1000})
    void aPasswordCutAcrossChunksIsStillHidden(int chunk) {
        byte[] in = ("AT+FTPPW=\"s3cret\"\r\r\nOK\r\nAT+SAPBR=3,1,\"PWD\",\"pw\"\r\r\nPWD: pw\r\n")
            .getBytes(StandardCharsets.ISO_8859_1);
        Secrets.Masker m = new Secrets.Masker();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < in.length; i += chunk) {
            out.writeBytes(m.feed(in, i, Math.min(chunk, in.length - i)));
        }
        assertThat(out.toString(StandardCharsets.ISO_8859_1))
            .isEqualTo("AT+FTPPW=\"***\"\r\r\nOK\r\nAT+SAPBR=3,1,\"PWD\",\"***\"\r\r\nPWD: ***\r\n");
    }

    @Test
    void chunksWithoutSecretsAreNotCopied() {
        byte[] in = "AT+CGMM\r".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(new Secrets.Masker().feed(in, 0, in.length)).isSameAs(in);
    }

    @Test
    void requestTextAndLazyLogArgument() {
        assertThat(Secrets.maskCommand("+FTPPW=\"x\"")).isEqualTo("+FTPPW=\"***\"");
        assertThat(Secrets.masked("+SAPBR=3,1,\"PWD\",\"x\"").toString()).isEqualTo("+SAPBR=3,1,\"PWD\",\"***\"");
    }

    @Test
    void aSecretAfterALongCommandOnTheSameLineIsHidden() {
        String user = "u".repeat(900);
        assertThat(Secrets.mask("AT+FTPUN=\"" + user + "\";+FTPPW=\"s3cret\"\r"))
            .isEqualTo("AT+FTPUN=\"" + user + "\";+FTPPW=\"***\"\r");
    }

    @Test
    void linesLongerThanTheLimitAreNotParsedAndTheNextLineIs() {
        String longLine = "AT+FTPUN=\"" + "u".repeat(1100) + "\";+FTPPW=\"s3cret\"";
        assertThat(Secrets.mask(longLine + "\rAT+FTPPW=\"x\"\r")).isEqualTo(longLine + "\rAT+FTPPW=\"***\"\r");
    }

    @Test
    void binaryDataIsPassedAsItIsWithoutAllocatingPerByte() {
        byte[] data = new byte[1 << 20];
        new java.util.Random(7).nextBytes(data);
        byte[] tail = "\r\nAT+FTPPW=\"s3cret\"\r".getBytes(StandardCharsets.ISO_8859_1);
        Secrets.Masker m = new Secrets.Masker();
        m.feed(data, 0, 4096); // warm: the masker's own fixed buffers
        com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int off = 0; off < data.length; off += 1460) {
            int n = Math.min(1460, data.length - off);
            byte[] out = m.feed(data, off, n);
            assertThat(out).isEqualTo(java.util.Arrays.copyOfRange(data, off, off + n));
        }
        long perChunk = (threads.getCurrentThreadAllocatedBytes() - before) / (data.length / 1460);
        // the copy each chunk returns (offset > 0) plus the check's own copy: about 2 × 1460 bytes, not 1 per byte
        assertThat(perChunk).isLessThan(3 * 1460);
        assertThat(new String(m.feed(tail, 0, tail.length), StandardCharsets.ISO_8859_1))
            .isEqualTo("\r\nAT+FTPPW=\"***\"\r");
    }
}
