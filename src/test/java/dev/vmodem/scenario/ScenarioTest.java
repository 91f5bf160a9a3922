package dev.vmodem.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vmodem.cli.Main;
import dev.vmodem.control.VirtualModem;
import dev.vmodem.net.Fault;
import dev.vmodem.net.RegStatus;
import dev.vmodem.trace.Transcript;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scenarios on virtual time: overrides, delays, timed and command-triggered events. */
class ScenarioTest {

    private VirtualModem m;

    @BeforeEach
    void start() throws IOException {
        m = VirtualModem.builder().virtualTime().start().awaitReady();
    }

    @AfterEach
    void stop() {
        m.close();
    }

    private String at(String line) {
        return m.at().command(line);
    }

    @Test
    void aLastingOverrideAnswersEveryTimeAndAOneShotOnce() {
        m.loadScenario("""
            overrides:
              - command: AT+CGMM
                response: ["SIM900"]
              - command: +CGMR
                response: "Revision:FAKE"
                times: 1
            """);
        assertThat(at("AT+CGMM")).isEqualTo("AT+CGMM\r\r\nSIM900\r\n\r\nOK\r\n");
        assertThat(at("at+cgmm")).isEqualTo("at+cgmm\r\r\nSIM900\r\n\r\nOK\r\n");
        assertThat(at("AT+CGMR")).isEqualTo("AT+CGMR\r\r\nRevision:FAKE\r\n\r\nOK\r\n");
        assertThat(at("AT+CGMR")).isEqualTo("AT+CGMR\r\r\nRevision:1418B04SIM800L24\r\n\r\nOK\r\n");
        assertThat(m.scenario().status().toString()).contains("match=+CGMR", "used=1, remaining=0");
        assertThat(m.transcript().notes()).contains(
            "scenario: AT+CGMR answered by override +CGMR: Revision:FAKE | OK (0 uses left)");
    }

    @Test
    void overridesGiveAnyResultForAnyCommandEvenUnknownOnes() {
        m.loadScenario("""
            overrides:
              - command: AT+CGMI
                result: "+CME ERROR: 10"
              - command: AT+FOO
                response: ["+FOO: 1"]
              - regex: "AT\\\\+CGSN(=\\\\?)?"
                result: ERROR
              - command: AT+GCAP
                result: none
            """);
        assertThat(at("AT+CMEE=1")).endsWith("OK\r\n");
        assertThat(at("AT+CGMI")).isEqualTo("AT+CGMI\r\r\n+CME ERROR: 10\r\n");
        assertThat(at("AT+FOO")).isEqualTo("AT+FOO\r\r\n+FOO: 1\r\n\r\nOK\r\n");
        assertThat(at("AT+CGSN=?")).isEqualTo("AT+CGSN=?\r\r\nERROR\r\n");
        assertThat(at("AT+CGMM;+CGMI;+CGMM")).as("a failing override stops the line")
            .isEqualTo("AT+CGMM;+CGMI;+CGMM\r\r\nSIMCOM_SIM800L\r\n\r\n+CME ERROR: 10\r\n");
        m.at().send("AT+GCAP\r");
        m.at().expect("AT+GCAP\r");
        assertThat(at("AT")).as("no final line for AT+GCAP").isEqualTo("AT\r\r\nOK\r\n");
    }

    @Test
    void aDelayedOverrideAnswersLaterAndItsUrcsFollow() {
        m.loadScenario("""
            overrides:
              - command: AT+FTPGET=1
                result: OK
                delay: 2s
                urcs:
                  - {text: "+FTPGET: 1,72", delay: 1s}
            """);
        m.at().send("AT+FTPGET=1\r");
        m.at().expect("AT+FTPGET=1\r");
        m.time().advance(Duration.ofMillis(1999));
        assertThat(m.at().peek()).isEmpty();
        m.time().advance(Duration.ofMillis(1));
        m.at().expect("\r\nOK\r\n");
        m.time().advance(Duration.ofMillis(999));
        assertThat(m.at().peek()).isEmpty();
        m.time().advance(Duration.ofMillis(1));
        assertThat(m.at().awaitLine(Pattern.compile("\\+FTPGET: .*"))).isEqualTo("+FTPGET: 1,72");
        assertThat(m.transcript().urcs()).endsWith("+FTPGET: 1,72");
    }

