package dev.vmodem.commands.multitech;

import dev.vmodem.at.data.DleEtxEncoder;
import dev.vmodem.config.Config;
import dev.vmodem.ftp.EmbeddedFtpServer;
import dev.vmodem.testing.ModemHarness;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

/** Shared bits of the Multi-Tech tests: escaping data, and a harness with a server. */
final class MultitechSupport {

    static final byte ETX = 0x03;

    private MultitechSupport() {
    }

    /** The payload escaped, without the terminating ETX. */
    static byte[] escape(byte[] payload) {
        byte[] out = new byte[DleEtxEncoder.encodedLength(payload, 0, payload.length)];
        DleEtxEncoder.encode(payload, 0, payload.length, out, 0);
        return out;
    }

    /** The payload escaped and terminated by a bare ETX. */
    static byte[] escapeAndEnd(byte[] payload) {
        byte[] e = escape(payload);
        byte[] out = java.util.Arrays.copyOf(e, e.length + 1);
        out[e.length] = ETX;
        return out;
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int o = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, o, p.length);
            o += p.length;
        }
        return out;
    }

    static EmbeddedFtpServer server(Path root, String... userPassword) throws IOException {
        EmbeddedFtpServer.Builder b = EmbeddedFtpServer.builder(root).port(0).tls(false).seedSamples(false);
        for (int i = 0; i + 1 < userPassword.length; i += 2) {
            b.account(userPassword[i], userPassword[i + 1]);
        }
        return b.build().start();
    }

    /** A booted multitech modem on virtual time whose unnamed destinations go to {@code server}. */
    static ModemHarness harness(EmbeddedFtpServer server, Config config) {
        ModemHarness h = new ModemHarness(b -> b.profile("multitech").config(config));
        h.modem.network().setEmbeddedServer(new InetSocketAddress(server.host(), server.port()));
        return h.booted();
    }

    /**
     * Collects what the modem writes until it ends with {@code suffix} (work on other threads: FTP workers, bearer
     * activation on the virtual clock, which this keeps running), failing after 20 s of real time.
     */
    static byte[] until(ModemHarness h, byte[] suffix) {
        java.io.ByteArrayOutputStream got = new java.io.ByteArrayOutputStream();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            h.time.runDue();
            byte[] b = h.takeBytes();
            got.write(b, 0, b.length);
            byte[] all = got.toByteArray();
            if (endsWith(all, suffix)) {
                return all;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for "
                        + dev.vmodem.trace.Escaper.escape(suffix, 0, suffix.length) + "; got "
                        + dev.vmodem.trace.Escaper.escape(all, Math.max(0, all.length - 300),
                        Math.min(all.length, 300)));
            }
            if (b.length == 0) {
                Thread.yield();
            }
        }
    }

    static byte[] until(ModemHarness h, String suffix) {
        return until(h, ascii(suffix));
    }

    static String text(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    private static boolean endsWith(byte[] all, byte[] suffix) {
        if (all.length < suffix.length) {
            return false;
        }
        for (int i = 0; i < suffix.length; i++) {
            if (all[all.length - suffix.length + i] != suffix[i]) {
                return false;
            }
        }
        return true;
    }
}
