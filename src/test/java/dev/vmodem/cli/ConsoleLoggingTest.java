package dev.vmodem.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
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
        ConsoleAppender<ILoggingEvent> stderr =
            (ConsoleAppender<ILoggingEvent>) ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getAppender("STDERR");
        assertThat(((PatternLayoutEncoder) stderr.getEncoder()).getPattern()).isEqualTo(pattern.group(1));
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
    void aConfigurationFileOnTheClassPathIsLeftToLogback() {
        // the tests' logback-test.xml is on the class path: the file wins, as it would in a project using the
        // JUnit extension
        assertThat(ConsoleLogging.fileGiven()).isTrue();
        assertThat(new ConsoleLogging().configure(new LoggerContext())).isEqualTo(ExecutionStatus.INVOKE_NEXT_IF_ANY);
    }
}
