package dev.vmodem.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.pattern.TargetLengthBasedClassNameAbbreviator;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.LayoutBase;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.util.TimeZone;
import org.slf4j.Logger;

/**
 * vmodem's logging set up in code, as {@code config/logback.xml} describes it: one line per event on standard error
 * ({@code HH:mm:ss.SSS LEVEL logger - message}), INFO and up, the FTP server's libraries from WARN. Logback finds it
 * through {@code META-INF/services}; doing this in code spares every start the XML parser, Logback's configuration
 * model and its pattern machinery (together about a third of the main thread's work before {@code RDY}).
 *
 * <p>A configuration file still wins: with {@code -Dlogback.configurationFile=...}, or a {@code logback-test.xml} or
 * {@code logback.xml} on the class path (a project using vmodem's JUnit extension, or this project's own tests), this
 * steps aside and Logback reads the file as usual. {@code --log-level} sets the levels afterwards either way.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_NORMAL_PRIORITY)
public final class ConsoleLogging extends ContextAwareBase implements Configurator {

    /** The line format of config/logback.xml, which {@link Line} writes. */
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
        Line line = new Line();
        line.setContext(context);
        line.start();
        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        encoder.setContext(context);
        encoder.setLayout(line);
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

    /**
     * {@link #PATTERN} written out: the same line as Logback's PatternLayout makes of it, without its pattern parser,
     * converter table and date formatter to load.
     */
    static final class Line extends LayoutBase<ILoggingEvent> {
        private final TargetLengthBasedClassNameAbbreviator abbreviator = new TargetLengthBasedClassNameAbbreviator(20);

        @Override
        public String doLayout(ILoggingEvent e) {
            StringBuilder b = new StringBuilder(128);
            long ms = e.getTimeStamp();
            long local = ms + TimeZone.getDefault().getOffset(ms);
            long day = Math.floorMod(local, 86_400_000L);
            digits(b, day / 3_600_000, 2).append(':');
            digits(b, day / 60_000 % 60, 2).append(':');
            digits(b, day / 1000 % 60, 2).append('.');
            digits(b, day % 1000, 3).append(' ');
            String level = e.getLevel().toString();
            b.append(level);
            for (int i = level.length(); i < 5; i++) {
                b.append(' ');
            }
            b.append(' ').append(abbreviator.abbreviate(e.getLoggerName())).append(" - ")
                .append(e.getFormattedMessage()).append(CoreConstants.LINE_SEPARATOR);
            IThrowableProxy thrown = e.getThrowableProxy();
            if (thrown != null) {
                b.append(ThrowableProxyUtil.asString(thrown)).append(CoreConstants.LINE_SEPARATOR);
            }
            return b.toString();
        }

        private static StringBuilder digits(StringBuilder b, long value, int width) {
            String s = Long.toString(value);
            for (int i = s.length(); i < width; i++) {
                b.append('0');
            }
            return b.append(s);
        }
    }

    private static boolean onClassPath(String resource) {
        ClassLoader loader = ConsoleLogging.class.getClassLoader();
        return loader != null && loader.getResource(resource) != null;
    }
}
