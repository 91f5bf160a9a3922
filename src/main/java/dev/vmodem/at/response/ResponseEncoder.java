package dev.vmodem.at.response;

import dev.vmodem.at.Settings;
import dev.vmodem.util.ByteSink;
import java.nio.charset.StandardCharsets;

/**
 * Formats responses and unsolicited result codes as bytes, following ATV, ATQ, AT+CMEE and S3/S4.
 *
 * <pre>
 *   ATV1: information  \r\n&lt;line&gt;\r\n&lt;line&gt;\r\n      final  \r\nOK\r\n
 *   ATV0: information  &lt;line&gt;\r\n&lt;line&gt;\r\n          final  0\r
 *   ATQ1: information as above, no final result code
 *   CMEE: 0 → ERROR (4), 1 → +CME ERROR: 3, 2 → +CME ERROR: operation not allowed
 * </pre>
 *
 * Each command's information block starts with its own header (\r\n under ATV1), as a SIM800 frames
 * {@code AT+GSV;+GSN}. An {@link Response.Unsolicited} part is framed as a URC and the information text after it
 * starts a new block. An intermediate result code ({@link Response.Code}) is written like a final result.
 */
public final class ResponseEncoder {

    private ResponseEncoder() {
    }

    /** Writes one command's information parts (lines and raw data). */
    public static void encodeParts(Response r, Settings s, ByteSink out) {
        boolean first = true;
        boolean afterData = false;
        for (Response.Part p : r.parts()) {
            if (p instanceof Response.Unsolicited || p instanceof Response.Code) {
                if (p instanceof Response.Unsolicited u) {
                    encodeUrc(u.text(), s, out);
                } else {
                    encodeFinal(((Response.Code) p).code(), s, out);
                }
                // the information text that follows starts a block of its own
                first = true;
                afterData = false;
                continue;
            }
            if (p instanceof Response.Line line) {
                if ((first || afterData) && s.verbose) {
                    crlf(s, out);
                }
                ascii(line.text(), out);
                crlf(s, out);
                afterData = false;
            } else {
                Response.Data d = (Response.Data) p;
                out.write(d.bytes(), d.offset(), d.length());
                afterData = true;
            }
            first = false;
        }
    }

    /** Writes a final result, or nothing under ATQ1 or for {@link Final#NONE}. */
    public static void encodeFinal(Final f, Settings s, ByteSink out) {
        if (f.kind() == Final.Kind.NONE || s.quiet) {
            return;
        }
        if (f.kind() == Final.Kind.CME) {
            if (s.cmee == 0) {
                f = Final.ERROR;
            } else {
                String text = f.prefix() + ": " + (s.cmee == 1 ? f.numeric() : f.verbose());
                if (s.verbose) {
                    crlf(s, out);
                }
                ascii(text, out);
                crlf(s, out);
                return;
            }
        }
        if (s.verbose) {
            crlf(s, out);
            ascii(f.verbose(), out);
            crlf(s, out);
        } else {
            ascii(f.numeric(), out);
            out.write(s.s3());
        }
    }

    /** Writes an unsolicited result code. */
    public static void encodeUrc(String text, Settings s, ByteSink out) {
        if (s.verbose) {
            crlf(s, out);
        }
        ascii(text, out);
        crlf(s, out);
    }

    private static void crlf(Settings s, ByteSink out) {
        out.write(s.s3());
        out.write(s.s4());
    }

    private static void ascii(String text, ByteSink out) {
        int n = text.length();
        boolean plain = true;
        for (int i = 0; i < n; i++) {
            if (text.charAt(i) > 0xff) {
                plain = false;
                break;
            }
        }
        if (plain) {
            for (int i = 0; i < n; i++) {
                out.write((byte) text.charAt(i));
            }
        } else {
            byte[] b = text.getBytes(StandardCharsets.UTF_8);
            out.write(b, 0, b.length);
        }
    }
}
