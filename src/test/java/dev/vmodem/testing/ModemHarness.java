package dev.vmodem.testing;

import dev.vmodem.config.Config;
import dev.vmodem.control.VirtualModem;
import dev.vmodem.modem.Modem;
import dev.vmodem.serial.SerialLink;
import dev.vmodem.serial.SerialReceiver;
import dev.vmodem.time.VirtualScheduler;
import dev.vmodem.trace.Transcript;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * A modem on virtual time with an in-process line, in the spirit of Netty's EmbeddedChannel: send bytes, then take
 * exactly what the modem wrote. Everything runs on the test's thread unless a handler hands work to another one.
 * It is a {@link VirtualModem} on a line without a buffer limit, so {@link #transcript()} has what was said.
 */
public final class ModemHarness implements AutoCloseable {

    public final VirtualScheduler time = new VirtualScheduler();
    public final Modem modem;
    public final VirtualModem virtualModem;
    private final ByteArrayOutputStream written = new ByteArrayOutputStream();
    private SerialReceiver receiver;

    public ModemHarness() {
        this(b -> { });
    }

    public ModemHarness(Consumer<VirtualModem.Builder> customise) {
        VirtualModem.Builder b = VirtualModem.builder().scheduler(time).config(Config.defaults());
        customise.accept(b);
        try {
            virtualModem = b.link(new SerialLink() {
                @Override
                public void open(SerialReceiver r) {
                    receiver = r;
                }

                @Override
                public void write(byte[] bytes, int offset, int length) {
                    synchronized (written) {
                        written.write(bytes, offset, length);
                    }
                }

                @Override
                public String description() {
                    return "harness";
                }

                @Override
                public void close() {
                }
            }).start();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        modem = virtualModem.modem();
    }

    /** What was said so far, with notes. */
    public Transcript transcript() {
        return virtualModem.transcript();
    }

    /** Powers on fully (runs the boot codes) and discards what they wrote. */
    public ModemHarness booted() {
        time.advance(java.time.Duration.ofSeconds(10));
        take();
        return this;
    }

    public void send(byte[] bytes) {
        receiver.received(bytes, 0, bytes.length);
    }

    public void send(String s) {
        send(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Sends bytes in chunks of {@code size} (1 = one byte at a time). */
    public void sendChunked(byte[] bytes, int size) {
        for (int i = 0; i < bytes.length; i += size) {
            receiver.received(bytes, i, Math.min(size, bytes.length - i));
        }
    }

    /** Everything written since the last take. */
    public byte[] takeBytes() {
        synchronized (written) {
            byte[] b = written.toByteArray();
            written.reset();
            return b;
        }
    }

    /** Everything written since the last take, as ISO-8859-1 text (one char per byte). */
    public String take() {
        return new String(takeBytes(), StandardCharsets.ISO_8859_1);
    }

    /** Sends a line and returns the whole answer (echo included). */
    public String exchange(String line) {
        send(line);
        return take();
    }

    @Override
    public void close() {
        virtualModem.close();
    }
}
