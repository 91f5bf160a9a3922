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
    void versionPrintsTheName() {
        assertThat(capture("--version")).startsWith("vmodem ");
    }
}
