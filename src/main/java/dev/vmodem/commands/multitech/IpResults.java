package dev.vmodem.commands.multitech;

import dev.vmodem.at.command.CommandException;
import dev.vmodem.at.response.Final;
import dev.vmodem.at.response.Response;

/**
 * The result codes of the Wavecom IP stack that Multi-Tech modems carry (S000333D ch. 9, completed from driver
 * code; see docs/multitech.md for where each number comes from and which real cause gives it here).
 *
 * <p>The {@code Ok_Info_*} codes replace OK (or announce a data mode); ATV0 shows their numbers. The
 * {@code #CME ERROR: <n>} errors follow AT+CMEE like {@code +CME ERROR}: plain {@code ERROR} under AT+CMEE=0 (drivers
 * send AT+CMEE=1 "to enable #CME ERROR messages"), the number under 1 and 2.
 *
 * <pre>
 *   ATV1: \r\nOk_Info_DataBegin\r\n      ATV0: 1025\r
 *   CMEE=1, ATV1: \r\n#CME ERROR: 38027\r\n     CMEE=1, ATV0: #CME ERROR: 38027\r\n
 * </pre>
 */
final class IpResults {

    /** AT#FTPGET: the file follows. */
    static final Final DATA_BEGIN = Final.text("Ok_Info_DataBegin", "1025");
    /** AT#FTPPUT: send the file. */
    static final Final WAITING_FOR_DATA = Final.text("Ok_Info_WaitingForData", "1028");
    /** AT#CONNECTIONSTART: the GPRS session is up (after the line with the address). */
    static final Final GPRS_ACTIVATION = Final.text("Ok_Info_GprsActivation", "3086");

    static final String PREFIX = "#CME ERROR";

    /** Bad command: unknown command (an unknown {@code AT#} command while the stack runs). */
    static final int UNKNOWN_COMMAND = 34817;
    /** Bad command: syntax error (a form the command does not have, a missing or extra argument). */
    static final int SYNTAX_ERROR = 34819;
    /** Bad command argument value (out of range, too long, not one of the choices). */
    static final int BAD_ARGUMENT = 34882;
    /** Physical layer: modem is already running (AT#CONNECTIONSTART while connected). */
    static final int ALREADY_RUNNING = 35840;
    /** GPRS session lost (the bearer went away during an FTP transfer). */
    static final int SESSION_LOST = 35841;
    /** Timeout, no activity on network connection. */
    static final int TIMEOUT = 35862;
    /** Module is not attached to the network (AT#CONNECTIONSTART without GPRS registration or attach). */
    static final int NOT_ATTACHED = 35865;
    /** Invalid event during activation process (start or stop at the wrong moment). */
    static final int INVALID_EVENT = 35866;
    /** Physical layer connection is currently not active (FTP or AT#DISPLAYIP before AT#CONNECTIONSTART). */
    static final int NOT_CONNECTED = 35867;
    /** Check APN: the network refused the APN or its credentials. */
    static final int CHECK_APN = 35868;
    /** Service is running, unable to set parameter (GPRS settings while connected). */
    static final int SERVICE_RUNNING = 37123;
    /** Session closed by peer (the FTP server refused or ended the session). */
    static final int CLOSED_BY_PEER = 37966;
    /** TCP open failed (control or data connection refused or unreachable). */
    static final int TCP_OPEN_FAILED = 38016;
    /** DNS lookup failed. */
    static final int DNS_FAILED = 38027;
    /** Open GPRS session request failed (activation rejected for another reason). */
    static final int GPRS_OPEN_FAILED = 49155;

    private IpResults() {
    }

    static Final error(int code) {
        return Final.cme(PREFIX, code);
    }

    static Response errorResponse(int code) {
        return Response.of(error(code));
    }

    static CommandException fail(int code, String message) {
        return new CommandException(error(code), message);
    }
}
