package dev.vmodem.at.command;

import dev.vmodem.at.Settings;
import dev.vmodem.at.response.Response;
import dev.vmodem.time.Scheduler;

/**
 * What a handler may do besides answering: read and change the line settings, queue unsolicited result codes,
 * finish a pending command, stream raw data while its command is pending, and run code under the engine's lock
 * from another thread.
 */
public interface CommandContext {

    /** The line settings (echo, verbose, quiet, CMEE, S-registers...). */
    Settings settings();

    /** The modem's clock. */
    Scheduler scheduler();

    /**
     * Queues an unsolicited result code. It is written at once when the line is idle, otherwise after the current
     * response: never inside one. Safe from any thread.
     */
    void urc(String text);

    /** Finishes the pending command with this response (its final result ends or continues the line). Any thread. */
    void complete(Response response);

    /**
     * Writes raw bytes to the host while this command is pending (a streamed download). Any thread; blocks while the
     * serial line cannot take more.
     */
    void writeData(byte[] bytes, int offset, int length);

    /** Runs {@code task} under the engine's lock, then writes what it produced. Safe from any thread. */
    void execute(Runnable task);

    /**
     * Runs {@code task} once what the current step produced has been written to the host, outside the engine's
     * lock; at once when called outside a step. For waking another thread (a transfer's worker) without making the
     * host wait for that wake-up: waking a thread can cost tens of microseconds when its CPU sleeps.
     */
    void afterOutput(Runnable task);

    /** Ends the current data phase early (a data timeout), answering with {@code response}. Any thread. */
    void endDataMode(DataReceiver receiver, Response response);
}
