package dev.vmodem.commands.network;

import dev.vmodem.at.command.PendingAnswer;
import dev.vmodem.at.command.CommandContext;
import dev.vmodem.at.command.CommandException;
import dev.vmodem.at.command.CommandHandler;
import dev.vmodem.at.parser.Request;
import dev.vmodem.at.response.CmeError;
import dev.vmodem.at.response.Response;
import dev.vmodem.net.BearerInfo;
import dev.vmodem.net.BearerOutcome;
import dev.vmodem.net.Bearers;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * AT+SAPBR=&lt;cmd_type&gt;,&lt;cid&gt;[,&lt;ConParamTag&gt;,&lt;ConParamValue&gt;]: the bearer that the SIM800's own
 * applications (FTP, HTTP) use. cid 1..3.
 *
 * <pre>
 *   AT+SAPBR=?                      →  +SAPBR: (0-4),(1-3),"ConParamTag","ConParamValue"   OK
 *   AT+SAPBR=3,1,"APN","internet"   →  OK
 *   AT+SAPBR=1,1                    →  (the link model's activation time) OK
 *   AT+SAPBR=2,1                    →  +SAPBR: 1,1,"10.89.193.1"   OK
 *   AT+SAPBR=0,1                    →  (the deactivation time) OK
 *   AT+SAPBR=2,1                    →  +SAPBR: 1,3,"0.0.0.0"   OK
 *   AT+SAPBR=4,1                    →  +SAPBR:\r\nCONTYPE: GPRS\r\nAPN: internet\r\nPHONENUM: \r\nUSER: \r\nPWD: \r\nRATE: 2   OK
 *   (the network drops it)             +SAPBR 1: DEACT
 * </pre>
 *
 * <ul>
 *   <li>cmd_type 1 (open) and 0 (close) are pending until the network has answered: the link model's activation or
 *       deactivation time on the modem's clock (zero for the {@code instant} preset, still through the scheduler).
 *       Input the host sends meanwhile waits, as on a module that is busy with a command.</li>
 *   <li>Opening an open bearer: {@code +CME ERROR: 3} (operation not allowed), as a SIM800 answers under CMEE
 *       (LilyGo-T-Call-SIM800 #259).</li>
 *   <li>Closing a closed bearer: {@code ERROR} (arduino-sim808 #2).</li>
 *   <li>An open the modem or the network refuses answers plain {@code ERROR}, whatever AT+CMEE says, as field logs
 *       show: not attached or not registered (at once), CONTYPE CSD (at once; this modem has no circuit-switched
 *       data), an APN the network does not allow, USER/PWD it rejects, no free address in the pool, a rejecting
 *       fault (each after the activation time, when the network has answered). Coverage lost during activation
 *       answers ERROR too.</li>
 *   <li>cmd_type 3 sets a parameter in any state; it applies at the next open. Tags CONTYPE, APN, USER, PWD,
 *       PHONENUM, RATE in any letter case; tag and value quoted or not. An unknown tag, a missing value, a value over
 *       its limit (APN 64, USER 32, PWD 32, PHONENUM 40 characters), CONTYPE other than GPRS/CSD or RATE other than
 *       0..3 answer {@code ERROR}: the manual names no error, and a SIM800 answers parameter errors with ERROR.</li>
 *   <li>cmd_type 4 lists the parameters exactly as a SIM800L prints them (field capture): {@code +SAPBR:} alone on
 *       the first line, then one {@code TAG: value} line each (the empty PHONENUM keeps its space), then OK.</li>
 *   <li>cmd_type 5 (save, a SIM300 command), a cid outside 1..3, a wrong argument count, and the read and execute
 *       forms: {@code ERROR}.</li>
 * </ul>
 *
 * <p>Passwords stay out of the logs: failures are logged with the value of a cmd_type 3 request masked, and this
 * handler never lets its request reach the engine's own failure log. The serial line itself stays faithful (echo,
 * the cmd_type 4 listing).
 */
final class SapbrCommand implements CommandHandler {

    private static final Logger log = LoggerFactory.getLogger(SapbrCommand.class);

    static final String TEST = "+SAPBR: (0-4),(1-3),\"ConParamTag\",\"ConParamValue\"";
    private static final Set<String> TAGS = Set.of("CONTYPE", "APN", "USER", "PWD", "PHONENUM", "RATE");
    /** Tags whose values may be logged; every other value (PWD, and whatever an unknown tag carries) is masked. */
    private static final Set<String> PLAIN_TAGS = Set.of("CONTYPE", "APN", "USER", "PHONENUM", "RATE");

    private static final int CLOSE = 0;
    private static final int OPEN = 1;
    private static final int QUERY = 2;
    private static final int SET = 3;
    private static final int LIST = 4;

    private final Bearers bearers;

    SapbrCommand(Bearers bearers) {
        this.bearers = bearers;
    }

    @Override
    public Response handle(Request req, CommandContext ctx) {
        try {
            return switch (req.form()) {
                case TEST -> Response.info(TEST);
                case WRITE -> write(req, ctx);
                case READ, EXECUTE -> throw CommandException.error("AT+SAPBR has only the test and write forms");
            };
        } catch (CommandException e) {
            // Not thrown on to the engine: it would log the request as received, password included.
            log.debug("AT{} failed: {}", masked(req), e.getMessage());
            return Response.of(e.result());
        }
    }

    private Response write(Request req, CommandContext ctx) throws CommandException {
        int cmd = number(req, 0, CLOSE, LIST, "cmd_type");
        int cid = number(req, 1, Bearers.MIN_CID, Bearers.MAX_CID, "cid");
        int expected = cmd == SET ? 4 : 2;
        if (req.argCount() != expected) {
            throw CommandException.error("cmd_type " + cmd + " takes " + expected + " arguments, got "
                + req.argCount());
        }
        return switch (cmd) {
            case CLOSE -> PendingAnswer.await(bearers.close(cid), ctx, o -> closed(cid, o));
            case OPEN -> PendingAnswer.await(bearers.open(cid), ctx, o -> opened(cid, o));
            case QUERY -> {
                BearerInfo i = bearers.info(cid);
                yield Response.info("+SAPBR: " + cid + "," + i.status().code() + ",\"" + i.ip() + "\"");
            }
            case SET -> set(req, cid);
            case LIST -> list(cid);
            default -> throw new IllegalStateException("cmd_type " + cmd);
        };
    }

    private static Response opened(int cid, BearerOutcome o) {
        switch (o) {
            case OK:
                return Response.ok();
            case ALREADY_OPEN:
            case IN_PROGRESS:
                log.debug("AT+SAPBR=1,{}: {}", cid, o);
                return Response.cme(CmeError.OPERATION_NOT_ALLOWED);
            default:
                log.debug("AT+SAPBR=1,{}: {}", cid, o);
                return Response.error();
        }
    }

    private static Response closed(int cid, BearerOutcome o) {
        if (o == BearerOutcome.OK) {
            return Response.ok();
        }
        log.debug("AT+SAPBR=0,{}: {}", cid, o);
        return Response.error();
    }

    private Response set(Request req, int cid) throws CommandException {
        String tag = req.args().get(2).text().trim().toUpperCase(Locale.ROOT);
        if (!TAGS.contains(tag)) {
            throw CommandException.error("unknown parameter tag");
        }
        Request.Arg value = req.args().get(3);
        if (value.isEmpty()) {
            throw CommandException.error(tag + " has no value");
        }
        try {
            bearers.setParameter(cid, tag, value.text());
        } catch (IllegalArgumentException e) {
            // BearerProfile's messages carry lengths and the offending CONTYPE/RATE, never a USER or PWD value
            throw CommandException.error(e.getMessage());
        }
        return Response.ok();
    }

    private Response list(int cid) {
        List<String> lines = new ArrayList<>(7);
        lines.add("+SAPBR:");
        bearers.profile(cid).parameters().forEach((tag, value) -> lines.add(tag + ": " + value));
        return Response.info(lines);
    }

    /** A decimal argument in [min, max]; messages never quote the request (it may carry a password). */
    private static int number(Request req, int i, int min, int max, String what) throws CommandException {
        if (!req.has(i)) {
            throw CommandException.error("missing " + what);
        }
        String t = req.args().get(i).text().trim();
        if (t.isEmpty() || t.length() > 9 || !t.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw CommandException.error(what + " is not a number");
        }
        int v = Integer.parseInt(t);
        if (v < min || v > max) {
            throw CommandException.error(what + " out of range: " + v + " not in " + min + ".." + max);
        }
        return v;
    }

    /** The request as received, with the value of a parameter that may be secret replaced by {@code ****}. */
    static String masked(Request req) {
        if (req.argCount() < 4) {
            return req.raw();
        }
        String tag = req.args().get(2).text().trim().toUpperCase(Locale.ROOT);
        if (PLAIN_TAGS.contains(tag)) {
            return req.raw();
        }
        StringBuilder b = new StringBuilder(req.name()).append('=');
        for (int i = 0; i < req.argCount(); i++) {
            Request.Arg a = req.args().get(i);
            String t = i >= 3 ? "****" : a.text();
            if (i > 0) {
                b.append(',');
            }
            b.append(a.quoted() ? "\"" + t + "\"" : t);
        }
        return b.toString();
    }
}
