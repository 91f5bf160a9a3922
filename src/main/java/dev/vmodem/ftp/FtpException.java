package dev.vmodem.ftp;

import java.io.IOException;

/**
 * An FTP operation failed; {@link #error()} is the SIMCom code to report. When a server reply caused it,
 * {@link #replyCode()} and {@link #reply()} hold it, and the message names the command:
 * {@code "77 Operate error: DELE /missing.txt -> 550 No such file or directory."}.
 */
public final class FtpException extends IOException {

    private final FtpError error;
    private final int replyCode;
    private final String reply;

    /** A failure caused by a negative server reply. */
    public FtpException(FtpError error, String command, int replyCode, String reply) {
        super(error + ": " + command + " -> " + oneLine(reply));
        this.error = error;
        this.replyCode = replyCode;
        this.reply = reply;
    }

    /** A failure with no reply behind it (network, state, abort). */
    public FtpException(FtpError error, String detail, Throwable cause) {
        super(error + ": " + detail, cause);
        this.error = error;
        this.replyCode = -1;
        this.reply = null;
    }

    public FtpError error() {
        return error;
    }

    /** The server's reply code, or -1 when no reply caused this. */
    public int replyCode() {
        return replyCode;
    }

    /** The server's reply text, or null. */
    public String reply() {
        return reply;
    }

    private static String oneLine(String reply) {
        return reply == null ? "(no reply)" : reply.strip().replace("\r\n", " | ").replace("\n", " | ");
    }
}
