package dev.vmodem.ftp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;

/** Shared bits of the FTP tests. */
final class FtpTestSupport {

    /** One certificate for the whole test run: keytool takes about a second. */
    static final Path KEYSTORE = Path.of("target", "test-ftps.p12").toAbsolutePath();

    static final Duration SHORT = Duration.ofMillis(400);

    private FtpTestSupport() {
    }

    /** Reads a download to its end in blocks of 1460 bytes, as AT+FTPGET=2,1460 would. */
    static byte[] readAll(FtpDownload d) throws FtpException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] block = new byte[1460];
        int n;
        while ((n = d.read(block, 0, block.length)) >= 0) {
            assertThat(n).isPositive();
            out.write(block, 0, n);
        }
        assertThat(d.isFinished()).isTrue();
        return out.toByteArray();
    }

    /** Writes data in blocks of 1360 bytes, as AT+FTPPUT=2,1360 would, then finishes. */
    static String writeAll(FtpUpload u, byte[] data) throws FtpException {
        for (int off = 0; off < data.length; off += 1360) {
            u.write(data, off, Math.min(1360, data.length - off));
        }
        return u.finish();
    }

    static void assertSameBytes(byte[] actual, byte[] expected) {
        assertThat(actual.length).as("length").isEqualTo(expected.length);
        int mismatch = Arrays.mismatch(actual, expected);
        assertThat(mismatch).as("first differing byte").isEqualTo(-1);
    }
}
