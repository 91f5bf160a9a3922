package dev.vmodem.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.spi.Configurator.ExecutionStatus;
import ch.qos.logback.core.ConsoleAppender;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The logging set up in code, and that it matches config/logback.xml, the file users copy to change it. */
class ConsoleLoggingTest {

    @Test
    void linesGoToStandardErrorInTheDocumentedFormat() {
        LoggerContext ctx = new LoggerContext();
        ConsoleLogging.apply(ctx);
        Logger root = ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ConsoleAppender<ILoggingEvent> stderr = (ConsoleAppender<ILoggingEvent>) root.getAppender("STDERR");
        assertThat(stderr).isNotNull();
        assertThat(stderr.isStarted()).isTrue();
        assertThat(stderr.getTarget()).isEqualTo("System.err");
        LoggingEvent e = new LoggingEvent("x", ctx.getLogger("dev.vmodem.serial.PtyLink"), Level.INFO,
            "pty {} open", null, new Object[] {"/tmp/ttyX"});
        String line = new String(stderr.getEncoder().encode(e), StandardCharsets.UTF_8);
        assertThat(line).matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} INFO  d\\.v\\.serial\\.PtyLink - pty /tmp/ttyX open"
            + System.lineSeparator());
    }

    @Test
    void levelsAndPatternAreThoseOfConfigLogbackXml() throws IOException {
        String xml = Files.readString(Path.of("config/logback.xml"));
        LoggerContext ctx = new LoggerContext();
        ConsoleLogging.apply(ctx);
        Matcher pattern = Pattern.compile("<pattern>(.*?)</pattern>").matcher(xml);
        assertThat(pattern.find()).isTrue();
        assertThat(pattern.group(1)).isEqualTo(ConsoleLogging.PATTERN);
        Matcher loggers = Pattern.compile("<(logger name=\"([^\"]+)\"|root) level=\"(\\w+)\"").matcher(xml);
        int seen = 0;
        while (loggers.find()) {
            String name = loggers.group(2) == null ? org.slf4j.Logger.ROOT_LOGGER_NAME : loggers.group(2);
            assertThat(ctx.getLogger(name).getLevel()).as(name).isEqualTo(Level.toLevel(loggers.group(3)));
            seen++;
        }
        assertThat(seen).isEqualTo(3);
    }

    @Test
    void theLineIsWhatLogbacksPatternLayoutMakesOfThePattern() {
        LoggerContext ctx = new LoggerContext();
        PatternLayout reference = new PatternLayout();
        reference.setContext(ctx);
        reference.setPattern(ConsoleLogging.PATTERN);
        reference.start();
        ConsoleLogging.Line line = new ConsoleLogging.Line();
        line.setContext(ctx);
        line.start();
        long[] times = {0L, 1_700_000_000_123L, System.currentTimeMillis(), 1_719_792_000_007L};
        Level[] levels = {Level.ERROR, Level.WARN, Level.INFO, Level.DEBUG, Level.TRACE};
        String[] names = {"dev.vmodem.serial.PtyLink", "org.apache.ftpserver.impl.DefaultFtpServer", "short", "ROOT"};
        for (long t : times) {
            for (Level level : levels) {
                for (String name : names) {
                    LoggingEvent e = new LoggingEvent("x", ctx.getLogger(name), level, "m {} {}", null,
                        new Object[] {1, "two"});
                    e.setTimeStamp(t);
                    assertThat(line.doLayout(e)).isEqualTo(reference.doLayout(e));
                }
            }
        }
        LoggingEvent failed = new LoggingEvent("x", ctx.getLogger("dev.vmodem.X"), Level.WARN, "failed", 
            new IllegalStateException("boom", new java.io.IOException("cause")), null);
        assertThat(line.doLayout(failed)).contains(" WARN  dev.vmodem.X - failed" + System.lineSeparator()
            + "java.lang.IllegalStateException: boom" + System.lineSeparator() + "\tat ")
            .contains("Caused by: java.io.IOException: cause");
    }

    @Test
    void aConfigurationFileOnTheClassPathIsLeftToLogback() {
        // the tests' logback-test.xml is on the class path: the file wins, as it would in a project using the
        // JUnit extension
        assertThat(ConsoleLogging.fileGiven()).isTrue();
        assertThat(new ConsoleLogging().configure(new LoggerContext())).isEqualTo(ExecutionStatus.INVOKE_NEXT_IF_ANY);
    }
}
