package dev.vmodem.commands.multitech;

import dev.vmodem.at.command.CommandException;
import dev.vmodem.ftp.DataMode;
import dev.vmodem.ftp.FtpError;
import dev.vmodem.ftp.FtpException;
import dev.vmodem.ftp.FtpOptions;
import dev.vmodem.ftp.TransferType;
import dev.vmodem.net.Bearers;
import dev.vmodem.net.NetAccess;
import dev.vmodem.net.NetErrorException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one AT#FTPGET or AT#FTPPUT needs, copied from the {@link IpSession} under the engine's lock before the
 * worker starts, and the mapping of the FTP engine's failures to {@code #CME ERROR} codes.
 *
 * <table>
 *   <caption>FTP failures and the codes they give</caption>
 *   <tr><th>cause</th><th>code</th></tr>
 *   <tr><td>no GPRS connection when the command starts</td><td>35867</td></tr>
 *   <tr><td>the connection's bearer went away (coverage lost, dropped by the network, AT+SAPBR=0) at any point
 *       of the operation</td><td>35841</td></tr>
 *   <tr><td>the server name does not resolve, or #FTPSERV is empty</td><td>38027</td></tr>
 *   <tr><td>the control or data connection cannot be opened (refused, unreachable, passive port
 *       refused)</td><td>38016</td></tr>
 *   <tr><td>a socket timeout: connect, greeting, reply, data</td><td>35862</td></tr>
 *   <tr><td>anything the server decides: login refused (USER/PASS 530), file refused (550), transfer aborted by
 *       the server (426/451), control connection closed or reset by the server, a garbled reply</td>
 *       <td>37966</td></tr>
 * </table>
 */
record FtpRequest(int cid, FtpOptions options, String path) {

    private static final Logger log = LoggerFactory.getLogger(FtpRequest.class);

    /**
     * The request for the current parameters.
     *
     * @param fileParameter {@code #FTPGETFILENAME} or {@code #FTPPUTFILENAME}
     * @param pathParameter {@code #FTPGETPATH} or {@code #FTPPUTPATH}
     * @throws CommandException 35867 without a connection, 38027 without a server name, 34882 without a file name
     */
    static FtpRequest of(IpSession s, String fileParameter, String pathParameter) throws CommandException {
        if (!s.connected()) {
            throw IpResults.fail(IpResults.NOT_CONNECTED, "no GPRS connection (AT#CONNECTIONSTART): bearer "
                    + s.cid() + " " + s.connectionStatus());
        }
        String server = s.get("#FTPSERV").trim();
        if (server.isEmpty()) {
            throw IpResults.fail(IpResults.DNS_FAILED, "#FTPSERV is empty");
        }
        String file = s.get(fileParameter);
        if (file.isEmpty()) {
            throw IpResults.fail(IpResults.BAD_ARGUMENT, fileParameter + " is empty");
        }
        String user = s.get("#FTPUN");
        FtpOptions.Builder b = FtpOptions.builder(server)
                .port(s.getInt("#FTPPORT"))
                .user(user.isEmpty() ? "anonymous" : user)
                .password(s.get("#FTPPW"))
                .type(TransferType.ofAtValue(s.get("#FTPTYPE")))
                .dataMode(DataMode.ofAtValue(s.getInt("#FTPMODE")));
        Duration timeout = s.ftpTimeout();
        if (timeout != null) {
            b.timeouts(timeout);
        }
        return new FtpRequest(s.cid(), b.build(), join(s.get(pathParameter), file));
    }

    /** {@code #FTPGETPATH} and {@code #FTPGETFILENAME} as one server path: "" + "a.bin" → "a.bin"; "/d" → "/d/a.bin". */
    static String join(String dir, String file) {
        if (dir.isEmpty() || file.startsWith("/")) {
            return file;
        }
        return dir.endsWith("/") ? dir + file : dir + "/" + file;
    }

    /** Network access through the connection's bearer. */
    NetAccess access(IpSession s) throws CommandException {
        try {
            return s.modem().network().access(cid);
        } catch (NetErrorException e) {
            throw IpResults.fail(IpResults.NOT_CONNECTED, e.getMessage());
        }
    }

    /** The code for a failed FTP operation; see the table in the class comment. */
    static int code(FtpException e, Bearers bearers, int cid) {
        if (!bearers.isOpen(cid)) {
            return IpResults.SESSION_LOST;
        }
        FtpError error = e.error();
        return switch (error) {
            case DNS_ERROR -> IpResults.DNS_FAILED;
            case CONNECT_ERROR, PASSIVE_ERROR, ACTIVE_ERROR -> IpResults.TCP_OPEN_FAILED;
            case TIMEOUT -> IpResults.TIMEOUT;
            case MANUAL_QUIT -> IpResults.SESSION_LOST;
            default -> IpResults.CLOSED_BY_PEER;
        };
    }

    /** Logs why an operation failed, with the server's reply when there was one. */
    static void logFailure(String command, FtpException e, int code) {
        log.info("{} failed: {} -> #CME ERROR: {}", command, e.getMessage(), code);
    }

    /** A worker thread for one transfer: blocking FTP I/O never runs under the engine's lock. */
    static Thread worker(String name, Runnable task) {
        Thread t = new Thread(task, name);
        t.setDaemon(true);
        return t;
    }
}
