package dev.vmodem.ftp;

import dev.vmodem.net.NetAccess;
import dev.vmodem.net.Timeline;
import java.io.Closeable;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import org.apache.commons.net.MalformedServerReplyException;
import org.apache.commons.net.ProtocolCommandEvent;
import org.apache.commons.net.ProtocolCommandListener;
import org.apache.commons.net.ftp.FTP;
import org.apache.commons.net.ftp.FTPConnectionClosedException;
import org.apache.commons.net.ftp.FTPReply;
import dev.vmodem.transfer.TransferTracker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One FTP control connection, logged in, with the options of one AT FTP operation. The SIM800 opens a session for
 * each AT+FTPGET, AT+FTPPUT, AT+FTPDELE... and closes it afterwards; a session may also serve several operations.
 *
 * <p>What goes over the wire, for {@code connect()} then {@code retrieve("/1K.txt", 20)} in passive binary mode:
 * <pre>
 *   &lt; 220 Service ready for new user.
 *   &gt; USER sim.cs1            &lt; 331 User name okay, need password
 *   &gt; PASS ****               &lt; 230 User logged in, proceed.
 *   &gt; TYPE I                  &lt; 200 Command TYPE okay.
 *   &gt; PASV                    &lt; 227 Entering Passive Mode (127,0,0,1,160,17)
 *   &gt; REST 20                 &lt; 350 Restarting at 20. Send STORE or RETRIEVE.
 *   &gt; RETR /1K.txt            &lt; 150 File status okay; about to open data connection.
 *     ... 1004 bytes on the data connection, read through FtpDownload ...
 *                             &lt; 226 Transfer complete.
 * </pre>
 * With FTPS, explicit mode sends {@code AUTH TLS} right after the greeting, implicit mode starts TLS at once, and both
 * send {@code PBSZ 0} and {@code PROT P} after login.
 *
 * <p>States: {@code NEW → CONNECTING → READY ⇄ TRANSFER → CLOSED}. Calls that do not fit the state fail with
 * {@link FtpError#OPERATION_NOT_ALLOWED} ("state: TRANSFER"). At most one transfer is open at a time.
 *
 * <p>Failures: every method throws {@link FtpException} with the {@link FtpError} of the real cause (see the table
 * there). A negative reply to a command leaves the session READY. A network failure, a timeout, or a data
 * connection that breaks in the middle of a transfer closes the session, as the modem closes its FTP session
 * when it reports an error.
 *
 * <p>Threads: one owner thread calls the methods; {@link #abort()} may be called from any thread at any time and
 * unblocks whatever the owner is blocked in (connect, a reply, a read, a write), which then fails with
 * {@link FtpError#MANUAL_QUIT}. The timeouts in {@link FtpOptions} are socket timeouts: real time, not the modem's
 * scheduler.
 */
public final class FtpSession implements Closeable {

    /** Where a session is in its life. */
    public enum State {
        NEW, CONNECTING, READY, TRANSFER, CLOSED
    }

    /** What was going on when an I/O error struck: decides between 79, 78 and 61. */
    enum Op {
        CONTROL, DOWNLOAD, UPLOAD
    }

    private static final Logger log = LoggerFactory.getLogger(FtpSession.class);
    private static final Pattern STOU_NAME = Pattern.compile("FILE:\\s*(\\S.*?)\\s*$", Pattern.MULTILINE);
    private static final Pattern MDTM_VALUE = Pattern.compile("\\d{14}(\\.\\d+)?");

    private final FtpEngine engine;
    private final FtpOptions options;
    private final SocketTracker tracker = new SocketTracker();
    private final Object lock = new Object();
    private State state = State.NEW; // guarded by lock
    private volatile boolean aborted;
    private CommonsFtpClient client;  // owner thread only
    private Closeable transfer;       // the open FtpDownload/FtpUpload; owner thread only

    FtpSession(FtpEngine engine, FtpOptions options) {
        this.engine = engine;
        this.options = options;
    }

    public FtpOptions options() {
        return options;
    }

    public State state() {
        synchronized (lock) {
            return state;
        }
    }

    /** Whether {@link #abort()} was called. */
    public boolean isAborted() {
        return aborted;
    }

    // ------------------------------------------------------------------ connect

    /**
     * Resolves the server through NetAccess, connects, starts TLS if asked, logs in, protects the data channel
     * (FTPS), and sets the transfer type. On failure the session is closed.
     */
    public void connect() throws FtpException {
        move(State.NEW, State.CONNECTING);
        try {
            NetAccess net = engine.net();
            InetSocketAddress address = net.resolve(options.host(), options.port());
            client = new CommonsFtpClient(options.security(), engine.tls(), tracker);
            client.setSocketFactory(tracker.wrap(net.socketFactory()));
            client.setServerSocketFactory(tracker.wrap(net.serverSocketFactory()));
            client.setConnectTimeout(millis(options.connectTimeout()));
            client.setDefaultTimeout(millis(options.replyTimeout()));
            client.setDataTimeout(options.dataTimeout());
            client.addProtocolCommandListener(new WireLog());
            if (aborted) {
                throw new FtpException(FtpError.MANUAL_QUIT, "aborted before connecting", null);
            }
            log.debug("{}: connecting to {}", this, address);
            client.connect(address.getAddress(), address.getPort());
            if (!FTPReply.isPositiveCompletion(client.getReplyCode())) {
                throw refused();
            }
            login();
            if (options.security() != FtpSecurity.NONE) {
                client.protectDataChannel();
            }
            int typeReply = client.type(options.type() == TransferType.ASCII ? FTP.ASCII_FILE_TYPE
                    : FTP.BINARY_FILE_TYPE);
            if (!FTPReply.isPositiveCompletion(typeReply)) {
                throw refused();
            }
            if (options.dataMode() == DataMode.PASSIVE) {
                client.enterLocalPassiveMode();
            } else {
                client.enterLocalActiveMode();
            }
            move(State.CONNECTING, State.READY);
            log.debug("{}: ready", this);
        } catch (IOException | RuntimeException e) {
            throw fail(e, Op.CONTROL);
        }
    }

    private void login() throws IOException {
        int code = client.user(options.user());
        if (code == FTPReply.NEED_PASSWORD) {
            code = client.pass(options.password());
        }
        if (!FTPReply.isPositiveCompletion(code)) {
            throw refused(); // USER → 71, PASS → 72, 332 (account needed) → 71
        }
    }

    // ------------------------------------------------------------------ transfers

    /**
     * Starts a download of {@code path}: REST {@code offset} first when it is above 0 (AT+FTPREST), then RETR.
     * Read the data from the returned {@link FtpDownload} at any pace; TCP holds the server back meanwhile.
     */
    public FtpDownload retrieve(String path, long offset) throws FtpException {
        if (offset < 0) {
            throw new IllegalArgumentException("offset: " + offset + " < 0");
        }
        return download("RETR", path, offset);
    }

    /**
     * Starts a LIST of {@code path}: the entries of a directory, or the entry of one file (AT+FTPLIST). A null or
     * empty path lists the current directory. The listing is the server's raw text.
     */
    public FtpDownload list(String path) throws FtpException {
        return download("LIST", path == null || path.isEmpty() ? null : path, 0);
    }

    private FtpDownload download(String verb, String path, long offset) throws FtpException {
        long total = -1;
        TransferTracker watchers = engine.net().transfers();
        if (verb.equals("RETR") && watchers != null && watchers.wantsTotals()) {
            // only when someone watches (dashboard, progress line): a SIM800 sends no SIZE, and it costs a round trip
            try {
                total = Math.max(0, size(path) - offset);
            } catch (FtpException e) {
                if (state() != State.READY) {
                    throw e;
                }
                log.debug("SIZE {} before RETR: {}", path, e.getMessage());
            }
        }
        beginTransfer();
        CommonsFtpClient.DataChannel channel;
        try {
            client.setRestartOffset(offset);
            channel = client.openData(verb, path);
        } catch (IOException | RuntimeException e) {
            throw fail(e, Op.CONTROL);
        }
        if (channel == null) {
            refusedTransfer();
        }
        FtpDownload d = new FtpDownload(this, channel.socket(), channel.raw(),
                path == null ? verb : verb + " " + path);
        d.track(track("download", d.command(), offset, total));
        transfer = d;
        return d;
    }

    /** A transfer command (or REST, PASV, PORT before it) got a negative reply: the session stays usable. */
    private void refusedTransfer() throws FtpException {
        FtpException e = refused();
        move(State.TRANSFER, State.READY);
        throw e;
    }

    /**
     * Starts an upload to {@code path} with STOR, APPE or STOU (AT+FTPPUTOPT). For STOU the path is a name hint
     * or a directory, and may be null; the name the server chose is {@link FtpUpload#remoteName()}. Write the
     * data to the returned {@link FtpUpload}, then {@link FtpUpload#finish()}.
     */
    public FtpUpload store(String path, PutMode mode) throws FtpException {
        if (mode != PutMode.STOU && (path == null || path.isEmpty())) {
            throw new IllegalArgumentException(mode + " needs a path");
        }
        beginTransfer();
        CommonsFtpClient.DataChannel channel;
        try {
            client.setRestartOffset(0);
            channel = client.openData(mode.name(), path);
        } catch (IOException | RuntimeException e) {
            throw fail(e, Op.CONTROL);
        }
        if (channel == null) {
            refusedTransfer();
        }
        String name = path;
        if (mode == PutMode.STOU) {
            Matcher m = STOU_NAME.matcher(client.getReplyString());
            name = m.find() ? m.group(1) : null;
        }
        ControlWatch watch = new ControlWatch(client);
        FtpUpload u = new FtpUpload(this, channel.socket(), channel.raw(),
                path == null ? mode.name() : mode.name() + " " + path, name, options.type() == TransferType.ASCII,
                watch);
        u.track(track("upload", u.command(), 0, -1));
        transfer = u;
        engine.startWatch(watch); // from here until the reply is taken, only the watch reads the control connection
        return u;
    }

    private TransferTracker.Transfer track(String direction, String command, long offset, long total) {
        TransferTracker t = engine.net().transfers();
        return t == null ? null : t.start(direction, command, offset, total);
    }

    /** How a failed transfer reads on the dashboard: "download error (79): connection reset". */
    static String outcome(FtpException e) {
        String name = e.error().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        return e.error() == FtpError.MANUAL_QUIT ? name : name + " (" + e.error().code() + ")";
    }

    // ------------------------------------------------------------------ simple commands

    /** DELE (AT+FTPDELE). */
    public void delete(String path) throws FtpException {
        simple(() -> client.dele(path));
    }

    /** MKD (AT+FTPMKD). */
    public void makeDirectory(String path) throws FtpException {
        simple(() -> client.mkd(path));
    }

    /** RMD (AT+FTPRMD). */
    public void removeDirectory(String path) throws FtpException {
        simple(() -> client.rmd(path));
    }

    /** RNFR then RNTO (AT+FTPRENAME). */
    public void rename(String from, String to) throws FtpException {
        beginCommand();
        try {
            if (!FTPReply.isPositiveIntermediate(client.rnfr(from))) {
                throw refused();
            }
            if (!FTPReply.isPositiveCompletion(client.rnto(to))) {
                throw refused();
            }
        } catch (FtpException e) {
            throw endCommand(e);
        } catch (IOException | RuntimeException e) {
            throw fail(e, Op.CONTROL);
        }
        endCommand(null);
    }

    /** SIZE (AT+FTPSIZE): the size in bytes, as the server counts it (type I). */
    public long size(String path) throws FtpException {
        String value = valueOf(() -> client.size(path));
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new FtpException(FtpError.REPLY_ERROR, "SIZE " + path, FTPReply.FILE_STATUS, "213 " + value);
        }
    }

    /** MDTM (AT+FTPMDTM): the server's timestamp as sent, {@code YYYYMMDDhhmmss} (UTC) with optional fraction. */
    public String modificationTime(String path) throws FtpException {
        String value = valueOf(() -> client.mdtm(path));
        if (!MDTM_VALUE.matcher(value).matches()) {
            throw new FtpException(FtpError.REPLY_ERROR, "MDTM " + path, FTPReply.FILE_STATUS, "213 " + value);
        }
        return value;
    }

    // ------------------------------------------------------------------ quit and abort

    /**
     * Ends the session politely: an open transfer is cancelled, QUIT is sent, the connection closed. Never fails:
     * a server that does not answer is simply disconnected.
     */
    public void quit() {
        State s = state();
        if (s == State.TRANSFER && transfer != null) {
            SocketTracker.closeQuietly(transfer);
        }
        if (state() == State.READY) {
            try {
                client.quit();
            } catch (IOException | RuntimeException e) {
                log.debug("{}: QUIT failed: {}", this, e.toString());
            }
        }
        shutdown();
    }

    /** {@link #quit()}. */
    @Override
    public void close() {
        quit();
    }

    /**
     * AT+FTPQUIT: ends the session at once, from any thread. Every socket of the session is closed (no QUIT is
     * sent: the owner thread may be in the middle of a command), so a blocked connect, read, write or reply wait
     * returns at once with {@link FtpError#MANUAL_QUIT}; later calls fail the same way.
     */
    public void abort() {
        aborted = true;
        State was;
        synchronized (lock) {
            was = state;
            state = State.CLOSED;
        }
        tracker.closeAll();
        if (was != State.CLOSED) {
            log.info("{}: aborted in state {}", this, was);
        }
    }

    @Override
    public String toString() {
        return "ftp[" + options.user() + "@" + options.host() + ":" + options.port() + "]";
    }

    // ------------------------------------------------------------------ used by FtpDownload / FtpUpload

    java.util.concurrent.ScheduledExecutorService watchdog() {
        return engine.watchdog();
    }

    /** The transfer's data reached its end: read the server's verdict (226 or an error). */
    void completeTransfer(Op op) throws FtpException {
        completeTransfer(op, null);
    }

    /** Like {@link #completeTransfer(Op)}, the verdict taken from {@code watch} (null: read it here). */
    void completeTransfer(Op op, ControlWatch watch) throws FtpException {
        try {
            boolean ok = FTPReply.isPositiveCompletion(watch == null ? client.getReply()
                    : watch.reply(options.replyTimeout()));
            transfer = null;
            if (!ok) {
                FtpException e = new FtpException(op == Op.DOWNLOAD ? FtpError.DOWNLOAD_ERROR : FtpError.UPLOAD_ERROR,
                        client.lastCommand(), client.getReplyCode(), client.getReplyString());
                move(State.TRANSFER, State.READY);
                throw e;
            }
            move(State.TRANSFER, State.READY);
        } catch (FtpException e) {
            if (aborted) {
                throw fail(e, op);
            }
            throw e;
        } catch (IOException | RuntimeException e) {
            throw fail(e, Op.CONTROL);
        }
    }

    /**
     * The transfer is given up before its end: the data connection is reset and the server's reply (usually 426)
     * read, so the session can go on. The server may keep what it received of an upload.
     */
    void cancelTransfer(Socket raw) {
        cancelTransfer(raw, null);
    }

    /** Like {@link #cancelTransfer(Socket)}, the reply taken from {@code watch} (null: read it here). */
    void cancelTransfer(Socket raw, ControlWatch watch) {
        transfer = null;
        try {
            raw.setSoLinger(true, 0); // RST, not FIN: a FIN would tell the server the upload is complete
        } catch (IOException ignored) {
            // closed already
        }
        SocketTracker.closeQuietly(raw);
        if (aborted) {
            return;
        }
        try {
            if (watch == null) {
                client.getReply();
            } else {
                watch.reply(options.replyTimeout());
            }
            move(State.TRANSFER, State.READY);
        } catch (IOException | RuntimeException e) {
            log.debug("{}: no reply after cancelling the transfer: {}", this, e.toString());
            shutdown();
        }
    }

    /** The data connection failed mid-transfer: map the cause, close the session. */
    FtpException failTransfer(IOException e, Op op, boolean writeTimedOut) {
        transfer = null;
        if (writeTimedOut && !aborted) {
            shutdown();
            return new FtpException(FtpError.TIMEOUT,
                    "data write made no progress for " + options.dataTimeout().toMillis() + " ms", e);
        }
        return fail(e, op);
    }

    /**
     * The server ended an upload early ({@link ControlWatch#endedEarly()}): the control connection failed (closed by
     * the server: 65; reset: 61; ...) or a negative reply came (78). Closes the session.
     */
    FtpException serverEnded(ControlWatch watch) {
        transfer = null;
        int code;
        try {
            code = watch.reply(java.time.Duration.ZERO);
        } catch (IOException e) {
            return fail(e, Op.CONTROL);
        }
        FtpException e = new FtpException(FtpError.UPLOAD_ERROR, client.lastCommand(), code, client.getReplyString());
        return fail(e, Op.UPLOAD);
    }

    FtpException notAllowed(String what) {
        if (aborted) {
            return new FtpException(FtpError.MANUAL_QUIT, "aborted (AT+FTPQUIT): " + what, null);
        }
        return new FtpException(FtpError.OPERATION_NOT_ALLOWED, what, null);
    }

    // ------------------------------------------------------------------ internals

    private interface Command {
        int run() throws IOException;
    }

    private void simple(Command command) throws FtpException {
        beginCommand();
        try {
            if (!FTPReply.isPositiveCompletion(command.run())) {
                throw refused();
            }
        } catch (FtpException e) {
            throw endCommand(e);
        } catch (IOException | RuntimeException e) {
            throw fail(e, Op.CONTROL);
        }
        endCommand(null);
    }

    /** A command answered "213 value" (SIZE, MDTM): returns the value. */
    private String valueOf(Command command) throws FtpException {
        beginCommand();
        try {
            int code = command.run();
            if (code != FTPReply.FILE_STATUS) {
                throw refused();
            }
            String reply = client.getReplyStrings()[0];
            endCommand(null);
            return reply.length() > 4 ? reply.substring(4).trim() : "";
        } catch (FtpException e) {
            throw endCommand(e);
        } catch (IOException | RuntimeException e) {
            throw fail(e, Op.CONTROL);
        }
    }

    /** Simple commands run in READY and leave it READY; the state does not change in between. */
    private void beginCommand() throws FtpException {
        State s = state();
        if (s != State.READY) {
            throw notAllowed("state: " + s);
        }
    }

    private FtpException endCommand(FtpException e) throws FtpException {
        if (aborted) {
            throw fail(e, Op.CONTROL);
        }
        return e;
    }

    private void beginTransfer() throws FtpException {
        move(State.READY, State.TRANSFER);
    }

    private void move(State from, State to) throws FtpException {
        synchronized (lock) {
            if (state == from) {
                state = to;
                return;
            }
        }
        throw notAllowed("state: " + state() + (from == State.READY && to == State.TRANSFER
                ? " (one transfer at a time)" : ""));
    }

    /** The last command got a negative reply: the command decides the code. */
    private FtpException refused() {
        int code = client.getReplyCode();
        return new FtpException(errorForReply(client.lastVerb(), code, options.dataMode()), client.lastCommand(),
                code, client.getReplyString());
    }

    /** The SIMCom code for a negative reply to {@code verb}; see the table in {@link FtpError}. */
    static FtpError errorForReply(String verb, int code, DataMode mode) {
        FtpError dataConnection = mode == DataMode.PASSIVE ? FtpError.PASSIVE_ERROR : FtpError.ACTIVE_ERROR;
        return switch (verb) {
            case "USER", "ACCT" -> FtpError.USER_ERROR;
            case "PASS" -> code == FTPReply.NEED_ACCOUNT ? FtpError.USER_ERROR : FtpError.PASSWORD_ERROR;
            case "TYPE" -> FtpError.TYPE_ERROR;
            case "REST" -> FtpError.REST_ERROR;
            case "PASV", "EPSV" -> FtpError.PASSIVE_ERROR;
            case "PORT", "EPRT" -> FtpError.ACTIVE_ERROR;
            case "RETR", "LIST", "NLST", "MLSD" ->
                    code == FTPReply.CANNOT_OPEN_DATA_CONNECTION ? dataConnection : FtpError.DOWNLOAD_ERROR;
            case "STOR", "APPE", "STOU" ->
                    code == FTPReply.CANNOT_OPEN_DATA_CONNECTION ? dataConnection : FtpError.UPLOAD_ERROR;
            case "DELE", "MKD", "RMD", "RNFR", "RNTO", "SIZE", "MDTM", "CWD" -> FtpError.OPERATE_ERROR;
            case "AUTH" -> FtpError.SSL_AUTH_ERROR;
            case "PBSZ" -> FtpError.SSL_PBSZ_ERROR;
            case "PROT" -> FtpError.SSL_PROT_ERROR;
            default -> FtpError.SERVER_ERROR; // the greeting ("") and anything unexpected
        };
    }

    /** Maps an exception to its SIMCom code and closes the session. */
    private FtpException fail(Throwable e, Op op) {
        FtpException mapped = map(e, op);
        shutdown();
        if (mapped.error() != FtpError.MANUAL_QUIT) {
            log.debug("{}: {}", this, mapped.getMessage());
        }
        return mapped;
    }

    /** The exception side of the table in {@link FtpError}. */
    private FtpException map(Throwable e, Op op) {
        if (aborted) {
            return new FtpException(FtpError.MANUAL_QUIT, "aborted (AT+FTPQUIT)", e);
        }
        if (e instanceof FtpException f) {
            return f;
        }
        String what = e.toString();
        if (e instanceof NetAccess.DnsFailureException || e instanceof UnknownHostException) {
            return new FtpException(FtpError.DNS_ERROR, what, e);
        }
        if (causedBy(e, SocketTimeoutException.class)) {
            // also Commons Net's "Timed out waiting for initial connect reply", a plain IOException around one
            return new FtpException(FtpError.TIMEOUT, what, e);
        }
        if (e instanceof SSLHandshakeException) {
            return new FtpException(FtpError.SSL_ERROR, what, e);
        }
        if (e instanceof SSLException) {
            boolean established = client != null && client.controlTlsUp();
            return new FtpException(established ? FtpError.SSL_FATAL_ALERT : FtpError.SSL_ERROR, what, e);
        }
        if (e instanceof MalformedServerReplyException) {
            return new FtpException(FtpError.REPLY_ERROR, what, e);
        }
        if (e instanceof FTPConnectionClosedException) {
            return new FtpException(FtpError.SERVER_ERROR, what, e);
        }
        if (e instanceof ConnectException || e instanceof NoRouteToHostException
                || e instanceof PortUnreachableException) {
            return new FtpException(FtpError.CONNECT_ERROR, what, e);
        }
        if (op == Op.DOWNLOAD) {
            return new FtpException(FtpError.DOWNLOAD_ERROR, what, e);
        }
        if (op == Op.UPLOAD) {
            return new FtpException(FtpError.UPLOAD_ERROR, what, e);
        }
        if (e instanceof RuntimeException) {
            log.warn("{}: unexpected failure inside the FTP client", this, e);
        }
        return new FtpException(FtpError.NET_ERROR, what, e);
    }

    static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    /** Closes everything; the session is CLOSED for good. */
    private void shutdown() {
        synchronized (lock) {
            state = State.CLOSED;
        }
        transfer = null;
        tracker.closeAll();
        if (client != null) {
            try {
                client.disconnect();
            } catch (IOException | RuntimeException ignored) {
                // the sockets are closed already; disconnect only drops Commons Net's references
            }
        }
    }

    private static int millis(java.time.Duration d) {
        return (int) d.toMillis();
    }

    /** Logs the control dialogue at DEBUG, password masked: what the modem is doing, for demos and bug reports. */
    private final class WireLog implements ProtocolCommandListener {
        private final Timeline timeline = engine.net().timeline();

        @Override
        public void protocolCommandSent(ProtocolCommandEvent event) {
            boolean recording = timeline != null && timeline.isOn();
            if (log.isDebugEnabled() || recording) {
                String line = event.getMessage().strip();
                if ("PASS".equalsIgnoreCase(event.getCommand())) {
                    line = "PASS ****";
                }
                log.debug("{} > {}", FtpSession.this, line);
                if (recording) {
                    timeline.record("ftp > " + line);
                }
            }
        }

        @Override
        public void protocolReplyReceived(ProtocolCommandEvent event) {
            boolean recording = timeline != null && timeline.isOn();
            if (log.isDebugEnabled() || recording) {
                String line = event.getMessage().strip();
                log.debug("{} < {}", FtpSession.this, line);
                if (recording) {
                    timeline.record("ftp < " + line);
                }
            }
        }
    }
}
