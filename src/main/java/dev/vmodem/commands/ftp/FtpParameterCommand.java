package dev.vmodem.commands.ftp;

import dev.vmodem.at.command.CommandContext;
import dev.vmodem.at.command.CommandException;
import dev.vmodem.at.command.CommandHandler;
import dev.vmodem.at.parser.Request;
import dev.vmodem.at.response.Response;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The shape every FTP parameter command shares (AT+FTPSERV, AT+FTPPORT, AT+FTPUN ...): test → {@code OK}; read →
 * {@code +FTPX: <value>}; write → validate, store, {@code OK}; anything invalid → {@code ERROR}. Quoted and unquoted
 * values are both accepted, as drivers send both ({@code AT+FTPTYPE=I}, {@code AT+FTPGETPATH="/"}).
 *
 * <pre>
 *   AT+FTPSERV="116.228.221.52"  →  OK
 *   AT+FTPSERV?                  →  +FTPSERV: "116.228.221.52"  OK
 *   AT+FTPPORT=70000             →  ERROR
 * </pre>
 *
 * Each parameter is one instance of this class, configured in {@link FtpCommands}: the parameter is data, the
 * behaviour is shared.
 */
final class FtpParameterCommand implements CommandHandler {

    /** Checks a written value and turns it into the stored form; throws to answer ERROR. */
    @FunctionalInterface
    interface Parser<T> {
        T parse(Request req) throws CommandException;
    }

    private final Function<FtpParameters, String> reader;
    private final Parser<?> parser;
    private final BiConsumer<FtpParameters, Object> writer;
    private final FtpApplication app;
    private final String testLine;

    @SuppressWarnings("unchecked")
    <T> FtpParameterCommand(FtpApplication app, Function<FtpParameters, String> reader, Parser<T> parser,
                            BiConsumer<FtpParameters, T> writer) {
        this(app, null, reader, parser, writer);
    }

    /** @param testLine what the test form prints before OK ("+FTPSSL: (0-2)"), or null for a bare OK */
    @SuppressWarnings("unchecked")
    <T> FtpParameterCommand(FtpApplication app, String testLine, Function<FtpParameters, String> reader,
                            Parser<T> parser, BiConsumer<FtpParameters, T> writer) {
        this.app = app;
        this.testLine = testLine;
        this.reader = reader;
        this.parser = parser;
        this.writer = (BiConsumer<FtpParameters, Object>) writer;
    }

    @Override
    public Response handle(Request req, CommandContext ctx) throws CommandException {
        return switch (req.form()) {
            case TEST -> testLine == null ? Response.ok() : Response.info(testLine);
            case READ -> Response.info(req.name() + ": " + reader.apply(app.parameters()));
            case WRITE -> {
                req.expectArgs(1, 1);
                Object v = parser.parse(req);
                writer.accept(app.parameters(), v);
                yield Response.ok();
            }
            case EXECUTE -> throw CommandException.error(req.name() + " needs a value");
        };
    }

    /** A number in [min, max]. */
    static Parser<Integer> number(int min, int max) {
        return req -> req.integer(0, min, max);
    }

    /** A long number in [min, max]. */
    static Parser<Long> longNumber(long min, long max) {
        return req -> req.longValue(0, min, max);
    }

    /** A text of at most {@code max} characters (longer → ERROR). */
    static Parser<String> text(int max) {
        return req -> {
            String t = req.text(0);
            if (t.length() > max) {
                throw CommandException.error("too long: " + t.length() + " > " + max + " in " + req.raw());
            }
            return t;
        };
    }

    /** One of the given words, in any case; stored upper case. */
    static Parser<String> oneOf(String... words) {
        return req -> {
            String t = req.text(0).trim();
            for (String w : words) {
                if (w.equalsIgnoreCase(t)) {
                    return w;
                }
            }
            throw CommandException.error("not one of " + String.join("/", words) + ": " + t);
        };
    }
}
