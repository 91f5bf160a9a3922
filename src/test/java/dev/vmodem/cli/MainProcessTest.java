package dev.vmodem.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line as a user runs it: a separate JVM, stopped with a signal as Ctrl-C does. */
class MainProcessTest {

    @TempDir
    Path dir;

    @Test
    void printsWhereToConnectAndCleansUpOnSignal() throws Exception {
        Path pty = dir.resolve("ttyCLI");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Main.class.getName(),
            "--pty", pty.toString(), "--state-dir", dir.resolve("state").toString(),
            "--ftp-root", dir.resolve("ftp").toString(), "--log-level", "WARN")
            .redirectErrorStream(true).start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                lines.add(line);
                if (line.contains("stop with Ctrl-C")) {
                    break;
                }
            }
            assertThat(lines).as("start-up block").anySatisfy(l -> assertThat(l).contains(pty.toString()));
            assertThat(lines).anySatisfy(l -> assertThat(l).contains("picocom"));
            assertThat(lines).anySatisfy(l -> assertThat(l).contains("ftp://127.0.0.1:"));
            assertThat(Files.isSymbolicLink(pty)).isTrue();
            Path ftpRoot = dir.resolve("ftp");
            assertThat(ftpRoot.resolve("1K.txt")).exists();

            p.destroy();   // SIGTERM: the same shutdown path as Ctrl-C's SIGINT
            assertThat(p.waitFor(20, TimeUnit.SECONDS)).as("exited").isTrue();
        } finally {
            p.destroyForcibly();
        }
        assertThat(Files.exists(pty, LinkOption.NOFOLLOW_LINKS)).as("symlink removed").isFalse();
    }

    /**
     * Logging as the jar sets it up (the tests' logback-test.xml is left off the class path): INFO lines on
     * standard error in config/logback.xml's format, and --log-level WARN leaves them out.
     */
    @Test
    void logsInTheDocumentedFormatAtTheLevelAsked() throws Exception {
        String line = "\\d\\d:\\d\\d:\\d\\d\\.\\d{3} INFO  d\\.v\\.serial\\.TcpLink - tcp: listening on 127\\.0\\.0\\.1:\\d+";
        assertThat(startUntilReady()).anySatisfy(l -> assertThat(l).matches(line));
        assertThat(startUntilReady("--log-level", "WARN")).noneSatisfy(l -> assertThat(l).contains(" INFO "))
            .anySatisfy(l -> assertThat(l).contains("stop with Ctrl-C"));
    }

    private List<String> startUntilReady(String... extra) throws Exception {
        StringBuilder cp = new StringBuilder();
        Path testClasses = Path.of("target/test-classes").toAbsolutePath();
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            if (!Path.of(entry).toAbsolutePath().equals(testClasses)) {
                cp.append(cp.length() == 0 ? "" : java.io.File.pathSeparator).append(entry);
            }
        }
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp", cp.toString(), Main.class.getName(), "--tcp", "127.0.0.1:0", "--no-ftp-server",
            "--state-dir", dir.resolve("state").toString()));
        cmd.addAll(List.of(extra));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(),
                StandardCharsets.UTF_8))) {
            String l;
            while ((l = out.readLine()) != null) {
                lines.add(l);
                if (l.contains("stop with Ctrl-C")) {
                    break;
                }
            }
            p.destroy();
            assertThat(p.waitFor(20, TimeUnit.SECONDS)).as("exited").isTrue();
        } finally {
            p.destroyForcibly();
        }
        return lines;
    }
}
