package dev.vmodem.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MainTest {

    private static String capture(String... args) {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            assertThat(Main.run(args)).isZero();
        } finally {
            System.setOut(old);
        }
        return buf.toString(StandardCharsets.UTF_8);
    }

    @Test
    void helpListsEveryOptionWithItsDefault() {
        String help = capture("--help");
        assertThat(help).contains("--pty", "/tmp/ttyVMODEM0", "--tcp", "--serial", "--baud", "115200", "--profile",
            "--config", "--log-level", "--trace", "--ftp-root", "--version", "--control", "--control-token",
            "--scenario", "--record");
    }

    @Test
    void helpWrapsAtEightyColumns() {
        assertThat(capture("-h").lines()).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(80));
    }

    private static String[] failure(String... args) {
        PrintStream old = System.err;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            assertThat(Main.run(args)).isEqualTo(2);
        } finally {
            System.setErr(old);
        }
        return buf.toString(StandardCharsets.UTF_8).split(System.lineSeparator());
    }

    @Test
    void mistakesOnTheCommandLineSayWhichOptionAndExitWithTwo() {
        assertThat(failure("--bogus")).containsExactly("vmodem: unknown option '--bogus'",
            "Try 'vmodem --help' for the options.");
        assertThat(failure("stray")[0]).isEqualTo("vmodem: unexpected argument 'stray'");
        assertThat(failure("--pty")[0]).isEqualTo("vmodem: option '--pty' needs a value (PATH)");
        assertThat(failure("--baud", "fast")[0]).isEqualTo("vmodem: option '--baud': 'fast' is not a whole number");
        assertThat(failure("--ftp-port=x")[0]).isEqualTo("vmodem: option '--ftp-port': 'x' is not a whole number");
        assertThat(failure("--quiet=yes")[0]).isEqualTo("vmodem: option '--quiet' takes no value");
        assertThat(failure("--tcp", "1", "--serial", "/dev/x")[0]).isEqualTo("vmodem: choose one of --tcp and --serial");
        assertThat(failure("--pty", "/a", "--pty", "/b")[0]).isEqualTo("vmodem: option '--pty' given more than once");
        assertThat(failure("--log-level", "LOUD")[0])
            .isEqualTo("vmodem: option '--log-level': 'LOUD' is not one of ERROR, WARN, INFO, DEBUG, TRACE");
    }

    @Test
    void optionsTakeTheirValueAfterASpaceOrAnEqualsSign() {
        Main m = new Main();
        m.parse("--tcp=127.0.0.1:0", "--baud", "9600", "--log-level=debug", "--quiet", "--trace", "--ftp-port", "21",
            "--state-dir", "s", "--no-ftp-server", "--realistic", "--pace", "--profile=multitech");
        assertThat(m.tcp).isEqualTo("127.0.0.1:0");
        assertThat(m.baud).isEqualTo(9600);
        assertThat(m.logLevel).isEqualTo("DEBUG");
        assertThat(m.quiet).isTrue();
        assertThat(m.trace).isTrue();
        assertThat(m.ftpPort).isEqualTo(21);
        assertThat(m.stateDir).isEqualTo(java.nio.file.Path.of("s"));
        assertThat(m.noFtpServer).isTrue();
        assertThat(m.realistic).isTrue();
        assertThat(m.pace).isTrue();
        assertThat(m.profile).isEqualTo("multitech");
        assertThat(m.pty).isEqualTo(java.nio.file.Path.of("/tmp/ttyVMODEM0"));
    }

    @Test
    void versionPrintsTheName() {
        assertThat(capture("--version")).startsWith("vmodem ");
    }
}
