package dev.vmodem.bench;

import dev.vmodem.client.AtClient;
import dev.vmodem.control.VirtualModem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Realistic mode ({@code modem.realistic=true}): a 100 KB download through AT+FTPGET with the gprs link, against what
 * the gprs preset predicts ({@link RealisticPrediction}: every term derived from the model's values, the baud rate
 * and the bytes of the exchange; {@code RealisticVirtualTimeTest} checks it on virtual time). The UART is paced at
 * 921600 baud here so that the link is the bottleneck the prediction describes: at 115200 baud the UART carries
 * about 11.2 KB/s of AT+FTPGET=2,1460 payload, barely more than gprs's 10.7 KB/s, and the two take turns
 * ({@code -Dvmodem.bench.baud=115200} shows it; the prediction then refuses).
 *
 * <p>Measured from {@code AT+FTPGET=1} to {@code +FTPGET: 1,0}, the host reading {@code AT+FTPGET=2,1460} blocks as
 * they come, after one warm-up download on an instant link (so class loading is not counted). With
 * {@code -Dvmodem.bench.verbose=true} the network timeline of the download is printed.
 */
final class RealisticFigures {

    static final int SIZE = 100 * 1024;

    private RealisticFigures() {
    }

    /** The measurement and the prediction it is held against. */
    record Result(double measuredMs, List<RealisticPrediction.Term> terms, int baud) {
        double predictedMs() {
            return RealisticPrediction.total(terms);
        }
    }

    static Result download(Path dir) throws Exception {
        Path root = Files.createDirectories(dir.resolve("realistic-root"));
        byte[] file = FtpFigures.data(SIZE);
        Files.write(root.resolve("fw.bin"), file);
        // warm-up: the FTP classes loaded and compiled on an instant link
        FtpFigures.getLoop(dir, 64 * 1024, FtpFigures.EMULATOR_PTY);
        int baud = Integer.getInteger("vmodem.bench.baud", 921_600);
        try (VirtualModem m = VirtualModem.builder().realistic().ftpRoot(root)
                .set("ftp.server.samples", "false").set("serial.baud", Integer.toString(baud))
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
            return new Result(ms, RealisticPrediction.download(m.network().linkModel(), baud, SIZE), baud);
        }
    }
}
