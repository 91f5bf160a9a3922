package dev.vmodem.ftp;

import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Locale;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.apache.commons.net.ftp.FTPSClient;

/**
 * Commons Net's FTPSClient, bent to our needs. It is the only class that extends a Commons Net type; together with
 * {@link FtpSession} it is all of the engine that touches the library.
 *
 * <ul>
 *   <li>One class for plain FTP and both FTPS modes: with {@link FtpSecurity#NONE} the AUTH and TLS steps of
 *       FTPSClient's connect are switched off, so it behaves as a plain FTPClient.</li>
 *   <li>It remembers the last command sent, so a negative reply or a failure maps to the SIMCom code of the step
 *       that failed (USER → 71, PASS → 72, REST → 74, ...).</li>
 *   <li>All sockets, data sockets included, come from the session's tracked NetAccess factories. FTPSClient's own
 *       PROT handling would replace them with TLS socket factories that bypass NetAccess (and the link model), so
 *       PROT is sent here and TLS is layered over the tracked data socket instead.</li>
 *   <li>A failure while a data connection is being established becomes 75 (passive) or 76 (active), unless it
 *       was the control connection that failed.</li>
 * </ul>
 *
 * Not thread-safe: used by the session's owner thread only. {@link FtpSession#abort()} works by closing the
 * tracked sockets, never by calling in here.
 */
final class CommonsFtpClient extends FTPSClient {

    /** A data connection: what to read or write ({@code socket}, TLS or not) and the TCP socket under it. */
    record DataChannel(Socket socket, Socket raw) {
    }

    private final FtpSecurity security;
    private final SSLContext tls;
    private final SocketTracker tracker;

    private String lastVerb = "";
    private String lastCommand = "(greeting)";
    private IOException controlFailure;
    private boolean protectData;
    private boolean controlTlsUp;
    private Socket lastDataRaw;

    CommonsFtpClient(FtpSecurity security, SSLContext tls, SocketTracker tracker) {
        super(security == FtpSecurity.IMPLICIT, tls);
        this.security = security;
        this.tls = tls;
        this.tracker = tracker;
    }

    /** The verb of the last command sent, upper case ("" before the first command: the greeting). */
    String lastVerb() {
        return lastVerb;
    }

    /** The last command, for messages; the password is masked. */
    String lastCommand() {
        return lastCommand;
    }

    boolean controlTlsUp() {
        return controlTlsUp;
    }

    @Override
    public int sendCommand(String command, String args) throws IOException {
        lastVerb = command.toUpperCase(Locale.ROOT);
        lastCommand = "PASS".equals(lastVerb) ? "PASS ****" : args == null ? command : command + " " + args;
        try {
            return super.sendCommand(command, args);
        } catch (IOException e) {
            controlFailure = e;
            throw e;
        }
    }

    /**
     * Waits, without a time limit, until the server sends something on the control connection or closes it;
     * consumes nothing, so {@link #getReply()} reads the reply whole afterwards (with the reply timeout). Returns
     * false at the end of the stream. Closing the socket (abort) ends the wait with an exception.
     */
    boolean awaitControlInput() throws IOException {
        Socket s = _socket_;
        int saved = s.getSoTimeout();
        s.setSoTimeout(0);
        try {
            // room for more than the one character: a BufferedReader (FTPS replaces Commons Net's line reader
            // with one) may first skip the LF of the previous reply's CRLF
            _controlInput_.mark(16);
            int c = _controlInput_.read();
            _controlInput_.reset();
            return c >= 0;
        } finally {
            try {
                s.setSoTimeout(saved);
            } catch (IOException e) {
                // closed meanwhile: the read above has failed or the next one will
            }
        }
    }

    // ------------------------------------------------------------------ TLS

    @Override
    protected void execAUTH() throws IOException {
        if (security != FtpSecurity.EXPLICIT) {
            return;
        }
        int code = sendCommand("AUTH", "TLS");
        if (code != 234 && code != 334) {
            throw new FtpException(FtpError.SSL_AUTH_ERROR, lastCommand, code, getReplyString());
        }
    }

    @Override
    protected void sslNegotiation() throws IOException {
        if (security == FtpSecurity.NONE) {
            return;
        }
        try {
            super.sslNegotiation();
        } catch (FtpException e) {
            throw e;
        } catch (IOException e) {
            if (FtpSession.causedBy(e, SocketTimeoutException.class)) {
                throw e; // a server that says nothing is a timeout (64), TLS or not
            }
            throw new FtpException(FtpError.SSL_ERROR, "TLS handshake on the control connection failed: " + e, e);
        }
        controlTlsUp = true;
    }

    /** PBSZ 0 and PROT P: from now on data connections are TLS too. */
    void protectDataChannel() throws IOException {
        int code = sendCommand("PBSZ", "0");
        if (code != 200) {
            throw new FtpException(FtpError.SSL_PBSZ_ERROR, lastCommand, code, getReplyString());
        }
        execPROT("P");
    }

    /** Sends PROT without FTPSClient's socket-factory swap (see the class comment). */
    @Override
    public void execPROT(String prot) throws IOException {
        String level = prot == null ? "C" : prot;
        int code = sendCommand("PROT", level);
        if (code != 200) {
            throw new FtpException(FtpError.SSL_PROT_ERROR, lastCommand, code, getReplyString());
        }
        protectData = !"C".equals(level);
    }

    // ------------------------------------------------------------------ data connections

    /**
     * Opens a data connection for {@code verb} (RETR, LIST, STOR, APPE, STOU) and sends it, REST first if a restart
     * offset is set. Returns null when a command got a negative reply: {@link #lastVerb()} and the reply code
     * tell which.
     */
    DataChannel openData(String verb, String arg) throws IOException {
        lastDataRaw = null;
        Socket s = _openDataConnection_(verb, arg);
        return s == null ? null : new DataChannel(s, lastDataRaw);
    }

    @Override
    protected Socket _openDataConnection_(String command, String arg) throws IOException {
        controlFailure = null;
        Socket raw;
        try {
            raw = super._openDataConnection_(command, arg);
        } catch (IOException e) {
            if (e == controlFailure || e instanceof FtpException) {
                throw e;
            }
            // the control connection was fine, so it was the data connection: connect, listen or accept
            boolean passive = getDataConnectionMode() == PASSIVE_LOCAL_DATA_CONNECTION_MODE;
            throw new FtpException(passive ? FtpError.PASSIVE_ERROR : FtpError.ACTIVE_ERROR,
                    (passive ? "passive" : "active") + " data connection for " + command + " failed: " + e, e);
        }
        if (raw == null) {
            return null;
        }
        tracker.track(raw); // accepted sockets (active mode) do not come from a factory
        lastDataRaw = raw;
        if (!protectData) {
            return raw;
        }
        try {
            SSLSocket ssl = (SSLSocket) tls.getSocketFactory().createSocket(raw,
                    raw.getInetAddress().getHostAddress(), raw.getPort(), true);
            // RFC 4217: the FTP client is the TLS client on data connections too, whoever connected
            ssl.setUseClientMode(true);
            ssl.startHandshake();
            return ssl;
        } catch (IOException e) {
            SocketTracker.closeQuietly(raw);
            throw new FtpException(FtpError.SSL_ERROR, "TLS handshake on the data connection failed: " + e, e);
        }
    }
}
