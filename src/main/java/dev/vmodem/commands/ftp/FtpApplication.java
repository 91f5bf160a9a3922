package dev.vmodem.commands.ftp;

import dev.vmodem.at.command.CommandContext;
import dev.vmodem.modem.Modem;
import dev.vmodem.net.Network;
import dev.vmodem.store.ByteStore;
import dev.vmodem.time.Scheduler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SIMCom FTP application of one modem: the parameters (AT+FTPSERV...), the operation in progress, the 300 KB RAM
 * buffer, the module file system and the saved context. Every field is guarded by the AT engine's lock: handlers run
 * under it, workers come back through {@link #execute}.
 *
 * <p>At most one operation runs at a time ({@link #current()}); AT+FTPSTATE shows whether one does. A second one is
 * answered {@code OK} and then its failure URC with 66 ("Operation not allow"), as IPAN 3.13 shows for a second
 * AT+FTPPUT=1; the running one goes on.
 */
final class FtpApplication {

    private static final Logger log = LoggerFactory.getLogger(FtpApplication.class);
    static final String CONTEXT_FILE = "ftp-context.properties";

    private final Modem modem;
    private final CommandContext ctx;
    private final FtpSettings settings;
    private final FtpParameters parameters = new FtpParameters();
    private final ModuleFileSystem fs;
    private volatile ByteStore store;
    private volatile FtpOperation current;
    private Properties saved;

    /** AT+FTPEXTPUT mode (0 default, 1 extended: AT+FTPPUT=1 uploads the RAM buffer). */
    int extPutMode;
    /** AT+FTPFILEPUT mode (0 off, 1: a file was loaded into the RAM buffer for the next AT+FTPPUT=1). */
    int filePutMode;
    /** The last AT+FTPEXTGET=1 download (progress for the read form). */
    ToStoreOperation extGet;
    /** The last AT+FTPGETTOFS download. */
    ToFileOperation getToFs;
    /** The last AT+FTPPUTFRMFS upload. */
    BulkPutOperation putFromFs;

    FtpApplication(Modem modem, CommandContext ctx) {
        this.modem = modem;
        this.ctx = ctx;
        this.settings = FtpSettings.from(modem.profile(), modem.config());
        this.fs = new ModuleFileSystem(modem.stateDir());
        loadContext();
        modem.onRestart(this::restart);
        modem.onPowerOff(this::abandonCurrent);
    }

    /**
     * The power is going (AT+CFUN=1,1), before the radio resets the sockets (under the engine lock): the running
     * operation ends without a report, so its worker, failing on the reset sockets, reports nothing either.
     */
    void abandonCurrent() {
        abandonCurrent("power off");
    }

    private void abandonCurrent(String why) {
        FtpOperation op = current;
        if (op != null) {
            log.info("{}: {} ends without a report", why, op.name());
            op.abandon();
        }
        current = null;
    }

    /**
     * AT+CFUN=1,1 (under the engine lock): the module's RAM is gone. The running operation ends without a report and
     * its worker is released; the parameters come back from the saved context (AT+FTPSCONT) or the defaults; the RAM
     * buffer and the AT+FTPEXTPUT/AT+FTPFILEPUT modes are cleared. The module file system (flash) stays.
     */
    void restart() {
        abandonCurrent("restart");
        parameters.reset();
        if (saved != null) {
            parameters.load(saved);
        }
        extPutMode = 0;
        filePutMode = 0;
        clearStore();
        extGet = null;
        getToFs = null;
        putFromFs = null;
    }

    FtpParameters parameters() {
        return parameters;
    }

    FtpSettings settings() {
        return settings;
    }

    Network network() {
        return modem.network();
    }

    Scheduler scheduler() {
        return modem.scheduler();
    }

    CommandContext context() {
        return ctx;
    }

    ModuleFileSystem fileSystem() {
        return fs;
    }

    /** The RAM buffer, made on first use (it allocates nothing until written). */
    ByteStore store() {
        if (store == null) {
            store = new ByteStore();
        }
        return store;
    }

    /** Empties the RAM buffer and drops its memory. */
    void clearStore() {
        if (store != null) {
            store.clear();
        }
    }

    /** For the control API's state ({@code Modem#publishStatus}): the FTP session, read from any thread. */
    java.util.Map<String, Object> status() {
        FtpOperation op = current;
        java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("state", op == null ? 0 : 1);
        m.put("operation", op == null ? null : op.name());
        m.put("server", parameters.server + ":" + parameters.port);
        return m;
    }

    /** For the control API's state: the 300 KB RAM buffer's use, read from any thread. */
    java.util.Map<String, Object> storeStatus() {
        ByteStore s = store;
        java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("capacity", s == null ? ByteStore.DEFAULT_CAPACITY : s.capacity());
        m.put("length", s == null ? 0 : s.length());
        m.put("allocated", s == null ? 0 : s.allocatedBytes());
        return m;
    }

    /** The operation in progress, or null. */
    FtpOperation current() {
        return current;
    }

    /** The operation in progress if it is of this type, else null. */
    <T extends FtpOperation> T current(Class<T> type) {
        return type.isInstance(current) ? type.cast(current) : null;
    }

    /**
     * Starts {@code op} unless another operation runs; then {@code op}'s failure URC with 66 is queued instead (the
     * command itself still answers OK). Under the engine lock.
     */
    void start(FtpOperation op) {
        if (current != null) {
            log.info("{} refused: {} is in progress (66)", op.name(), current.name());
            urc(op.failureUrc(66));
            return;
        }
        op.start();
    }

    void begin(FtpOperation op) {
        current = op;
    }

    void finished(FtpOperation op) {
        if (current == op) {
            current = null;
        }
    }

    void urc(String text) {
        ctx.urc(text);
    }

    /** Runs {@code task} under the engine lock (from a worker or a timer). */
    void execute(Runnable task) {
        ctx.execute(task);
    }

    /** Runs {@code task} once the current answer is written to the host (see {@link CommandContext#afterOutput}). */
    void afterOutput(Runnable task) {
        ctx.afterOutput(task);
    }

    // ---- AT+FTPSCONT ----

    /** Whether the parameters equal the saved context (AT+FTPSCONT? mode 0) or not (1). */
    boolean contextSaved() {
        return saved != null && saved.equals(parameters.toProperties());
    }

    /** AT+FTPSCONT: saves the parameters so that they survive a restart. False if no state directory. */
    boolean saveContext() {
        Properties p = parameters.toProperties();
        saved = p;
        Path dir = modem.stateDir();
        if (dir == null) {
            log.info("FTP context kept in memory only: no state directory");
            return true;
        }
        try {
            Files.createDirectories(dir);
            try (OutputStream out = Files.newOutputStream(dir.resolve(CONTEXT_FILE))) {
                p.store(out, "FTP context saved by AT+FTPSCONT");
            }
            return true;
        } catch (IOException e) {
            log.warn("cannot save the FTP context to {}: {}", dir, e.getMessage());
            return false;
        }
    }

    private void loadContext() {
        Path dir = modem.stateDir();
        if (dir == null) {
            return;
        }
        Path f = dir.resolve(CONTEXT_FILE);
        if (!Files.isRegularFile(f)) {
            return;
        }
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(f)) {
            p.load(in);
            parameters.load(p);
            saved = parameters.toProperties();
            log.debug("FTP context loaded from {}", f);
        } catch (IOException | RuntimeException e) {
            log.warn("cannot read the saved FTP context {}: {}", f, e.getMessage());
        }
    }
}
