package dev.vmodem.commands.network;

import dev.vmodem.at.command.CommandContext;
import dev.vmodem.at.command.CommandException;
import dev.vmodem.at.command.CommandHandler;
import dev.vmodem.at.parser.Request;
import dev.vmodem.at.response.CmeError;
import dev.vmodem.at.response.Response;
import dev.vmodem.net.Network;
import dev.vmodem.net.RadioState;
import dev.vmodem.net.RegStatus;

/**
 * AT+COPS: operator selection. The simulated network has one operator: {@code network.operator} (long and short
 * name alike) with the numeric id {@code <MCC><MNC>} taken from the SIM's IMSI (its first five digits: the home
 * network the SIM belongs to), {@code 00101} (the 3GPP test network) when the IMSI is shorter.
 *
 * <pre>
 *   AT+COPS=?         →  +COPS: (2,"vmodem","vmodem","46000"),,(0-4),(0-2)   OK
 *   AT+COPS?          →  +COPS: 0,0,"vmodem"    OK      (registered)
 *   AT+COPS?          →  +COPS: 0               OK      (not registered)
 *   AT+COPS=0         →  OK
 *   AT+COPS=3,2       →  OK, then AT+COPS? → +COPS: 0,2,"46000"
 *   AT+COPS=1,0,"xyz" →  +CME ERROR: 30
 * </pre>
 *
 * <p>Modes, as 27.007 defines them and this modem plays them:
 * <ul>
 *   <li>0 automatic: OK; an optional {@code <format>} sets the format; an {@code <oper>} is ignored. Ends a
 *       deregistration (mode 2): the modem registers again with the configured {@code network.registration}.</li>
 *   <li>1 manual, {@code <format>} and {@code <oper>} required: OK when {@code <oper>} names the network's operator in
 *       that format (names compare without case), {@code +CME ERROR: 30} (no network service) when it names another:
 *       there is no such network to register on, and nothing changes. The manual gives no code; 30 is the table's
 *       entry for that situation.</li>
 *   <li>2 deregister: OK, and the modem leaves the network (+CREG/+CGREG 0, bearers drop, with their URCs) until
 *       AT+COPS=0, 1 or 4, or a reset.</li>
 *   <li>3 set {@code <format>} only (required): OK.</li>
 *   <li>4 manual/automatic: OK; when {@code <oper>} is not the network's operator the modem falls back to automatic
 *       and AT+COPS? reads mode 0, as 27.007 describes.</li>
 * </ul>
 * The list (test form) shows the operator as current (2) while registered, forbidden (3) while registration is
 * denied, available (1) otherwise, and no operator at all with the radio off or out of coverage. Mode and format are
 * not saved by AT&amp;W; a reset returns them to 0. Every answer is immediate (a SIM800 may take up to 45 s for the
 * list and 120 s for a selection). Other values, too many arguments or an {@code <oper>} over 16 characters:
 * ERROR.
 */
final class CopsCommand implements CommandHandler {

    static final int AUTOMATIC = 0;
    static final int MANUAL = 1;
    static final int DEREGISTER = 2;
    static final int SET_FORMAT = 3;
    static final int MANUAL_AUTOMATIC = 4;

    private static final int MAX_OPER = 16;
    private static final String TEST_NETWORK = "00101";

    private final Network network;
    private final NetworkSession session;
    private final String numeric;

    CopsCommand(Network network, NetworkSession session, String imsi) {
        this.network = network;
        this.session = session;
        this.numeric = imsi != null && imsi.length() >= 5 && imsi.chars().allMatch(Character::isDigit)
            ? imsi.substring(0, 5) : TEST_NETWORK;
    }

    @Override
    public Response handle(Request req, CommandContext ctx) throws CommandException {
        return switch (req.form()) {
            case TEST -> Response.info(list());
            case READ -> Response.info(read());
            case WRITE -> write(req);
            case EXECUTE -> throw CommandException.error("AT+COPS has no execute form");
        };
    }

    private String read() {
        RadioState s = network.radio().state();
        if (!s.creg().isRegistered()) {
            return "+COPS: " + session.copsMode;
        }
        return "+COPS: " + session.copsMode + "," + session.copsFormat + ",\"" + name(session.copsFormat, s) + "\"";
    }

    private String list() {
        RadioState s = network.radio().state();
        String ops = "";
        if (s.radioOn() && s.inCoverage()) {
            int stat = s.creg().isRegistered() ? 2 : s.creg() == RegStatus.DENIED ? 3 : 1;
            String op = operator(s);
            ops = "(" + stat + ",\"" + op + "\",\"" + op + "\",\"" + numeric + "\")";
        }
        return "+COPS: " + ops + ",,(0-4),(0-2)";
    }

    private Response write(Request req) throws CommandException {
        req.expectArgs(1, 3);
        int mode = req.integer(0, 0, 4);
        int format = req.integer(1, 0, 2, session.copsFormat);
        String oper = req.argCount() > 2 && (req.has(2) || req.args().get(2).quoted()) ? req.text(2) : null;
        if (oper != null && oper.length() > MAX_OPER) {
            throw CommandException.error("AT+COPS: operator too long: " + oper.length() + " > " + MAX_OPER);
        }
        switch (mode) {
            case AUTOMATIC:
                select(AUTOMATIC, format);
                break;
            case MANUAL:
            case MANUAL_AUTOMATIC:
                if (oper == null || !req.has(1)) {
                    throw CommandException.error("AT+COPS=" + mode + ": <format> and <oper> are required");
                }
                boolean ours = matches(format, oper);
                if (mode == MANUAL && !ours) {
                    throw CommandException.cme(CmeError.NO_NETWORK_SERVICE, "AT+COPS=1: no network \"" + oper + "\"");
                }
                select(ours ? mode : AUTOMATIC, format);
                break;
            case DEREGISTER:
                session.copsFormat = format;
                if (session.copsMode != DEREGISTER) {
                    session.copsMode = DEREGISTER;
                    session.deregister();
                }
                break;
            case SET_FORMAT:
                if (!req.has(1)) {
                    throw CommandException.error("AT+COPS=3: <format> is required");
                }
                session.copsFormat = format;
                break;
            default:
                throw new IllegalStateException("mode " + mode);
        }
        return Response.ok();
    }

    private void select(int mode, int format) {
        boolean wasOff = session.copsMode == DEREGISTER;
        session.copsMode = mode;
        session.copsFormat = format;
        if (wasOff) {
            session.register();
        }
    }

    private boolean matches(int format, String oper) {
        return format == 2 ? oper.equals(numeric) : oper.equalsIgnoreCase(operator(network.radio().state()));
    }

    /** The operator's name: the registered one, or the configured one when the modem is not registered. */
    private String operator(RadioState s) {
        return s.operator().isEmpty() ? network.config().operator() : s.operator();
    }

    private String name(int format, RadioState s) {
        return format == 2 ? numeric : operator(s);
    }
}
