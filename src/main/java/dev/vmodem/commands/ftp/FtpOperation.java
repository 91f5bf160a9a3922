package dev.vmodem.commands.ftp;

import dev.vmodem.ftp.DataMode;
import dev.vmodem.ftp.FtpEngine;
import dev.vmodem.ftp.FtpError;
import dev.vmodem.ftp.FtpException;
import dev.vmodem.ftp.FtpOptions;
import dev.vmodem.ftp.FtpSecurity;
import dev.vmodem.ftp.FtpSession;
import dev.vmodem.ftp.TransferType;
import dev.vmodem.net.NetAccess;
import dev.vmodem.net.NetErrorException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One FTP operation of the AT layer (a GET session, a PUT session, a DELE...): from the command that starts it to
 * the URC that ends it. While one runs, AT+FTPSTATE reads 1 and other operations are refused with 66.
 *
 * <p>Life: {@link #start()} (under the engine lock, from the handler) hands {@link #run()} to a worker thread,
 * which checks the parameters, gets network access on AT+FTPCID's bearer (61 when it is not open), connects and
 * calls {@link #work}. The operation ends exactly once, under the engine lock: {@link #succeed} or {@link #fail}
 * (each with its URC), or {@link #quit()} (AT+FTPQUIT, manual quit). Worker callbacks that come after the end are
 * ignored, so a late failure of an aborted session never prints a second URC.
 *
 * <p>The parameters are a snapshot taken at start: changing AT+FTPSERV... during a session affects the next one.
 */
abstract class FtpOperation {

    private static final Logger log = LoggerFactory.getLogger(FtpOperation.class);

    protected final FtpApplication app;
    protected final FtpParameters params;
    private final String name;
    private volatile FtpSession session;
    private volatile boolean ended;

    FtpOperation(FtpApplication app, String name) {
        this.app = app;
        this.params = app.parameters().copy();
        this.name = name;
    }

    /** The URC that reports a failure with {@code code} ("+FTPGET: 1,64"; "+FTPSIZE: 1,62,0"...). */
    abstract String failureUrc(int code);

    /** The blocking part, on a worker thread, with a connected session. */
    abstract void work(FtpSession session) throws FtpException;

    /** Checks made before any network I/O (a missing file name); throw to fail. */
    void check() throws FtpException {
    }

    /** Called once when the operation ends (under the engine lock): timers, buffers. */
    void ended() {
    }

    /** Called once after the ending URC was queued (under the engine lock). */
    void afterEnd() {
    }

    /** Whether a session may skip connecting (the operation does everything in {@link #check()}). */
    boolean needsNetwork() {
        return true;
    }

    final boolean isEnded() {
        return ended;
    }

    final String name() {
        return name;
    }

    /** Under the engine lock: makes this the current operation and starts the worker. */
    final void start() {
        app.begin(this);
        FtpWorkers.run(this::run);
    }

    private void run() {
        FtpEngine engine = null;
        FtpSession s = null;
        try {
            check();
            if (!needsNetwork()) {
                return;
            }
            NetAccess net = app.network().access(params.cid);
            engine = new FtpEngine(net);
            s = engine.newSession(options());
            session = s;
            if (ended) {
                s.abort();
                return;
            }
            s.connect();
            work(s);
        } catch (FtpException e) {
            log.debug("{}: {}", name, e.getMessage());
            FtpError error = e.error();
            if (error != FtpError.MANUAL_QUIT && !app.network().bearers().isOpen(params.cid)) {
                // whatever broke first (data read, control reply), the cause is the bearer: 61, as documented
                log.info("{}: bearer {} went away during the session: {} reported as 61", name, params.cid,
                    error.code());
                error = FtpError.NET_ERROR;
            }
            fail(error);
        } catch (NetErrorException e) {
            log.info("{}: no network: {}", name, e.getMessage());
            fail(FtpError.NET_ERROR);
        } catch (RuntimeException e) {
            log.error("{}: unexpected failure", name, e);
            fail(FtpError.NET_ERROR);
        } finally {
            if (s != null) {
                s.quit();
            }
            if (engine != null) {
                engine.close();
            }
        }
    }

    private FtpOptions options() {
        FtpSettings st = app.settings();
        return FtpOptions.builder(params.server).port(params.port).user(params.user).password(params.password)
            .dataMode(DataMode.ofAtValue(params.mode)).type(TransferType.ofAtValue(params.type))
            .security(FtpSecurity.ofAtValue(params.ssl)).connectTimeout(st.connectTimeout())
            .replyTimeout(st.replyTimeout()).dataTimeout(st.dataTimeout()).build();
    }

    /** From any thread: ends the operation with its failure URC (ignored if it has ended already). */
    final void fail(FtpError error) {
        postFailure(() -> failNow(error.code(app.settings().manualQuitCode())));
    }

    /** How a failure found on the worker reaches the engine: at once, under its lock. */
    void postFailure(Runnable report) {
        app.execute(report);
    }

    /** Under the engine lock: ends the operation with the failure URC for {@code code}. */
    final void failNow(int code) {
        if (end()) {
            app.urc(failureUrc(code));
            afterEnd();
        }
    }

    /** From any thread: ends the operation with {@code urc}, unless it has ended already. */
    final void succeed(String urc) {
        app.execute(() -> {
            if (end()) {
                app.urc(urc);
                afterEnd();
            }
        });
    }

    /** AT+FTPQUIT, under the engine lock: ends at once with manual quit and aborts the session. */
    final void quit() {
        failNow(app.settings().manualQuitCode());
        quitSession();
    }

    /** Closes the session's sockets at once (the worker then fails, and is ignored). Any thread. */
    final void quitSession() {
        FtpSession s = session;
        if (s != null) {
            s.abort();
        }
    }

    /**
     * A restart (AT+CFUN=1,1), under the engine lock: ends at once without any report, as the module's power went,
     * and aborts the session so the worker's blocking I/O fails and the worker returns (its report is ignored).
     */
    final void abandon() {
        if (ended) {
            return;
        }
        ended = true;
        app.finished(this);
        abandoned();
        quitSession();
    }

    /** Like {@link #ended()}, for {@link #abandon()}: release what the operation holds, write nothing. */
    void abandoned() {
        ended();
    }

    /** Marks the end (under the engine lock); false if it had ended already. */
    final boolean end() {
        if (ended) {
            return false;
        }
        ended = true;
        app.finished(this);
        ended();
        return true;
    }

    /** A failure before any I/O, with the SIMCom code of {@code error}. */
    static FtpException failure(FtpError error, String why) {
        return new FtpException(error, why, null);
    }

    /** Remote path from a folder and a name: "/" + "1K.txt" → "/1K.txt"; "" + "a" → "a". */
    static String join(String path, String name) {
        if (path.isEmpty()) {
            return name;
        }
        return path.endsWith("/") ? path + name : path + "/" + name;
    }

    /** The file named by AT+FTPGETPATH/AT+FTPGETNAME; fails with the profile's code when the name is empty. */
    final String getFile() throws FtpException {
        requireName(params.getName);
        return join(params.getPath, params.getName);
    }

    final void requireName(String n) throws FtpException {
        if (n.isEmpty()) {
            FtpError e = FtpError.ofCode(app.settings().missingNameCode());
            throw failure(e == null ? FtpError.OPERATION_NOT_ALLOWED : e, name + ": empty file name");
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
