package dev.vmodem.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vmodem.config.Config;
import dev.vmodem.config.Realistic;
import dev.vmodem.control.VirtualModem;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@code modem.realistic=true}: the power-on codes at a SIM800's times, the gprs link, a paced UART. */
class RealisticModeTest {

    @Test
    void theSwitchSetsTheGprsLinkAPacedUartAndTheBootSchedule() throws Exception {
        Config c = Realistic.apply(Config.defaults().with("modem.realistic", "true"));
        assertThat(c.get("link.preset")).isEqualTo("gprs");
        assertThat(c.getBoolean("serial.pacing", false)).isTrue();
        assertThat(c.get("modem.boot.schedule.ms")).isEqualTo(Realistic.BOOT_SCHEDULE);
        assertThat(Realistic.apply(Config.defaults()).values()).isEqualTo(Config.defaults().values());
        try (VirtualModem m = VirtualModem.builder().realistic().start()) {          // real time: pacing sleeps
            assertThat(m.link().description()).endsWith("paced at 115200 baud");
            assertThat(m.state().link()).isEqualTo("gprs");
            assertThat(m.transcript().urcs()).isEmpty();                            // RDY comes after 1.5 s
        }
    }

    @Test
    void powersOnAtASim800sPace() throws Exception {
        // the boot schedule alone, on virtual time (a paced UART on virtual time needs its own driver: PacedLinkTest)
        try (VirtualModem m = VirtualModem.builder().virtualTime()
                .set("modem.boot.schedule.ms", Realistic.BOOT_SCHEDULE).start()) {
            m.time().advance(Duration.ofMillis(1400));
            assertThat(m.transcript().urcs()).isEmpty();
            m.time().advance(Duration.ofMillis(200));                    // 1.6 s
            assertThat(m.transcript().urcs()).containsExactly("RDY");
            m.time().advance(Duration.ofMillis(1000));                   // 2.6 s
            assertThat(m.transcript().urcs()).containsExactly("RDY", "+CFUN: 1", "+CPIN: READY");
            m.time().advance(Duration.ofMillis(4500));                   // 7.1 s
            assertThat(m.transcript().urcs()).doesNotContain("SMS Ready");
            m.time().advance(Duration.ofMillis(1000));                   // 8.1 s
            assertThat(m.transcript().urcs()).endsWith("SMS Ready");
        }
    }

    @Test
    void defaultsStayInstant() throws Exception {
        try (VirtualModem m = VirtualModem.builder().virtualTime().start()) {
            assertThat(m.state().link()).isEqualTo("instant");
            assertThat(m.link().description()).doesNotContain("paced");
            m.time().advance(Duration.ofMillis(500));
            assertThat(m.transcript().urcs()).endsWith("SMS Ready");
        }
    }
}
