package dev.vmodem.at.response;

import dev.vmodem.at.command.DataReceiver;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What one command answers, as a value: information lines, optional raw data, then a final result. The
 * {@link ResponseEncoder} turns it into bytes; handlers never touch serial bytes.
 *
 * <pre>
 *   Response.info("+CSQ: 20,0")                    →  \r\n+CSQ: 20,0\r\n\r\nOK\r\n
 *   Response.info("+FTPGET: 2,5").data(bytes)      →  \r\n+FTPGET: 2,5\r\n&lt;5 bytes&gt;\r\nOK\r\n
 *   Response.cme(CmeError.OPERATION_NOT_ALLOWED)   →  \r\nERROR\r\n or \r\n+CME ERROR: 3\r\n
 *   Response.pending()                             →  nothing yet; the final result comes later
 *   Response.info("+FTPPUT: 2,100").receive(r)     →  the header, then the host's bytes go to r
 *   Response.intermediate(dataBegin).thenPending() →  \r\nOk_Info_DataBegin\r\n (1025\r under ATV0), then
 *                                                     data through the context, the final result later
 * </pre>
 */
public final class Response {

    /**
     * A part of the information text: a line, a block of raw bytes, an unsolicited code printed in passing, or an
     * intermediate result code.
     */
    public sealed interface Part permits Line, Data, Unsolicited, Code {
    }

    /** One line of information text, framed by the encoder. */
    public record Line(String text) implements Part {
    }

    /**
     * An unsolicited result code the module prints while this command runs, before its final result: framed on its
     * own, exactly as a queued URC would be ({@code \r\n+SAPBR 1: DEACT\r\n} under ATV1), never merged into the
     * information lines around it. For the few commands whose side effects a SIM800 reports before its OK
     * ({@code AT+CFUN=0} with a bearer open); everything else goes through {@code CommandContext.urc}.
     */
    public record Unsolicited(String text) implements Part {
    }

    /** Raw bytes written as they are (a data block after a header line). */
    public record Data(byte[] bytes, int offset, int length) implements Part {
    }

    /**
     * An intermediate result code: a result code that announces a switch rather than ending the command
     * ({@code CONNECT}, the Multi-Tech {@code Ok_Info_DataBegin}). It looks exactly like a final result (ATV1 word,
     * ATV0 number, nothing under ATQ1); the command goes on with data and ends with its own final result.
     */
    public record Code(Final code) implements Part {
    }

    private static final Response OK = new Response(List.of(), Final.OK, null, false);
    private static final Response ERROR = new Response(List.of(), Final.ERROR, null, false);

    private final List<Part> parts;
    private final Final result;
    private final DataReceiver receiver;
    private final boolean pending;

    private Response(List<Part> parts, Final result, DataReceiver receiver, boolean pending) {
        this.parts = parts;
        this.result = result;
        this.receiver = receiver;
        this.pending = pending;
    }

    public static Response ok() {
        return OK;
    }

    public static Response error() {
        return ERROR;
    }

    public static Response cme(int code) {
        return new Response(List.of(), Final.cme(code), null, false);
    }

    public static Response of(Final result) {
        return new Response(List.of(), result, null, false);
    }

    /** Information lines followed by OK. */
    public static Response info(String... lines) {
        List<Part> p = new ArrayList<>(lines.length);
        for (String l : lines) {
            p.add(new Line(l));
        }
        return new Response(p, Final.OK, null, false);
    }

    /** Information lines followed by OK. */
    public static Response info(List<String> lines) {
        return info(lines.toArray(new String[0]));
    }

    /**
     * An intermediate result code (see {@link Code}) followed by OK; use {@link #thenPending()} or
     * {@link #receive(DataReceiver)} to go on after it.
     */
    public static Response intermediate(Final code) {
        return new Response(List.of(new Code(code)), Final.OK, null, false);
    }

    /** No final result now: the handler completes the command later through its context. */
    public static Response pending() {
        return new Response(List.of(), null, null, true);
    }

    /** This response's parts with a block of raw bytes appended (the array is not copied). */
    public Response data(byte[] bytes, int offset, int length) {
        List<Part> p = new ArrayList<>(parts);
        p.add(new Data(bytes, offset, length));
        return new Response(p, result, receiver, pending);
    }

    public Response data(byte[] bytes) {
        return data(bytes, 0, bytes.length);
    }

    /**
     * This response preceded by unsolicited result codes, each framed on its own (see {@link Unsolicited}):
     * {@code Response.info("+CPIN: NOT READY").precededBy(List.of("+SAPBR 1: DEACT"))} encodes as
     * {@code \r\n+SAPBR 1: DEACT\r\n\r\n+CPIN: NOT READY\r\n\r\nOK\r\n}.
     */
    public Response precededBy(List<String> urcs) {
        if (urcs.isEmpty()) {
            return this;
        }
        List<Part> p = new ArrayList<>(urcs.size() + parts.size());
        for (String u : urcs) {
            p.add(new Unsolicited(u));
        }
        p.addAll(parts);
        return new Response(p, result, receiver, pending);
    }

    /** The same parts, ending with another final result. */
    public Response withFinal(Final f) {
        return new Response(parts, f, receiver, false);
    }

    /** The same parts, with no final result yet (it comes later through the context). */
    public Response thenPending() {
        return new Response(parts, null, receiver, true);
    }

    /**
     * After the parts are written the line switches to data mode and the host's bytes go to {@code r}; the final
     * result is the one {@link DataReceiver#finish()} returns.
     */
    public Response receive(DataReceiver r) {
        return new Response(parts, null, r, false);
    }

    public List<Part> parts() {
        return Collections.unmodifiableList(parts);
    }

    /** The final result, or null when the command is pending or switches to data mode. */
    public Final result() {
        return result;
    }

    public DataReceiver receiver() {
        return receiver;
    }

    public boolean isPending() {
        return pending;
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        for (Part p : parts) {
            b.append(p instanceof Line l ? l.text() : p instanceof Unsolicited u ? "(urc) " + u.text()
                : p instanceof Code c ? "(code) " + c.code()
                : "<" + ((Data) p).length() + " bytes>").append(" | ");
        }
        return b.append(pending ? "(pending)" : receiver != null ? "(data mode)" : result).toString();
    }
}
