package dev.vmodem.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.vmodem.client.AtClient;
import dev.vmodem.control.VirtualModem;
import dev.vmodem.net.RegStatus;
import dev.vmodem.time.VirtualScheduler;
import dev.vmodem.trace.Transcript;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/** The extension as tests use it: parameters, fields, options by annotation, scopes, transcripts of failures. */
@VModem(virtualTime = true)
class VirtualModemExtensionTest {

    @VModem
    VirtualModem field;

    @FtpRoot
    Path rootField;

    VirtualModem seenInBeforeEach;

    @BeforeEach
    void before(VirtualModem m) {
        seenInBeforeEach = m;
    }

    @Test
    void fieldsAndParametersGetTheSameStartedModemOfThisTest(VirtualModem m, @FtpRoot Path root) throws Exception {
        assertThat(m).isSameAs(field).isSameAs(seenInBeforeEach);
        assertThat(root).isEqualTo(rootField).isEqualTo(m.ftpRoot()).isDirectory();
        assertThat(m.scheduler()).as("class options").isInstanceOf(VirtualScheduler.class);
        assertThat(m.at().command("AT")).as("ready, power-on codes consumed").isEqualTo("AT\r\r\nOK\r\n");
        Files.writeString(root.resolve("fw.bin"), "v2");
        assertThat(m.ftpServer().port()).isPositive();
    }

    @Test
    @VModem(profile = "multitech", virtualTime = true, ftp = false, link = "edge", faults = "dns-failure",
        config = "network.registration=roaming")
    void theNearestAnnotationWithSettingsDecides(VirtualModem m) {
        assertThat(m.modem().profile().name()).isEqualTo("multitech");
        assertThat(m.ftpServer()).isNull();
        assertThat(rootField).as("no FTP root to inject").isNull();
        assertThat(m.state().link()).isEqualTo("edge");
        assertThat(m.state().faults()).containsExactly("dns-failure");
        assertThat(m.state().radio().creg()).isEqualTo(RegStatus.ROAMING);
    }

    @Test
    void parametersMayCarryTheirOwnOptions(@VModem(ready = false, virtualTime = true, control = true) VirtualModem m) {
        assertThat(m).isSameAs(field);   // the field is bare: the parameter's options made the modem
        assertThat(m.transcript().urcs()).as("not waited for").isEmpty();
        assertThat(m.control().url()).startsWith("http://127.0.0.1:");
    }

    @RepeatedTest(2)
    void everyTestGetsAFreshModem(VirtualModem m) {
        assertThat(m.transcript().commands()).isEmpty();
        m.at().command("AT+CGMM");
        assertThat(m.transcript().commands()).containsExactly("AT+CGMM");
    }

    @Nested
    @VModem(transport = VModem.Transport.PTY)
    class OverAPty {
        @Test
        void firmwareOpensThePath(VirtualModem m) throws Exception {
            Path pty = Path.of(m.endpoint());
            assertThat(Files.isSymbolicLink(pty)).isTrue();
            try (FileChannel rd = FileChannel.open(pty, StandardOpenOption.READ);
                 FileChannel wr = FileChannel.open(pty, StandardOpenOption.WRITE);
                 AtClient fw = new AtClient(Channels.newInputStream(rd), Channels.newOutputStream(wr))) {
                fw.awaitLine(Pattern.compile("SMS Ready"));    // waiting in the pty since before the test
                assertThat(fw.command("AT+CGMI")).isEqualTo("AT+CGMI\r\r\nSIMCOM_Ltd\r\n\r\nOK\r\n");
            }
        }
    }

    @Nested
    @VModem(transport = VModem.Transport.TCP, virtualTime = true, ftp = false)
    class OverTcp {
        @Test
        void theEndpointIsAPort(VirtualModem m) {
            assertThat(m.endpoint()).matches("127\\.0\\.0\\.1:\\d+");
            assertThat(m.at().command("ATE0")).endsWith("OK\r\n");
        }
    }

    // ---- running example classes, to see what happens around them ----

    static final List<VirtualModem> SEEN = new ArrayList<>();

