package dev.vmodem.commands.network;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vmodem.client.AtClient;
import dev.vmodem.config.Config;
import dev.vmodem.emulator.Emulator;
import dev.vmodem.net.ActiveFault;
import dev.vmodem.net.Fault;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The network commands over a real pseudo-terminal and the real clock, as firmware sees them. */
class NetworkOverPtyTest {

    @TempDir
    Path dir;

    @Test
    void bearerLifecycleAndUrcsOverAPty() throws Exception {
        Path pty = dir.resolve("ttyNET");
        Config config = Config.defaults().with("modem.state.dir", dir.resolve("state").toString())
            .with("modem.boot.interval.ms", "10")
            .with("link.preset", "gprs").with("link.activation.ms", "300").with("link.deactivation.ms", "100")
            .with("network.apn.allow", "internet");
        Emulator e = new Emulator(config, Emulator.Transport.pty(pty), false, true);
        try {
            e.start();
            try (FileChannel rd = FileChannel.open(pty, StandardOpenOption.READ);
                 FileChannel wr = FileChannel.open(pty, StandardOpenOption.WRITE);
                 AtClient at = new AtClient(Channels.newInputStream(rd), Channels.newOutputStream(wr))) {
                at.awaitLine(Pattern.compile("SMS Ready"));
                at.drain();
                assertThat(at.command("AT+CREG=1")).isEqualTo("AT+CREG=1\r\r\nOK\r\n");
                assertThat(at.command("AT+CREG?")).isEqualTo("AT+CREG?\r\r\n+CREG: 1,1\r\n\r\nOK\r\n");
                assertThat(at.command("AT+CSQ")).isEqualTo("AT+CSQ\r\r\n+CSQ: 20,0\r\n\r\nOK\r\n");
                assertThat(at.command("AT+CGATT?")).isEqualTo("AT+CGATT?\r\r\n+CGATT: 1\r\n\r\nOK\r\n");

                // the default APN is not on the allow-list: the network says no after the activation time
                long t0 = System.nanoTime();
                assertThat(at.command("AT+SAPBR=1,1")).isEqualTo("AT+SAPBR=1,1\r\r\nERROR\r\n");
                assertThat((System.nanoTime() - t0) / 1_000_000).isGreaterThanOrEqualTo(250);

                assertThat(at.command("AT+SAPBR=3,1,\"APN\",\"internet\"")).endsWith("\r\nOK\r\n");
                assertThat(at.command("AT+SAPBR=1,1")).isEqualTo("AT+SAPBR=1,1\r\r\nOK\r\n");
                assertThat(at.command("AT+SAPBR=2,1"))
                    .isEqualTo("AT+SAPBR=2,1\r\r\n+SAPBR: 1,1,\"10.89.193.1\"\r\n\r\nOK\r\n");
                assertThat(at.command("AT+CMEE=2;+SAPBR=1,1"))
                    .isEqualTo("AT+CMEE=2;+SAPBR=1,1\r\r\n+CME ERROR: operation not allowed\r\n");

                ActiveFault loss = e.modem().network().faults().inject(Fault.coverageLoss());
                at.expect("\r\n+CREG: 2\r\n\r\n+SAPBR 1: DEACT\r\n");
                loss.clear();
                at.expect("\r\n+CREG: 1\r\n");
                assertThat(at.command("AT+SAPBR=0,1")).isEqualTo("AT+SAPBR=0,1\r\r\nERROR\r\n");

                assertThat(at.command("AT+SAPBR=1,1")).isEqualTo("AT+SAPBR=1,1\r\r\nOK\r\n");
                assertThat(at.command("AT+CFUN=0"))
                    .isEqualTo("AT+CFUN=0\r\r\n+SAPBR 1: DEACT\r\n\r\n+CPIN: NOT READY\r\n\r\nOK\r\n");
                at.expect("\r\n+CREG: 0\r\n");
                assertThat(at.command("AT+SAPBR=4,1")).isEqualTo("AT+SAPBR=4,1\r\r\n+SAPBR:\r\nCONTYPE: GPRS\r\n"
                    + "APN: internet\r\nPHONENUM: \r\nUSER: \r\nPWD: \r\nRATE: 2\r\n\r\nOK\r\n");
            }
        } finally {
            e.close();
        }
    }
}
