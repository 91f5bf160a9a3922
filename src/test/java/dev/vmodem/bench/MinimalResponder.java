package dev.vmodem.bench;

import dev.vmodem.serial.SerialLink;
import dev.vmodem.serial.SerialReceiver;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The baseline the end-to-end figures are compared with: a few lines that answer {@code \r\nOK\r\n} to every
 * {@code \r}, over the same transport. What vmodem costs on top of it is its own.
 */
final class MinimalResponder implements SerialReceiver {

    private static final byte[] OK = "\r\nOK\r\n".getBytes(StandardCharsets.ISO_8859_1);
    private final SerialLink link;

    MinimalResponder(SerialLink link) {
        this.link = link;
    }

    @Override
    public void received(byte[] bytes, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            if (bytes[i] == '\r') {
                try {
                    link.write(OK, 0, OK.length);
                } catch (IOException e) {
                    return;
                }
            }
        }
    }
}
