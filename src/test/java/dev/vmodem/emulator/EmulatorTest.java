package dev.vmodem.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vmodem.client.AtClient;
import dev.vmodem.config.Config;
import dev.vmodem.serial.TcpLink;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runnable emulator over real transports, as firmware sees it. */
class EmulatorTest {

    @TempDir
    Path dir;

    private Config config() {
        return Config.defaults().with("modem.state.dir", dir.resolve("state").toString())
            .with("ftp.server.root", dir.resolve("ftp").toString())
            .with("modem.boot.interval.ms", "10");
    }

    @Test
    void answersOverAPtyOpenedByPathAndSurvivesReopening() throws Exception {
        Path pty = dir.resolve("ttyTEST");
        Emulator e = new Emulator(config(), Emulator.Transport.pty(pty), false, true);
        try {
            e.start();
            assertThat(e.banner()).contains(pty.toString());
            for (int round = 0; round < 3; round++) {
                // A channel, not a FileInputStream: closing it wakes the client's blocked reader, so no reader of a
                // previous round lingers on a reused descriptor.
                // (two channels: one FileChannel serialises its reads and writes)
                try (FileChannel rd = FileChannel.open(pty, StandardOpenOption.READ);
                     FileChannel wr = FileChannel.open(pty, StandardOpenOption.WRITE);
                     AtClient at = new AtClient(Channels.newInputStream(rd), Channels.newOutputStream(wr))) {
                    if (round == 0) {
                        at.awaitLine(Pattern.compile("SMS Ready"));
                    }
                    at.drain();
                    assertThat(at.command("AT")).isEqualTo("AT\r\r\nOK\r\n");
                    assertThat(at.command("ATI")).isEqualTo("ATI\r\r\nSIM800 R14.18\r\n\r\nOK\r\n");
                    assertThat(at.command("AT+CGMM")).isEqualTo("AT+CGMM\r\r\nSIMCOM_SIM800L\r\n\r\nOK\r\n");
                    assertThat(at.command("AT+CMEE=2")).isEqualTo("AT+CMEE=2\r\r\nOK\r\n");
                    assertThat(at.command("AT+FOO")).isEqualTo("AT+FOO\r\r\nERROR\r\n");
                }
            }
        } finally {
            e.close();
        }
        assertThat(Files.exists(pty, java.nio.file.LinkOption.NOFOLLOW_LINKS)).isFalse();
    }

    @Test
    void answersOverTcp() throws Exception {
        Emulator e = new Emulator(config(), Emulator.Transport.tcp("127.0.0.1:0"), false, true);
        try {
            e.start();
            e.virtualModem().awaitReady();
            int port = ((TcpLink) e.link()).port();
            try (Socket s = new Socket("127.0.0.1", port);
                 AtClient at = new AtClient(s.getInputStream(), s.getOutputStream())) {
                // the power-on codes, written before the client connected, were held for it and come first
                assertThat(at.command("ATE0")).startsWith("\r\nRDY\r\n").contains("\r\nSMS Ready\r\n")
                    .endsWith("\r\nSMS Ready\r\nATE0\r\r\nOK\r\n");
                assertThat(at.command("AT+GCAP")).isEqualTo("\r\n+GCAP: +CGSM\r\n\r\nOK\r\n");
            }
        } finally {
            e.close();
        }
    }
}
