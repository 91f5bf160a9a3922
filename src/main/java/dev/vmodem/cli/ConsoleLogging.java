package dev.vmodem.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import org.slf4j.Logger;

/**
 * vmodem's logging set up in code, as {@code config/logback.xml} describes it: one line per event on standard error
 * ({@code HH:mm:ss.SSS LEVEL logger - message}), INFO and up, the FTP server's libraries from WARN. Logback finds it
 * through {@code META-INF/services}; doing this in code spares every start the XML parser and Logback's
 * configuration model (a fifth of the time to {@code RDY}).
 *
 * <p>A configuration file still wins: with {@code -Dlogback.configurationFile=...}, or a {@code logback-test.xml} or
 * {@code logback.xml} on the class path (a project using vmodem's JUnit extension, or this project's own tests), this
 * steps aside and Logback reads the file as usual. {@code --log-level} sets the levels afterwards either way.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_NORMAL_PRIORITY)
public final class ConsoleLogging extends ContextAwareBase implements Configurator {

    /** The line format, the same as config/logback.xml's. */
    static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level %logger{20} - %msg%n";

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (fileGiven()) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        apply(context);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** Whether Logback has a configuration file to read: then it is Logback's to read. */
    static boolean fileGiven() {
        return System.getProperty("logback.configurationFile") != null || onClassPath("logback-test.xml")
            || onClassPath("logback.xml");
    }

    /** Sets {@code context} up as config/logback.xml does. */
    static void apply(LoggerContext context) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();
        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(context);
        stderr.setName("STDERR");
        stderr.setTarget("System.err");
        stderr.setEncoder(encoder);
        stderr.start();
        context.getLogger("org.apache.ftpserver").setLevel(Level.WARN);
        context.getLogger("org.apache.mina").setLevel(Level.WARN);
        ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(stderr);
    }

    private static boolean onClassPath(String resource) {
        ClassLoader loader = ConsoleLogging.class.getClassLoader();
        return loader != null && loader.getResource(resource) != null;
    }
}
