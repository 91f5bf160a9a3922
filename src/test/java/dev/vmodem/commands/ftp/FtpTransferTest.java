package dev.vmodem.commands.ftp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vmodem.at.data.DleEtxDecoder;
import dev.vmodem.at.data.DleEtxEncoder;
import dev.vmodem.testing.TestBytes;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Byte-exact transfers of binary files (all 256 values, runs of DLE and ETX) through every method. */
class FtpTransferTest {

    private static final String OK = "\r\nOK\r\n";

    @TempDir
    Path dir;

    private FtpHarness harness() {
        FtpHarness h = new FtpHarness(dir);
        h.login();
        h.command("AT+FTPGETNAME=\"f.bin\"", OK);
        h.command("AT+FTPPUTNAME=\"up.bin\"", OK);
        return h;
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 1459, 1460, 1461, 307_200, 10 * 1024 * 1024})
    void getAndPut(int size) {
        byte[] data = TestBytes.file(size);
        try (FtpHarness h = harness()) {
            h.put("f.bin", data);
            h.command("AT+FTPGET=1", OK);
            if (size == 0) {
                h.expect("\r\n+FTPGET: 1,0\r\n"); // an empty file: finished at once
            } else {
                h.expect("\r\n+FTPGET: 1,1\r\n");
                assertThat(h.readAll("AT+FTPGET=2,1460", "+FTPGET", size)).isEqualTo(data);
            }
            h.command("AT+FTPPUT=1", OK);
            h.expect("\r\n+FTPPUT: 1,1,1360\r\n");
            for (int off = 0; off < size; off += 1360) {
                int n = Math.min(1360, size - off);
                h.command("AT+FTPPUT=2," + n, "\r\n+FTPPUT: 2," + n + "\r\n");
                h.send(java.util.Arrays.copyOfRange(data, off, off + n));
                h.expect(OK + "\r\n+FTPPUT: 1,1,1360\r\n");
            }
            h.command("AT+FTPPUT=2,0", OK);
            h.expect("\r\n+FTPPUT: 1,0\r\n");
            assertThat(h.serverFile("up.bin")).isEqualTo(data);
        }
    }

    /**
     * ftp.put.maxlength sets the block the host may send: it is announced, a longer block is refused, and blocks of
     * that length reach the server byte for byte, several to a write (short blocks) or each alone (the longest).
     */
    @ParameterizedTest
    @ValueSource(ints = {100, 65535})
    void putWithAnotherMaxLength(int max) {
        byte[] data = TestBytes.file(3 * max + 7);
        try (FtpHarness h = new FtpHarness(dir, o -> o.config.put("ftp.put.maxlength", String.valueOf(max)))) {
            h.login();
            h.command("AT+FTPPUTNAME=\"up.bin\"", OK);
            h.command("AT+FTPPUT=1", OK);
            h.expect("\r\n+FTPPUT: 1,1," + max + "\r\n");
            h.command("AT+FTPPUT=2," + (max + 1), "\r\nERROR\r\n");
            for (int off = 0; off < data.length; off += max) {
                int n = Math.min(max, data.length - off);
                h.command("AT+FTPPUT=2," + n, "\r\n+FTPPUT: 2," + n + "\r\n");
                h.send(java.util.Arrays.copyOfRange(data, off, off + n));
                h.expect(OK + "\r\n+FTPPUT: 1,1," + max + "\r\n");
            }
            h.command("AT+FTPPUT=2,0", OK);
            h.expect("\r\n+FTPPUT: 1,0\r\n");
            assertThat(h.serverFile("up.bin")).isEqualTo(data);
        }
    }

    /**
     * A file one byte larger than the 300 KB RAM buffer: {@code +FTPEXTGET: 1,79}, the buffer keeps the first 307200
     * bytes (readable with AT+FTPEXTGET=3), the session is over and the next AT+FTPEXTGET=1 works.
     */
    @ParameterizedTest
    @ValueSource(ints = {307_201, 400_000})
    void extGetOfAFileLargerThanTheRamBufferFailsCleanly(int size) {
        byte[] data = TestBytes.file(size);
        try (FtpHarness h = harness()) {
            h.put("f.bin", data);
            h.command("AT+FTPEXTGET=1", OK);
            h.expect("\r\n+FTPEXTGET: 1,79\r\n");
            h.command("AT+FTPSTATE", "\r\n+FTPSTATE: 0\r\n" + OK);
            h.command("AT+FTPEXTGET?", "\r\n+FTPEXTGET: 0,307200\r\n" + OK);
            byte[] tail = h.readBlock("AT+FTPEXTGET=3,307100,1000", "+FTPEXTGET: 3,");
            assertThat(tail).isEqualTo(java.util.Arrays.copyOfRange(data, 307_100, 307_200));
            h.command("AT+FTPEXTGET=3,307200,1", "\r\nERROR\r\n");
            h.command("AT+FTPEXTGET=0", OK);
            h.command("AT+FTPEXTGET?", "\r\n+FTPEXTGET: 0,0\r\n" + OK);

            byte[] small = TestBytes.file(3000);
            h.put("f.bin", small);
            h.command("AT+FTPEXTGET=1", OK);
            h.expect("\r\n+FTPEXTGET: 1,0\r\n");
            h.command("AT+FTPEXTGET?", "\r\n+FTPEXTGET: 0,3000\r\n" + OK);
            assertThat(h.readBlock("AT+FTPEXTGET=3,0,3000", "+FTPEXTGET: 3,")).isEqualTo(small);
            h.command("AT+FTPEXTGET=0", OK);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 1459, 1460, 1461, 307_200})
    void extGetAndExtPut(int size) {
        byte[] data = TestBytes.file(size);
        try (FtpHarness h = harness()) {
            h.put("f.bin", data);
            h.command("AT+FTPEXTGET=1", OK);
            h.expect("\r\n+FTPEXTGET: 1,0\r\n");
            h.command("AT+FTPEXTGET?", "\r\n+FTPEXTGET: 0," + size + "\r\n" + OK);
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            for (int pos = 0; pos < size; pos += 100_000) {
                byte[] b = h.readBlock("AT+FTPEXTGET=3," + pos + ",100000", "+FTPEXTGET: 3,");
                got.write(b, 0, b.length);
            }
            assertThat(got.toByteArray()).isEqualTo(data);
            h.command("AT+FTPEXTGET=0", OK);

            h.command("AT+FTPEXTPUT=1", OK);
            h.command("AT+FTPEXTPUT=2,0," + size + ",10000", "\r\n+FTPEXTPUT: 0," + size + "\r\n");
            h.send(data);
            if (size > 0) {
                h.expect(OK);
            } else {
                h.expect(OK);
            }
            h.command("AT+FTPPUT=1", OK);
            h.expect("\r\n+FTPPUT: 1,0\r\n");
            h.command("AT+FTPEXTPUT=0", OK);
            assertThat(h.serverFile("up.bin")).isEqualTo(data);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 1459, 1460, 1461, 307_200, 10 * 1024 * 1024})
    void etGetAndEtPut(int size) {
        byte[] data = TestBytes.file(size);
        try (FtpHarness h = harness()) {
            h.put("f.bin", data);
            h.command("AT+FTPETGET=1", OK);
            h.expect("\r\n+FTPETGET: 1,1\r\n");
            DleEtxDecoder dec = new DleEtxDecoder();
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            byte[] out = new byte[1 << 16];
            while (!dec.isEnded()) {
                byte[] in = h.readSome(1 << 16);
                int n = dec.decode(in, 0, in.length, out, 0, out.length);
                got.write(out, 0, n);
                if (dec.consumed() < in.length) {
                    h.unread(in.length - dec.consumed());
                }
            }
            h.expect("\r\n+FTPETGET: 1,0\r\n");
            assertThat(got.toByteArray()).isEqualTo(data);

            h.command("AT+FTPETPUT=1", OK);
            h.expect("\r\n+FTPETPUT: 1,1\r\n");
            h.command("AT+FTPETPUT=2", "\r\n+FTPETPUT: 2,1\r\n");
            byte[] enc = new byte[DleEtxEncoder.maxEncodedLength(size) + 1];
            int m = DleEtxEncoder.encode(data, 0, size, enc, 0);
            m += DleEtxEncoder.end(enc, m);
            byte[] wire = new byte[m + 3];
            System.arraycopy(enc, 0, wire, 0, m);
            wire[m] = 'A';
            wire[m + 1] = 'T';
            wire[m + 2] = '\r'; // leftover after the ETX: a command again
            h.send(wire);
            h.expect(OK + "AT\r" + OK);
            h.expect("\r\n+FTPETPUT: 1,0\r\n");
            assertThat(h.serverFile("up.bin")).isEqualTo(data);
        }
    }
}
