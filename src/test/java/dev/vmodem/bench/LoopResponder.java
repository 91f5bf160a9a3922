package dev.vmodem.bench;

import dev.vmodem.serial.SerialLink;
import dev.vmodem.serial.SerialReceiver;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The baseline for the FTP loop figures: it answers the loops' commands with the very bytes vmodem sends, with no
 * FTP and no command engine behind them, over the same transport. Each answer is one write, as vmodem's is. The
 * host code of a loop cannot tell the two apart, so what the loop gets from it is what the transport allows.
 *
 * <pre>
 *   AT+FTPGET=1        \r\nOK\r\n\r\n+FTPGET: 1,1\r\n
 *   AT+FTPGET=2,n      \r\n+FTPGET: 2,k\r\n&lt;k bytes of the file&gt;\r\nOK\r\n    (then \r\n+FTPGET: 1,0\r\n at its end)
 *   AT+FTPPUT=1        \r\nOK\r\n\r\n+FTPPUT: 1,1,1360\r\n
 *   AT+FTPPUT=2,n      \r\n+FTPPUT: 2,n\r\n, then n bytes are taken, then \r\nOK\r\n\r\n+FTPPUT: 1,1,1360\r\n
 *   AT+FTPPUT=2,0      \r\nOK\r\n\r\n+FTPPUT: 1,0\r\n
 *   anything else      \r\nOK\r\n
 * </pre>
 */
final class LoopResponder implements SerialReceiver {

    static final int PUT_MAX = 1360;
    private static final int LINE_MAX = 64;

    private final SerialLink link;
    private final byte[] file;
    private final ByteArrayOutputStream uploaded = new ByteArrayOutputStream();
    private final byte[] line = new byte[LINE_MAX];
    private final byte[] answer = new byte[2048];
    private int lineLength;
    private int served;
    private int receiving;

    LoopResponder(SerialLink link, byte[] file) {
        this.link = link;
        this.file = file;
    }

    /** What AT+FTPPUT=2 blocks brought. */
    synchronized byte[] uploaded() {
        return uploaded.toByteArray();
    }

    @Override
    public synchronized void received(byte[] bytes, int offset, int length) {
        int end = offset + length;
        int i = offset;
        while (i < end) {
            if (receiving > 0) {
                int n = Math.min(receiving, end - i);
                uploaded.write(bytes, i, n);
                receiving -= n;
                i += n;
                if (receiving == 0) {
                    send("\r\nOK\r\n\r\n+FTPPUT: 1,1," + PUT_MAX + "\r\n");
                }
                continue;
            }
            byte c = bytes[i++];
            if (c != '\r') {
                if (lineLength < LINE_MAX) {
                    line[lineLength++] = c;
                }
                continue;
            }
            String command = new String(line, 0, lineLength, StandardCharsets.ISO_8859_1);
            lineLength = 0;
            answer(command);
        }
    }

    private void answer(String command) {
        if (command.equals("AT+FTPGET=1")) {
            send("\r\nOK\r\n\r\n+FTPGET: 1,1\r\n");
        } else if (command.startsWith("AT+FTPGET=2,")) {
            int n = Math.min(Integer.parseInt(command.substring(12)), file.length - served);
            int at = put(0, "\r\n+FTPGET: 2," + n + "\r\n");
            System.arraycopy(file, served, answer, at, n);
            served += n;
            at = put(at + n, served == file.length && n > 0 ? "\r\nOK\r\n\r\n+FTPGET: 1,0\r\n" : "\r\nOK\r\n");
            write(answer, at);
        } else if (command.equals("AT+FTPPUT=1")) {
            send("\r\nOK\r\n\r\n+FTPPUT: 1,1," + PUT_MAX + "\r\n");
        } else if (command.startsWith("AT+FTPPUT=2,")) {
            int n = Integer.parseInt(command.substring(12));
            if (n == 0) {
                send("\r\nOK\r\n\r\n+FTPPUT: 1,0\r\n");
            } else {
                send("\r\n+FTPPUT: 2," + n + "\r\n");
                receiving = n;
            }
        } else {
            send("\r\nOK\r\n");
        }
    }

    private int put(int at, String s) {
        for (int i = 0; i < s.length(); i++) {
            answer[at + i] = (byte) s.charAt(i);
        }
        return at + s.length();
    }

    private void send(String s) {
        write(answer, put(0, s));
    }

    private void write(byte[] b, int length) {
        try {
            link.write(b, 0, length);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
