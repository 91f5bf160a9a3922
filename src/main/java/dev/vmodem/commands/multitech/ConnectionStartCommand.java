package dev.vmodem.commands.multitech;

import dev.vmodem.at.command.PendingAnswer;
import dev.vmodem.at.command.CommandContext;
import dev.vmodem.at.command.CommandException;
import dev.vmodem.at.command.CommandHandler;
import dev.vmodem.at.parser.Form;
import dev.vmodem.at.parser.Request;
import dev.vmodem.at.response.Final;
import dev.vmodem.at.response.Response;
import dev.vmodem.net.BearerOutcome;
import dev.vmodem.net.BearerProfile;
import dev.vmodem.net.BearerStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * AT#CONNECTIONSTART in GPRS mode: opens bearer {@code #GPRSCID} through the simulated network with
 * {@code #APNSERV}, {@code #APNUN} and {@code #APNPW}, and answers with the address, then
 * {@code Ok_Info_GprsActivation} in place of OK.
 *
 * <pre>
 *   AT#CONNECTIONSTART  →  \r\n10.89.193.1\r\n\r\nOk_Info_GprsActivation\r\n      (ATV0: 10.89.193.1\r\n3086\r)
 * </pre>
 *
 * <p>The address comes first: S000457H prints the two lines the other way round, but the drivers that parse this
 * answer take the line before {@code Ok_Info_GprsActivation} as the address (MultiTech's mbed UIP driver reads
 * {@code parts[1]}), so the emulator follows the drivers.
 *
 * <p>Failures (the network model's outcome → code): no GPRS registration or not attached → 35865; APN or its
 * credentials refused → 35868 ("Check APN"); rejected, no address left or dropped while activating → 49155;
 * already connected → 35840; a connection still starting or stopping → 35866. In GSM mode
 * ({@code AT#GPRSMODE=0}) the modem would dial a data call, which the emulated network does not carry: it answers
 * {@code NO CARRIER}, the manual's answer to a call that does not connect.
 */
final class ConnectionStartCommand implements CommandHandler {

    private static final Logger log = LoggerFactory.getLogger(ConnectionStartCommand.class);

    private final IpSession session;

    ConnectionStartCommand(IpSession session) {
        this.session = session;
    }

    @Override
    public Response handle(Request req, CommandContext ctx) throws CommandException {
        if (req.form() != Form.EXECUTE) {
            throw IpResults.fail(IpResults.SYNTAX_ERROR, "AT#CONNECTIONSTART has no " + req.form() + " form");
        }
        if (session.getInt("#GPRSMODE") == 0) {
            log.info("AT#CONNECTIONSTART in GSM mode: data calls are not emulated; answering NO CARRIER");
            return Response.of(Final.NO_CARRIER);
        }
        int cid = session.cid();
        BearerStatus status = session.connectionStatus();
        if (status == BearerStatus.CONNECTED) {
            throw IpResults.fail(IpResults.ALREADY_RUNNING, "bearer " + cid + " is connected already");
        }
        if (status != BearerStatus.CLOSED) {
            throw IpResults.fail(IpResults.INVALID_EVENT, "bearer " + cid + " state: " + status);
        }
        BearerProfile profile;
        try {
            profile = new BearerProfile("GPRS", session.get("#APNSERV"), session.get("#APNUN"),
                    session.get("#APNPW"), "", 2);
        } catch (IllegalArgumentException e) {
            throw IpResults.fail(IpResults.BAD_ARGUMENT, e.getMessage());
        }
        session.bearers().setProfile(cid, profile);
        return PendingAnswer.await(session.bearers().open(cid), ctx, o -> answer(cid, o));
    }

    private Response answer(int cid, BearerOutcome outcome) {
        if (outcome == BearerOutcome.OK) {
            return Response.info(session.bearers().info(cid).ip()).withFinal(IpResults.GPRS_ACTIVATION);
        }
        log.info("AT#CONNECTIONSTART: bearer {} not opened: {}", cid, outcome);
        return IpResults.errorResponse(switch (outcome) {
            case NOT_REGISTERED, NOT_ATTACHED -> IpResults.NOT_ATTACHED;
            case APN_NOT_ALLOWED, AUTH_FAILED -> IpResults.CHECK_APN;
            case ALREADY_OPEN -> IpResults.ALREADY_RUNNING;
            case IN_PROGRESS, ALREADY_CLOSED -> IpResults.INVALID_EVENT;
            default -> IpResults.GPRS_OPEN_FAILED; // REJECTED, NO_ADDRESS, DROPPED, ABORTED, NOT_SUPPORTED
        });
    }
}