    /** Lets the example classes below run only when the tests here launch them. */
    static final class OnlyWhenLaunched implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext ctx) {
            return ctx.getConfigurationParameter(LAUNCHED).isPresent()
                ? ConditionEvaluationResult.enabled("launched") : ConditionEvaluationResult.disabled("an example");
        }
    }

    static final String LAUNCHED = "vmodem.test.examples";

    @VModem(virtualTime = true)
    @ExtendWith(OnlyWhenLaunched.class)
    static class Failing {
        @Test
        void sendsAPasswordThenFails(VirtualModem m) {
            SEEN.add(m);
            m.at().command("AT+FTPPW=\"s3cret\"");
            m.note("about to fail");
            assertThat(m.transcript().commands()).contains("AT+NOTSENT");
        }

        @Test
        void passes(VirtualModem m) {
            SEEN.add(m);
        }
    }

    /** One modem for the whole class, through a static field. */
    @VModem(virtualTime = true)
    @ExtendWith(OnlyWhenLaunched.class)
    @TestMethodOrder(MethodOrderer.MethodName.class)
    static class Shared {
        @VModem
        static VirtualModem modem;

        @Test
        void first(VirtualModem m) {
            SEEN.add(m);
            m.at().command("AT");
        }

        @Test
        void second(VirtualModem m) {
            SEEN.add(m);
            assertThat(m.transcript().commands()).containsExactly("AT");
        }
    }

    private static TestExecutionSummary run(Class<?> c) {
        LauncherDiscoveryRequest req = LauncherDiscoveryRequestBuilder.request().selectors(selectClass(c))
            .configurationParameter(LAUNCHED, "true").build();
        Launcher launcher = LauncherFactory.create();
        SummaryGeneratingListener summary = new SummaryGeneratingListener();
        launcher.execute(req, summary);
        return summary.getSummary();
    }

    @Test
    @VModem(ftp = false, virtualTime = true)
    void aFailedTestLeavesItsTranscriptAndEveryModemIsClosed(@TempDir Path dir) throws Exception {
        String old = System.getProperty(TranscriptFiles.DIR_PROPERTY);
        System.setProperty(TranscriptFiles.DIR_PROPERTY, dir.toString());
        SEEN.clear();
        try {
            TestExecutionSummary s = run(Failing.class);
            assertThat(s.getTestsFailedCount()).isEqualTo(1);
            assertThat(s.getTestsSucceededCount()).isEqualTo(1);
        } finally {
            if (old == null) {
                System.clearProperty(TranscriptFiles.DIR_PROPERTY);
            } else {
                System.setProperty(TranscriptFiles.DIR_PROPERTY, old);
            }
        }
        Path file = dir.resolve(TranscriptFiles.fileName(Failing.class.getName() + ".sendsAPasswordThenFails"));
        assertThat(file.getFileName().toString())
            .isEqualTo("dev.vmodem.junit.VirtualModemExtensionTest_Failing.sendsAPasswordThenFails.txt");
        assertThat(dir).isDirectoryContaining(p -> p.equals(file));
        assertThat(Files.list(dir)).hasSize(1);   // nothing for the test that passed
        String text = Files.readString(file);
        assertThat(text).startsWith("# test " + Failing.class.getName() + ".sendsAPasswordThenFails failed: ")
            .contains("AT+FTPPW=\"***\"", "note        about to fail").doesNotContain("s3cret");
        assertThat(SEEN).hasSize(2).doesNotHaveDuplicates();
        for (VirtualModem m : SEEN) {
            assertThat(m.ftpRoot()).doesNotExist();  // the temporary root is gone with the modem
        }
    }

    @Test
    void aStaticFieldSharesOneModemAcrossTheClass() {
        SEEN.clear();
        TestExecutionSummary s = run(Shared.class);
        assertThat(s.getTestsSucceededCount()).as(s.getFailures().toString()).isEqualTo(2);
        assertThat(SEEN).hasSize(2);
        assertThat(SEEN.get(0)).isSameAs(SEEN.get(1)).isSameAs(Shared.modem);
    }

    @Test
    void theWriterPutsTheFailureFirstAndNamesFilesSafely(@TempDir Path dir) throws Exception {
        VirtualScheduler time = new VirtualScheduler();
        Transcript t = new Transcript(time).title("sim800 on test");
        byte[] b = "AT+SAPBR=3,1,\"PWD\",\"pw\"\r".getBytes();
        t.hostToModem(b, 0, b.length);
        time.advance(Duration.ofSeconds(1));
        Path f = TranscriptFiles.write(dir.resolve("x"), "a.B.c[2]", new AssertionError("boom\nsecond line"), t);
        assertThat(f.getFileName().toString()).isEqualTo("a.B.c[2].txt");
        assertThat(Files.readString(f)).isEqualTo("# test a.B.c[2] failed: java.lang.AssertionError: boom\n"
            + t.text());
        assertThat(Files.readString(f)).contains("AT+SAPBR=3,1,\"PWD\",\"***\"\\r").doesNotContain("\"pw\"");
        assertThat(TranscriptFiles.fileName("my test(1) / x")).isEqualTo("my_test_1____x.txt");
        assertThat(TranscriptFiles.dir()).isEqualTo(Path.of("target/vmodem-transcripts"));
    }

    @Test
    @VModem(transport = VModem.Transport.PTY, pty = "target/test-pty/ttyNAMED", virtualTime = true)
    void aNamedPtyPathIsRemovedAfterwards(VirtualModem m) {
        assertThat(m.endpoint()).isEqualTo("target/test-pty/ttyNAMED");
        assertThat(Files.isSymbolicLink(Path.of(m.endpoint()))).isTrue();
        m.close();
        assertThat(Files.exists(Path.of("target/test-pty/ttyNAMED"), LinkOption.NOFOLLOW_LINKS)).isFalse();
    }
}
