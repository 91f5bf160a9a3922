package dev.vmodem.control;

import dev.vmodem.serial.SerialLink;
import dev.vmodem.serial.SerialReceiver;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The modem's power switch, between the transport and the engine: while off, nothing the host sends reaches the
 * modem and nothing the modem would write goes out, as with a module whose supply is cut. The transport itself stays
 * open (the pty keeps its path, the TCP client its connection).
 */
final class PowerGate implements SerialLink, SerialReceiver {

    private final SerialLink link;
    private volatile SerialReceiver receiver;
    private volatile boolean on = true;
    private final AtomicLong ignored = new AtomicLong();

    PowerGate(SerialLink link) {
        this.link = link;
    }

    void power(boolean on) {
        this.on = on;
    }

    boolean isOn() {
        return on;
    }

    /** Host bytes dropped while off since the last call. */
    long takeIgnored() {
        return ignored.getAndSet(0);
    }

    @Override
    public void open(SerialReceiver r) throws IOException {
        this.receiver = r;
        link.open(this);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        if (on) {
            link.write(bytes, offset, length);
        }
    }

    @Override
    public String description() {
        return link.description();
    }

    @Override
    public void close() {
        link.close();
    }

    @Override
    public void received(byte[] bytes, int offset, int length) {
        if (on) {
            receiver.received(bytes, offset, length);
        } else {
            ignored.addAndGet(length);
        }
    }

    @Override
    public void hostAttached() {
        receiver.hostAttached();
    }

    @Override
    public void hostDetached() {
        receiver.hostDetached();
    }
}
