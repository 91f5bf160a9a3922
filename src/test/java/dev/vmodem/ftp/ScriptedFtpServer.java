package dev.vmodem.ftp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.KeyStore;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A tiny FTP server for the failures a real server will not produce on demand, in the spirit of OkHttp's
 * MockWebServer: replies are scripted per verb. By default it behaves like a permissive server (USER 331, PASS 230,
 * TYPE 200, PASV with a real listener, PORT 200, REST 350, RETR/LIST send {@link #retrData}, STOR reads to EOF,
 * AUTH 234 with a real TLS upgrade, PBSZ/PROT 200, QUIT 221). A scripted reply replaces the default; these words
 * are actions instead of replies:
 * <ul>
 *   <li>{@code CLOSE}: close the control connection (orderly FIN);</li>
 *   <li>{@code RESET}: reset it (RST);</li>
 *   <li>{@code SILENT}: never answer;</li>
 *   <li>{@code GARBAGE}: answer with a line that is not FTP;</li>
 *   <li>{@code RAWGARBAGE}: write a forged TLS record under an established TLS layer.</li>
 * </ul>
 * Public so that the AT-level tests ({@code dev.vmodem.commands.ftp.FtpErrorTest}) provoke the same failures through
 * AT+FTPGET/AT+FTPPUT.
 */
public final class ScriptedFtpServer implements AutoCloseable {

    public enum DataAction {
        /** Send {@link #retrData}, close, reply {@link #retrEnd}. */
        SEND,
        /** Send {@link #retrData}, then reset the data connection, then reply {@link #retrEnd}. */
        SEND_THEN_RESET,
        /** Open the data connection and do nothing more: no data, no reply. */
        HOLD
    }

    public volatile String greeting = "220 scripted server ready";
    public final Map<String, String> replies = new ConcurrentHashMap<>();
    public volatile byte[] retrData = new byte[0];
    public volatile String retrEnd = "226 Transfer complete.";
    public volatile DataAction retrAction = DataAction.SEND;
    /** STOR/APPE/STOU: read the data to its end (true) or never read it (false). */
    public volatile boolean storRead = true;
    public volatile String storEnd = "226 Transfer complete.";
    /** Active mode: whether RETR/STOR connect to the client's PORT address at all. */
    public volatile boolean connectBack = true;
    final CountDownLatch dataOpened = new CountDownLatch(1);
    final CountDownLatch controlAccepted = new CountDownLatch(1);

    private final ServerSocket listener;
    private final List<AutoCloseable> open = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    public ScriptedFtpServer() throws IOException {
        listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(this::acceptLoop, "scripted-ftp-" + listener.getLocalPort());
        t.setDaemon(true);
        t.start();
    }

    public int port() {
        return listener.getLocalPort();
    }

    @Override
    public void close() {
        closed = true;
        SocketTracker.closeQuietly(listener);
        for (AutoCloseable c : open) {
            try {
                c.close();
            } catch (Exception ignored) {
                // test teardown
            }
        }
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket s = listener.accept();
                open.add(s);
                controlAccepted.countDown();
                Thread t = new Thread(() -> serve(s), "scripted-ftp-session");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private final class Session {
        Socket raw;
        Socket control;
        BufferedReader in;
        OutputStream out;
        ServerSocket passive;
        InetSocketAddress active;

        void reply(String line) throws IOException {
            out.write((line + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        }

        Socket openData() throws IOException {
            Socket s;
            if (passive != null) {
                s = passive.accept();
            } else if (active != null && connectBack) {
                s = new Socket();
                s.connect(active, 5000);
            } else {
                return null;
            }
            open.add(s);
            dataOpened.countDown();
            return s;
        }
    }

    private void serve(Socket socket) {
        Session s = new Session();
        try {
            s.raw = socket;
            s.control = socket;
            s.in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
            s.out = socket.getOutputStream();
            if (!"SILENT".equals(greeting)) {
                s.reply(greeting);
            }
            String line;
            while ((line = s.in.readLine()) != null) {
                String verb = line.split(" ", 2)[0].toUpperCase(Locale.ROOT);
                String arg = line.contains(" ") ? line.substring(line.indexOf(' ') + 1) : null;
                String scripted = replies.get(verb);
                if (scripted != null) {
                    if (!act(s, scripted)) {
                        return;
                    }
                    continue;
                }
                if (!defaultReply(s, verb, arg)) {
                    return;
                }
            }
        } catch (IOException e) {
            // the client went away, or the test closed us
        }
    }

    /** Returns false when the control connection is done. */
    private boolean act(Session s, String scripted) throws IOException {
        switch (scripted) {
            case "CLOSE" -> {
                s.control.close();
                return false;
            }
            case "RESET" -> {
                s.raw.setSoLinger(true, 0);
                s.raw.close();
                return false;
            }
            case "SILENT" -> {
                return true;
            }
            case "GARBAGE" -> {
                s.reply("hello, this is not FTP");
                return true;
            }
            case "RAWGARBAGE" -> {
                // a well-formed TLS application-data record whose content was never encrypted by us: the client's
                // integrity check fails (bad_record_mac), a fatal alert
                byte[] record = new byte[5 + 48];
                record[0] = 0x17;
                record[1] = 0x03;
                record[2] = 0x03;
                record[4] = 48;
                for (int i = 5; i < record.length; i++) {
                    record[i] = (byte) (i * 31);
                }
                s.raw.getOutputStream().write(record);
                s.raw.getOutputStream().flush();
                return true;
            }
            default -> {
                s.reply(scripted);
                return true;
            }
        }
    }

    private boolean defaultReply(Session s, String verb, String arg) throws IOException {
        switch (verb) {
            case "USER" -> s.reply("331 Need password.");
            case "PASS" -> s.reply("230 Logged in.");
            case "TYPE", "PBSZ", "PROT", "MODE", "STRU" -> s.reply("200 OK.");
            case "REST" -> s.reply("350 Restarting.");
            case "QUIT" -> {
                s.reply("221 Bye.");
                s.control.close();
                return false;
            }
            case "AUTH" -> {
                s.reply("234 Starting TLS.");
                SSLSocket tls = (SSLSocket) serverTls().getSocketFactory().createSocket(s.raw, null,
                        s.raw.getPort(), true);
                tls.setUseClientMode(false);
                tls.startHandshake();
                s.control = tls;
                s.in = new BufferedReader(new InputStreamReader(tls.getInputStream(), StandardCharsets.ISO_8859_1));
                s.out = tls.getOutputStream();
            }
            case "PASV" -> {
                ServerSocket p = new ServerSocket();
                p.setReceiveBufferSize(4096); // small, so that an upload nobody reads blocks soon
                p.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1);
                open.add(p);
                s.passive = p;
                s.active = null;
                int port = p.getLocalPort();
                s.reply("227 Entering Passive Mode (127,0,0,1," + (port >> 8) + "," + (port & 0xFF) + ").");
            }
            case "PORT" -> {
                String[] h = arg.split(",");
                s.active = new InetSocketAddress(h[0] + "." + h[1] + "." + h[2] + "." + h[3],
                        Integer.parseInt(h[4]) * 256 + Integer.parseInt(h[5]));
                s.passive = null;
                s.reply("200 PORT OK.");
            }
            case "RETR", "LIST" -> {
                s.reply("150 Opening data connection.");
                Socket d = s.openData();
                if (d == null || retrAction == DataAction.HOLD) {
                    return true;
                }
                d.getOutputStream().write(retrData);
                d.getOutputStream().flush();
                if (retrAction == DataAction.SEND_THEN_RESET) {
                    d.setSoLinger(true, 0);
                }
                d.close();
                s.reply(retrEnd);
            }
            case "STOR", "APPE", "STOU" -> {
                s.reply("150 Opening data connection.");
                Socket d = s.openData();
                if (d == null || !storRead) {
                    return true;
                }
                try (InputStream in = d.getInputStream()) {
                    in.transferTo(OutputStream.nullOutputStream());
                }
                s.reply(storEnd);
            }
            default -> s.reply("502 Not implemented: " + verb);
        }
        return true;
    }

    private static SSLContext serverTls() throws IOException {
        try {
            SelfSignedKeystore.ensure(FtpTestSupport.KEYSTORE);
            KeyStore ks = KeyStore.getInstance(SelfSignedKeystore.TYPE);
            try (InputStream in = Files.newInputStream(FtpTestSupport.KEYSTORE)) {
                ks.load(in, SelfSignedKeystore.PASSWORD.toCharArray());
            }
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, SelfSignedKeystore.PASSWORD.toCharArray());
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), null, null);
            return ctx;
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException(e);
        }
    }
}
