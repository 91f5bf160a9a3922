package dev.vmodem.ftp;

import dev.vmodem.net.NetAccess;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The modem's FTP client: makes {@link FtpSession}s that reach the network through one {@link NetAccess}. One
 * engine serves any number of modems and sessions; it holds only a TLS context and, once an upload has run, one
 * daemon watchdog thread that enforces the data timeout on writes (one check per upload, not per write).
 *
 * <pre>
 *   FtpEngine engine = new FtpEngine(net);
 *   try (FtpSession s = engine.open(FtpOptions.builder("116.228.221.52").user("sim.cs1").password("pw").build());
 *        FtpDownload d = s.retrieve("/1K.txt", 0)) {
 *       byte[] block = new byte[1460];
 *       for (int n; (n = d.read(block, 0, block.length)) &gt;= 0; ) { ... }   // -1 only after "226"
 *   } catch (FtpException e) {
 *       report("+FTPGET: 1," + e.error().code(86));
 *   }
 * </pre>
 *
 * <p>Nothing outside this package sees Apache Commons Net: the AT layer works with {@link FtpSession},
 * {@link FtpDownload}, {@link FtpUpload}, {@link FtpException} and {@link FtpError}.
 */
public final class FtpEngine implements AutoCloseable {

    private final NetAccess net;
    private final SSLContext tls;
    private ScheduledThreadPoolExecutor watchdog; // guarded by this, created on first use

    public FtpEngine(NetAccess net) {
        this.net = Objects.requireNonNull(net, "net");
        this.tls = trustAllContext();
    }

    public NetAccess net() {
        return net;
    }

    /** A session that has done no I/O yet: call {@link FtpSession#connect()} (abortable from another thread). */
    public FtpSession newSession(FtpOptions options) {
        return new FtpSession(this, Objects.requireNonNull(options, "options"));
    }

    /** {@link #newSession} and {@link FtpSession#connect()}. */
    public FtpSession open(FtpOptions options) throws FtpException {
        FtpSession s = newSession(options);
        s.connect();
        return s;
    }

    /** Stops the watchdog thread, if any. Sessions still open keep working; an upload would start it again. */
    @Override
    public synchronized void close() {
        if (watchdog != null) {
            watchdog.shutdownNow();
            watchdog = null;
        }
    }

    SSLContext tls() {
        return tls;
    }

    /** Starts {@code watch} on a daemon thread of its own (it ends when its session's control connection does). */
    void startWatch(ControlWatch watch) {
        Thread t = new Thread(watch, "ftp-control-watch");
        t.setDaemon(true);
        t.start();
    }

    synchronized ScheduledExecutorService watchdog() {
        if (watchdog == null || watchdog.isShutdown()) {
            watchdog = new ScheduledThreadPoolExecutor(1, r -> {
                Thread t = new Thread(r, "ftp-write-watchdog");
                t.setDaemon(true);
                return t;
            });
            watchdog.setRemoveOnCancelPolicy(true); // cancelled checks of finished uploads must not pile up
        }
        return watchdog;
    }

    /**
     * TLS that accepts any server certificate: the emulator talks to self-signed servers (its own embedded one
     * first of all), as a modem with AT+SSLOPT=0,1 ("ignore invalid certificate") does.
     */
    private static SSLContext trustAllContext() {
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new TrustManager[] {new TrustAll()}, null);
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no TLS in this JVM", e);
        }
    }

    /** Extended, so that the JDK does not wrap it with host name checks of its own. */
    private static final class TrustAll extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
