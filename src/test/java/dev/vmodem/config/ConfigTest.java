package dev.vmodem.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vmodem.testing.ModemHarness;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigTest {

    @TempDir
    Path dir;

    @Test
    void defaultsComeFromTheShippedFile() throws Exception {
        Config c = Config.defaults();
        assertThat(c.get("modem.profile")).isEqualTo("sim800");
        assertThat(c.getInt("modem.boot.interval.ms", -1)).isEqualTo(100);
        // every key of config/vmodem.properties is a default
        String shipped = Files.readString(Path.of("config/vmodem.properties"));
        for (String line : shipped.split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                assertThat(c.values()).containsKey(line.substring(0, line.indexOf('=')).trim());
            }
        }
    }

    @Test
    void aFileOverridesDefaultsAndReachesTheModem() throws Exception {
        Path f = dir.resolve("my.properties");
        Files.writeString(f, "identity.imei=123456789012345\nidentity.model=MY_MODEM\nmodem.boot.interval.ms=5\n");
        Config c = Config.defaults().withFile(f);
        assertThat(c.getInt("modem.boot.interval.ms", 0)).isEqualTo(5);
        try (ModemHarness h = new ModemHarness(b -> b.config(c)).booted()) {
            assertThat(h.exchange("AT+CGSN\r")).isEqualTo("AT+CGSN\r\r\n123456789012345\r\n\r\nOK\r\n");
            assertThat(h.exchange("AT+CGMM\r")).isEqualTo("AT+CGMM\r\r\nMY_MODEM\r\n\r\nOK\r\n");
        }
    }

    @Test
    void aNonNumberForANumericSettingNamesTheKey() {
        Config c = Config.defaults().with("serial.baud", "fast");
        assertThatThrownBy(() -> c.getInt("serial.baud", 0)).hasMessageContaining("serial.baud=fast");
    }

    @Test
    void aValueOutOfItsRangeNamesTheKeyAndTheRange() {
        Config c = Config.defaults().with("ftp.put.maxlength", "0");
        assertThatThrownBy(() -> c.getInt("ftp.put.maxlength", 1360, 1, 65535))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("setting ftp.put.maxlength=0 is out of range (1 to 65535)");
        assertThat(c.with("ftp.put.maxlength", "65535").getInt("ftp.put.maxlength", 1360, 1, 65535)).isEqualTo(65535);
        assertThat(Config.defaults().getInt("ftp.put.maxlength", 1360, 1, 65535)).isEqualTo(1360);
    }

    /** The FTP buffers' sizes are bounded: a modem with one out of range is not built. */
    @Test
    void theFtpBufferSizesAreBounded() {
        for (String[] bad : new String[][] {{"ftp.get.buffer.bytes", "0", "1 to 1048576"},
                {"ftp.get.buffer.bytes", "1048577", "1 to 1048576"}, {"ftp.put.maxlength", "-1", "1 to 65535"},
                {"ftp.put.maxlength", "65536", "1 to 65535"}}) {
            Config c = Config.defaults().with(bad[0], bad[1]);
            assertThatThrownBy(() -> new ModemHarness(b -> b.config(c)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("setting " + bad[0] + "=" + bad[1] + " is out of range (" + bad[2] + ")");
        }
    }
}