    @Test
    void aDelayLetsTheModemAnswerLateAndHoldsTheRestOfTheInput() {
        m.loadScenario("""
            delays:
              - command: AT+CGMI
                delay: 3s
            """);
        m.at().send("AT+CGMI\rAT\r");
        m.at().expect("AT+CGMI\r");
        m.time().advance(Duration.ofMillis(2999));
        assertThat(m.at().peek()).isEmpty();
        m.time().advance(Duration.ofMillis(1));
        m.at().expect("\r\nSIMCOM_Ltd\r\n\r\nOK\r\n");
        m.at().expect("AT\r\r\nOK\r\n");
    }

    @Test
    void setupAndTimedEventsRunOnTheModemsClock() {
        m.loadScenario("""
            name: weak then gone
            setup:
              - link: gprs
                signal: 8,1
            events:
              - at: 5s
                fault: coverage-loss
              - at: 8s
                clear: all
                registration: roaming
            """);
        assertThat(m.state().link()).isEqualTo("gprs");
        assertThat(m.state().radio().rssi()).isEqualTo(8);
        m.time().advance(Duration.ofMillis(4999));
        assertThat(m.state().faults()).isEmpty();
        m.time().advance(Duration.ofMillis(1));
        assertThat(m.state().faults()).containsExactly("coverage-loss");
        assertThat(m.state().radio().creg()).isEqualTo(RegStatus.SEARCHING);
        m.time().advance(Duration.ofSeconds(3));
        assertThat(m.state().faults()).isEmpty();
        assertThat(m.state().radio().creg()).isEqualTo(RegStatus.ROAMING);
        assertThat(m.transcript().notes()).contains("scenario weak then gone loaded",
            "scenario: at 5s: fault coverage-loss", "scenario: at 8s: registration roaming, clear all");
    }

    @Test
    void anEventAfterTheThirdMatchingCommandRunsBeforeItIsAnswered() {
        m.loadScenario("""
            events:
              - after: AT+CGMM
                count: 3
                fault: cut 0 once
            """);
        at("AT+CGMM");
        at("AT+CGMM=?");
        assertThat(m.network().faults().active()).isEmpty();
        at("AT+CGMM");
        assertThat(m.network().faults().active()).extracting(Fault::kind)
            .containsExactly(Fault.Kind.CUT_AFTER_BYTES);
        List<Transcript.Entry> e = m.transcript().entries();
        int note = indexOf(e, Transcript.Kind.NOTE, "scenario: after 3x AT+CGMM: fault cut 0 once");
        assertThat(e.get(note - 1).kind()).isEqualTo(Transcript.Kind.COMMAND);
        assertThat(e.get(note + 1).kind()).as("the answer comes after the fault").isEqualTo(Transcript.Kind.MODEM);
        at("AT+CGMM");
        assertThat(m.scenario().status().toString()).contains("seen=3, fired=true");
    }

    @Test
    void aResetFromACommandWaitsForTheLineAndADelayPostponesIt() {
        m.loadScenario("""
            events:
              - after: AT+CGMI
                reset: true
              - after: AT+GCAP
                delay: 1s
                urc: "+CMTI: \\"SM\\",1"
            """);
        assertThat(at("AT+CGMI")).isEqualTo("AT+CGMI\r\r\nSIMCOM_Ltd\r\n\r\nOK\r\n");
        m.time().runDue();
        assertThat(m.transcript().notes()).contains("reset", "power on");
        m.awaitReady();
        at("AT+GCAP");
        m.time().advance(Duration.ofMillis(999));
        assertThat(m.transcript().urcs()).doesNotContain("+CMTI: \"SM\",1");
        m.time().advance(Duration.ofMillis(1));
        assertThat(m.transcript().urcs()).endsWith("+CMTI: \"SM\",1");
    }

    @Test
    void loadingAnotherScenarioStopsTheFirst() {
        m.loadScenario("""
            name: first
            events: [{at: 5s, fault: dns-failure}]
            overrides: [{command: AT+CGMM, response: X}]
            """);
        m.loadScenario("name: second\n");
        m.time().advance(Duration.ofSeconds(10));
        assertThat(m.network().faults().active()).isEmpty();
        assertThat(at("AT+CGMM")).contains("SIMCOM_SIM800L");
        assertThat(m.transcript().notes()).contains("scenario first stopped", "scenario second loaded");
        m.stopScenario();
        assertThat(m.scenario()).isNull();
    }

    @Test
    void jsonIsAcceptedToo() {
        m.loadScenario("{\"overrides\": [{\"command\": \"AT+CGMM\", \"response\": [\"J\"]}]}");
        assertThat(at("AT+CGMM")).contains("\r\nJ\r\n");
    }

