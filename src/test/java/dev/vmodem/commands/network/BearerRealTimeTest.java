package dev.vmodem.commands.network;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vmodem.client.AtClient;
import dev.vmodem.config.Config;
import dev.vmodem.modem.Modem;
import dev.vmodem.serial.PipeLink;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * AT+SAPBR on the real clock with the instant link: activation completes on the timer thread at once, racing the
 * handler that asked for it. Every answer must arrive exactly once.
 */
class BearerRealTimeTest {

    @Test
    void instantActivationOnTheRealClockAnswersEveryTimeExactlyOnce() throws Exception {
        try (Modem modem = Modem.builder().config(Config.defaults().with("modem.boot.interval.ms", "1")).build()) {
            PipeLink pipe = new PipeLink();
            modem.start(pipe);
            try (AtClient at = new AtClient(pipe.hostInput(), pipe.hostOutput())) {
                at.awaitLine(Pattern.compile("SMS Ready"));
                at.drain();
                assertThat(at.command("ATE0")).isEqualTo("ATE0\r\r\nOK\r\n");
                for (int i = 0; i < 200; i++) {
                    int cid = 1 + i % 3;
                    // open, query and close on one line: a lost completion would hang the line
                    assertThat(at.command("AT+SAPBR=1," + cid + ";+SAPBR=2," + cid + ";+SAPBR=0," + cid))
                        .as("round %d", i)
                        .isEqualTo("\r\n+SAPBR: " + cid + ",1,\"10.89.193.1\"\r\n\r\nOK\r\n");
                }
                assertThat(at.command("AT+SAPBR=2,1")).isEqualTo("\r\n+SAPBR: 1,3,\"0.0.0.0\"\r\n\r\nOK\r\n");
                assertThat(at.drain()).isEmpty();
            }
        }
    }
}
