package dev.vmodem.commands.ftp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vmodem.client.AtClient;
import dev.vmodem.config.Config;
import dev.vmodem.emulator.Emulator;
import dev.vmodem.testing.TestBytes;
import java.io.ByteArrayOutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The FTP commands as firmware uses them: the whole emulator on a real pseudo-terminal, real time, the embedded FTP
 * server, a host name that the default route sends there, and a 10 MB file compared byte for byte.
 */
class FtpOverPtyTest {

    static final int SIZE = 10 * 1024 * 1024;

    @TempDir
    Path dir;
    Emulator emulator;
    FileChannel rd;
    FileChannel wr;
    AtClient at;
    Path root;

    @BeforeEach
    void start() throws Exception {
        root = Files.createDirectories(dir.resolve("ftp"));
        Path pty = dir.resolve("ttyFTP");
        emulator = new Emulator(Config.defaults().with("modem.state.dir", dir.resolve("state").toString())
            .with("ftp.server.root", root.toString()).with("ftp.server.samples", "false")
            .with("modem.boot.interval.ms", "0"), Emulator.Transport.pty(pty), false, true);
        emulator.start();
        rd = FileChannel.open(pty, StandardOpenOption.READ);
        wr = FileChannel.open(pty, StandardOpenOption.WRITE);
        at = new AtClient(Channels.newInputStream(rd), Channels.newOutputStream(wr)).timeout(Duration.ofSeconds(30));
        at.command("ATE0");
        at.drain();
        assertThat(at.command("AT+SAPBR=1,1")).isEqualTo("\r\nOK\r\n");
        for (String c : new String[] {"AT+FTPCID=1", "AT+FTPSERV=\"ftp.example.com\"", "AT+FTPUN=\"anyone\"",
            "AT+FTPPW=\"secret\"", "AT+FTPGETPATH=\"/\"", "AT+FTPPUTPATH=\"/\""}) {
            assertThat(at.command(c)).isEqualTo("\r\nOK\r\n");
        }
    }

    @AfterEach
    void stop() throws Exception {
        at.close();
        rd.close();
        wr.close();
        emulator.close();
    }

    @Test
    void getLoopInActiveModeDeliversTenMegabytesExactly() throws Exception {
        byte[] file = TestBytes.file(SIZE);
        Files.write(root.resolve("big.bin"), file);
        at.command("AT+FTPMODE=0");
        at.command("AT+FTPGETNAME=\"big.bin\"");
        assertThat(at.command("AT+FTPGET=1")).isEqualTo("\r\nOK\r\n");
        at.awaitLine(Pattern.compile("\\+FTPGET: 1,1"));
        ByteArrayOutputStream got = new ByteArrayOutputStream(SIZE);
        long t0 = System.nanoTime();
        while (got.size() < SIZE) {
            byte[] block = at.readBlock("AT+FTPGET=2,1460", "\r\n+FTPGET: 2,");
            got.write(block);
        }
        at.awaitLine(Pattern.compile("\\+FTPGET: 1,0"));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertThat(got.toByteArray()).isEqualTo(file);
        assertThat(at.command("AT+FTPSTATE")).isEqualTo("\r\n+FTPSTATE: 0\r\n\r\nOK\r\n");
        System.out.printf("FTPGET loop over a pty, active mode: %d bytes in %d ms%n", SIZE, ms);
    }

    @Test
    void putLoopInPassiveModeStoresTenMegabytesExactly() throws Exception {
        byte[] file = TestBytes.file(SIZE);
        at.command("AT+FTPMODE=1");
        at.command("AT+FTPPUTNAME=\"up.bin\"");
        assertThat(at.command("AT+FTPPUT=1")).isEqualTo("\r\nOK\r\n");
        String ready = at.awaitLine(Pattern.compile("\\+FTPPUT: 1,1,\\d+"));
        int max = Integer.parseInt(ready.substring(ready.lastIndexOf(',') + 1));
        for (int off = 0; off < SIZE; off += max) {
            int n = Math.min(max, SIZE - off);
            at.send("AT+FTPPUT=2," + n + "\r");
            at.expect("\r\n+FTPPUT: 2," + n + "\r\n");
            at.send(java.util.Arrays.copyOfRange(file, off, off + n));
            at.expect("\r\nOK\r\n");
            at.expect("\r\n+FTPPUT: 1,1," + max + "\r\n");
        }
        assertThat(at.command("AT+FTPPUT=2,0")).isEqualTo("\r\nOK\r\n");
        at.awaitLine(Pattern.compile("\\+FTPPUT: 1,0"));
        assertThat(Files.readAllBytes(root.resolve("up.bin"))).isEqualTo(file);
    }

    @Test
    void etgetStreamsTenMegabytesWithDleEscapes() throws Exception {
        byte[] file = TestBytes.file(SIZE);
        Files.write(root.resolve("big.bin"), file);
        at.command("AT+FTPMODE=1");
        at.command("AT+FTPGETNAME=\"big.bin\"");
        at.send("AT+FTPETGET=1\r");
        at.expect("\r\nOK\r\n\r\n+FTPETGET: 1,1\r\n");
        byte[] got = at.readDleEtx();
        at.expect("\r\n+FTPETGET: 1,0\r\n");
        assertThat(got).isEqualTo(file);
    }

    @Test
    void aHostThatClosesThePtyMidDownloadAndComesBackLosesNothing() throws Exception {
        int size = 1024 * 1024;
        byte[] file = TestBytes.file(size);
        Files.write(root.resolve("mid.bin"), file);
        at.command("AT+FTPMODE=1");
        at.command("AT+FTPGETNAME=\"mid.bin\"");
        assertThat(at.command("AT+FTPGET=1")).isEqualTo("\r\nOK\r\n");
        at.awaitLine(Pattern.compile("\\+FTPGET: 1,1"));
        ByteArrayOutputStream got = new ByteArrayOutputStream(size);
        for (int i = 0; i < 100; i++) {
            got.write(at.readBlock("AT+FTPGET=2,1460", "\r\n+FTPGET: 2,"));
        }

        // the host goes away between two reads (its program exits) and a new one opens the same path
        at.close();
        rd.close();
        wr.close();
        Path pty = dir.resolve("ttyFTP");
        rd = FileChannel.open(pty, StandardOpenOption.READ);
        wr = FileChannel.open(pty, StandardOpenOption.WRITE);
        at = new AtClient(Channels.newInputStream(rd), Channels.newOutputStream(wr)).timeout(Duration.ofSeconds(30));

        // what the modem buffered is still there: the new host reads on and gets every byte once, in order
        while (got.size() < size) {
            got.write(at.readBlock("AT+FTPGET=2,1460", "\r\n+FTPGET: 2,"));
        }
        at.awaitLine(Pattern.compile("\\+FTPGET: 1,0"));
        assertThat(got.toByteArray()).isEqualTo(file);
        assertThat(at.command("AT+FTPSTATE")).endsWith("\r\n+FTPSTATE: 0\r\n\r\nOK\r\n");
    }
}
