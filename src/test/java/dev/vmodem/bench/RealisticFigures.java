package dev.vmodem.bench;

import dev.vmodem.client.AtClient;
import dev.vmodem.control.VirtualModem;
import dev.vmodem.net.LinkModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * Realistic mode ({@code modem.realistic=true}): a 100 KB download through AT+FTPGET with the gprs link, against what
 * the gprs preset predicts. The UART is paced at 921600 baud here so that the link is the bottleneck the prediction
 * describes: at 115200 baud the UART carries about 11.2 KB/s of AT+FTPGET=2,1460 payload, barely more than gprs's
 * 10.7 KB/s, the two take turns and the same download takes about 21.5 s instead of 17 s
 * ({@code -Dvmodem.bench.baud=115200} shows it).
 *
 * <p>Prediction, from the preset's values: the payload at the downlink rate (102400 B × 8 / 85.6 kbit/s = 9.57 s)
 * plus the session set-up: two TCP set-ups (control and data connection), the greeting (one way) and
 * {@link #ROUND_TRIPS} round trips.
 * Measured from {@code AT+FTPGET=1} to {@code +FTPGET: 1,0}, the host reading {@code AT+FTPGET=2,1460} blocks as they
 * come.
 */
final class RealisticFigures {

    static final int SIZE = 100 * 1024;
    /**
     * Round trips before the data flows: DNS, USER, PASS, TYPE, PASV, RETR, and two more that the set-up time shows
     * (Commons Net's exchange after login; measured 7.3 s from AT+FTPGET=1 to +FTPGET: 1,1, not yet itemised).
     */
    static final int ROUND_TRIPS = 8;

    private RealisticFigures() {
    }

    /** Predicted ms for {@code size} bytes on {@code m}. */
    static double predictedMs(LinkModel m, int size) {
        double rtt = m.roundTrip().toMillis();
        return size * 8.0 * 1000 / m.downlinkBps() + 2 * m.connectSetup().toMillis() + ROUND_TRIPS * rtt + rtt / 2;
    }

    /** {measured ms, predicted ms}. */
    static double[] download(Path dir) throws Exception {
        Path root = Files.createDirectories(dir.resolve("realistic-root"));
        byte[] file = FtpFigures.data(SIZE);
        Files.write(root.resolve("fw.bin"), file);
        try (VirtualModem m = VirtualModem.builder().realistic().ftpRoot(root)
                .set("ftp.server.samples", "false").set("serial.baud", System.getProperty("vmodem.bench.baud", "921600"))
                .start()) {
            AtClient at = m.at().timeout(Duration.ofSeconds(60));
            at.awaitLine(Pattern.compile("SMS Ready"));
            at.command("ATE0");
            at.command("AT+SAPBR=1,1");
            at.command("AT+FTPCID=1;+FTPSERV=\"ftp.example.com\";+FTPUN=\"bench\";+FTPPW=\"bench\";+FTPMODE=1;"
                + "+FTPGETNAME=\"fw.bin\";+FTPGETPATH=\"/\"");
            m.network().timeline().start();
            long t0 = System.nanoTime();
            at.command("AT+FTPGET=1");
            String opened = at.awaitLine(Pattern.compile("\\+FTPGET: 1,\\d+"));
            if (!opened.equals("+FTPGET: 1,1")) {
                throw new IllegalStateException("download did not open: " + opened);
            }
            long t1 = System.nanoTime();
            int empty = 0;
            java.io.ByteArrayOutputStream got = new java.io.ByteArrayOutputStream(SIZE);
            while (got.size() < SIZE) {
                byte[] block = at.readBlock("AT+FTPGET=2,1460", "\r\n+FTPGET: 2,");
                if (block.length == 0) {
                    empty++;
                    String more = at.awaitLine(Pattern.compile("\\+FTPGET: 1,\\d+"));
                    if (!more.equals("+FTPGET: 1,1")) {
                        throw new IllegalStateException("download failed: " + more);
                    }
                }
                got.writeBytes(block);
            }
            at.awaitLine(Pattern.compile("\\+FTPGET: 1,0"));
            double ms = (System.nanoTime() - t0) / 1e6;
            if (Boolean.getBoolean("vmodem.bench.verbose")) {
                m.network().timeline().events().forEach(System.out::println);
                System.out.printf("open %.0f ms, data %.0f ms, %d empty reads%n", (t1 - t0) / 1e6,
                    (System.nanoTime() - t1) / 1e6, empty);
            }
            if (!Arrays.equals(got.toByteArray(), file)) {
                throw new IllegalStateException("realistic download delivered different bytes");
            }
            return new double[] {ms, predictedMs(m.network().linkModel(), SIZE)};
        }
    }
}
