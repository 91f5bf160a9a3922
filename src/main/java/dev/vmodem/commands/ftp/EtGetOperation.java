package dev.vmodem.commands.ftp;

import dev.vmodem.at.command.CommandContext;
import dev.vmodem.at.data.DleEtxEncoder;
import dev.vmodem.at.response.Final;
import dev.vmodem.at.response.Response;
import dev.vmodem.at.response.ResponseEncoder;
import dev.vmodem.ftp.FtpDownload;
import dev.vmodem.ftp.FtpException;
import dev.vmodem.ftp.FtpSession;
import dev.vmodem.util.ByteSink;

/**
 * AT+FTPETGET=1: the file streamed to the host in one piece, DLE/ETX framed (seed C1025).
 *
 * <pre>
 *   AT+FTPETGET=1
 *   OK
 *   +FTPETGET: 1,1
 *   &lt;data: each ETX as DLE ETX, each DLE as DLE DLE&gt;&lt;ETX&gt;
 *   +FTPETGET: 1,0                  or, on failure: +FTPETGET: 1,&lt;error&gt;
 * </pre>
 *
 * How the line is held: the command stays pending from its {@code OK} (written at once through the data channel of
 * the pending command, formatted by the response encoder, so ATV0/ATQ1 apply) until the stream has ended. While it
 * is pending, no URC is written and the host's input waits, so nothing can land inside the stream. A failure in the
 * middle of the stream ends it with a bare ETX before the error URC, so the host's decoder always sees an end.
 */
final class EtGetOperation extends FtpOperation {

    private static final int READ = 64 * 1024;

    private final CommandContext ctx;
    private boolean streaming; // worker thread
    private volatile boolean completed;

    EtGetOperation(FtpApplication app, CommandContext ctx) {
        super(app, "FTPETGET");
        this.ctx = ctx;
    }

    /** The handler's answer: OK at once, then the command stays pending until the stream is over. */
    Response begin() {
        ByteSink ok = new ByteSink(16, 64);
        ResponseEncoder.encodeFinal(Final.OK, ctx.settings(), ok);
        ctx.writeData(ok.array(), 0, ok.size());
        app.start(this);
        return Response.pending();
    }

    @Override
    String failureUrc(int code) {
        return "+FTPETGET: 1," + code;
    }

    @Override
    void check() throws FtpException {
        getFile();
    }

    @Override
    void work(FtpSession session) throws FtpException {
        try (FtpDownload d = session.retrieve(getFile(), params.rest)) {
            ByteSink head = new ByteSink(32, 256);
            ResponseEncoder.encodeUrc("+FTPETGET: 1,1", ctx.settings(), head);
            streaming = true;
            ctx.writeData(head.array(), 0, head.size());
            // One read takes what the socket has, up to 64 KiB, and goes to the line in one write: few engine
            // calls and few transcript entries per megabyte. Both arrays live as long as the stream.
            byte[] in = new byte[READ];
            byte[] out = new byte[DleEtxEncoder.maxEncodedLength(in.length)];
            int n;
            while ((n = d.read(in, 0, in.length)) >= 0) {
                int m = DleEtxEncoder.encode(in, 0, n, out, 0);
                ctx.writeData(out, 0, m);
            }
            int m = DleEtxEncoder.end(out, 0);
            streaming = false;
            ctx.writeData(out, 0, m);
        }
        succeed("+FTPETGET: 1,0");
    }

    @Override
    void ended() {
        if (streaming) {
            streaming = false;
            byte[] etx = {DleEtxEncoder.ETX};
            ctx.writeData(etx, 0, 1);
        }
    }

    @Override
    void abandoned() {
        streaming = false; // a restart: no closing ETX, the host sees the power-on codes instead
        completed = true;
    }

    @Override
    void afterEnd() {
        if (!completed) {
            completed = true;
            ctx.complete(Response.of(Final.NONE));
        }
    }
}