    @Test
    void mistakesAreReportedWithWhereTheyAre() {
        assertThatThrownBy(() -> Scenario.parse("events:\n  - at: 5s\n    fualt: dns-failure\n"))
            .hasMessageContaining("fualt").hasMessageContaining("line 3");
        assertThatThrownBy(() -> Scenario.parse("events:\n  - at: 5s\n    fault: flood\n"))
            .hasMessageContaining("events[1]").hasMessageContaining("unknown fault: 'flood'");
        assertThatThrownBy(() -> Scenario.parse("events:\n  - fault: dns-failure\n"))
            .hasMessageContaining("events[1]: give exactly one of 'at', 'after' or 'regex'");
        assertThatThrownBy(() -> Scenario.parse("events:\n  - at: soon\n    fault: stall\n"))
            .hasMessageContaining("not a duration: 'soon'");
        assertThatThrownBy(() -> Scenario.parse("overrides:\n  - command: AT\n"))
            .hasMessageContaining("overrides[1]: nothing to do");
        assertThatThrownBy(() -> Scenario.parse("setup:\n  - signal: 40\n"))
            .hasMessageContaining("setup[1]").hasMessageContaining("rssi out of range");
        assertThatThrownBy(() -> Scenario.parse("delays:\n  - command: AT+CSQ\n"))
            .hasMessageContaining("delays[1]: missing 'delay'");
    }

    @Test
    void commandPatternsMatchLongerFormsAtArgumentBoundariesOnly() {
        assertThat(ScenarioRunner.matches("AT+FTPGET=2", null, "AT+FTPGET=2,1460")).isTrue();
        assertThat(ScenarioRunner.matches("AT+FTPGET=2", null, "at+ftpget=2")).isTrue();
        assertThat(ScenarioRunner.matches("+FTPGET", null, "AT+FTPGET=1")).isTrue();
        assertThat(ScenarioRunner.matches("AT+FTPGET=1", null, "AT+FTPGET=10")).isFalse();
        assertThat(ScenarioRunner.matches("AT+CSQ", null, "AT+CSQN")).isFalse();
        assertThat(ScenarioRunner.matches("AT+CREG?", null, "AT+CREG?")).isTrue();
    }

    @Test
    void theExampleScenariosLoad() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(Path.of("config/scenarios"))) {
            files = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        assertThat(files).extracting(p -> p.getFileName().toString()).contains("no-coverage-at-boot.yaml",
            "bearer-drops-mid-transfer.yaml", "login-refused.yaml", "slow-gprs.yaml");
        for (Path f : files) {
            Scenario s = Scenario.read(f);
            assertThat(s.name()).isNotBlank();
            assertThat(s.description()).isNotBlank();
        }
    }

    @Test
    void theCommandLineReportsABadScenarioInOneLine(@TempDir Path dir) throws IOException {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "events:\n  - at: 5s\n    fualt: dns-failure\n");
        java.io.PrintStream old = System.err;
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));
        int code;
        try {
            code = Main.run("--tcp", "127.0.0.1:0", "--no-ftp-server", "--state-dir", dir.toString(),
                "--scenario", bad.toString());
        } finally {
            System.setErr(old);
        }
        assertThat(code).isEqualTo(2);
        assertThat(err.toString(java.nio.charset.StandardCharsets.UTF_8)).startsWith("vmodem: " + bad
            + ": scenario: unknown key 'fualt' (known here: after, at, clear, count, delay, dropBearer, fault, link,"
            + " note, powerCycle, regex, registration, reset, signal, urc) (line 3, ").hasLineCount(1);
    }

    @Test
    void noCoverageAtBootExample() throws IOException {
        try (VirtualModem b = VirtualModem.builder().virtualTime()
                .scenario(Path.of("config/scenarios/no-coverage-at-boot.yaml")).start()) {
            b.awaitReady();
            assertThat(b.state().radio().creg()).isEqualTo(RegStatus.SEARCHING);
            b.time().advance(Duration.ofSeconds(30));
            assertThat(b.state().radio().creg()).isEqualTo(RegStatus.HOME);
        }
    }

    @Test
    void loginRefusedExample() throws IOException {
        m.loadScenario(Path.of("config/scenarios/login-refused.yaml"));
        assertThat(at("AT+FTPGET=1")).isEqualTo("AT+FTPGET=1\r\r\nOK\r\n");
        m.time().advance(Duration.ofSeconds(1));
        assertThat(m.at().awaitLine(Pattern.compile("\\+FTPGET: 1,\\d+"))).isEqualTo("+FTPGET: 1,72");
    }

    private static int indexOf(List<Transcript.Entry> entries, Transcript.Kind kind, String text) {
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i).kind() == kind && entries.get(i).text().equals(text)) {
                return i;
            }
        }
        throw new AssertionError("no " + kind + " " + text + " in " + entries);
    }
}
