package dev.vmodem.reliability;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A passive-mode FTP server for the replies MINA will not give on demand (421 in the middle of a transfer, 552
 * after the data, 550 on RETR/STOR). Everything else answers like a permissive server. Uploads are kept in
 * {@link #stored} so a test can compare what arrived.
 */
final class MiniFtpServer implements AutoCloseable {

    /** What RETR does. */
    enum Retr {
        /** all of {@link #retrData}, then 226 */
        SEND,
        /** the first half of {@link #retrData}, then 421 on the control connection and both connections closed */
        HALF_THEN_421
    }

    final Map<String, String> replies = new ConcurrentHashMap<>();
    volatile byte[] retrData = new byte[0];
    volatile Retr retr = Retr.SEND;
    /** The reply after a STOR's data was read to its end. */
    volatile String storEnd = "226 Transfer complete.";
    final Map<String, byte[]> stored = new ConcurrentHashMap<>();

    private final ServerSocket listener;
    private final List<AutoCloseable> open = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    MiniFtpServer() throws IOException {
        listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(this::acceptLoop, "mini-ftp-" + listener.getLocalPort());
        t.setDaemon(true);
        t.start();
    }

    int port() {
        return listener.getLocalPort();
    }

    @Override
    public void close() {
        closed = true;
        quiet(listener);
        open.forEach(MiniFtpServer::quiet);
    }

    private static void quiet(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // teardown
        }
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket s = listener.accept();
                open.add(s);
                Thread t = new Thread(() -> serve(s), "mini-ftp-session");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                StandardCharsets.ISO_8859_1));
            OutputStream out = socket.getOutputStream();
            reply(out, "220 mini ready");
            ServerSocket passive = null;
            String line;
            while ((line = in.readLine()) != null) {
                String verb = line.split(" ", 2)[0].toUpperCase(Locale.ROOT);
                String arg = line.contains(" ") ? line.substring(line.indexOf(' ') + 1) : "";
                String scripted = replies.get(verb);
                if (scripted != null) {
                    reply(out, scripted);
                    continue;
                }
                switch (verb) {
                    case "USER" -> reply(out, "331 Need password.");
                    case "PASS" -> reply(out, "230 Logged in.");
                    case "QUIT" -> {
                        reply(out, "221 Bye.");
                        return;
                    }
                    case "PASV" -> {
                        passive = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                        open.add(passive);
                        int port = passive.getLocalPort();
                        reply(out, "227 Entering Passive Mode (127,0,0,1," + (port >> 8) + "," + (port & 0xFF) + ").");
                    }
                    case "RETR" -> {
                        reply(out, "150 Opening data connection.");
                        try (Socket d = passive.accept()) {
                            byte[] data = retrData;
                            if (retr == Retr.HALF_THEN_421) {
                                d.getOutputStream().write(data, 0, data.length / 2);
                                d.getOutputStream().flush();
                                reply(out, "421 Service not available, closing control connection.");
                                return;
                            }
                            d.getOutputStream().write(data);
                        }
                        reply(out, "226 Transfer complete.");
                    }
                    case "STOR", "APPE", "STOU" -> {
                        reply(out, "150 Opening data connection.");
                        ByteArrayOutputStream got = new ByteArrayOutputStream();
                        try (Socket d = passive.accept(); InputStream din = d.getInputStream()) {
                            din.transferTo(got);
                        }
                        stored.put(arg, got.toByteArray());
                        reply(out, storEnd);
                    }
                    case "CWD" -> reply(out, "250 OK.");
                    case "PWD" -> reply(out, "257 \"/\"");
                    default -> reply(out, "200 OK.");
                }
            }
        } catch (IOException e) {
            // the client went away, or the test closed us
        }
    }

    private static void reply(OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    InetSocketAddress address() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), port());
    }
}
