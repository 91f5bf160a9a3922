package dev.vmodem.commands.ftp;

import dev.vmodem.ftp.FtpException;
import dev.vmodem.ftp.FtpSession;

/**
 * The one-command operations: a session, one FTP command, a URC, the session closed.
 *
 * <pre>
 *   AT+FTPDELE     OK   +FTPDELE: 1,0          (GETPATH + GETNAME)
 *   AT+FTPSIZE     OK   +FTPSIZE: 1,0,1024     failure: +FTPSIZE: 1,&lt;error&gt;,0
 *   AT+FTPMKD      OK   +FTPMKD: 1,0           (GETPATH)
 *   AT+FTPRMD      OK   +FTPRMD: 1,0           (GETPATH)
 *   AT+FTPRENAME   OK   +FTPRENAME: 1,0        (GETPATH + GETNAME → PUTPATH + PUTNAME)
 *   AT+FTPMDTM     OK   +FTPMDTM: 1,0,20231114221320
 * </pre>
 */
final class SimpleOperation extends FtpOperation {

    /** What the operation does with its session; returns the text after "1,0" (",1024") or "". */
    @FunctionalInterface
    interface Action {
        String run(SimpleOperation op, FtpSession session) throws FtpException;
    }

    private final String prefix;
    private final String failureSuffix;
    private final boolean needsName;
    private final Action action;

    SimpleOperation(FtpApplication app, String command, boolean needsName, String failureSuffix, Action action) {
        super(app, command);
        this.prefix = "+" + command + ": 1,";
        this.needsName = needsName;
        this.failureSuffix = failureSuffix;
        this.action = action;
    }

    @Override
    String failureUrc(int code) {
        return prefix + code + failureSuffix;
    }

    @Override
    void check() throws FtpException {
        if (needsName) {
            getFile();
        }
    }

    @Override
    void work(FtpSession session) throws FtpException {
        String extra = action.run(this, session);
        succeed(prefix + "0" + extra);
    }

    FtpParameters parameters() {
        return params;
    }

    static SimpleOperation dele(FtpApplication app) {
        return new SimpleOperation(app, "FTPDELE", true, "", (op, s) -> {
            s.delete(op.getFile());
            return "";
        });
    }

    static SimpleOperation size(FtpApplication app) {
        return new SimpleOperation(app, "FTPSIZE", true, ",0", (op, s) -> "," + s.size(op.getFile()));
    }

    static SimpleOperation mkd(FtpApplication app) {
        return new SimpleOperation(app, "FTPMKD", false, "", (op, s) -> {
            s.makeDirectory(op.parameters().getPath);
            return "";
        });
    }

    static SimpleOperation rmd(FtpApplication app) {
        return new SimpleOperation(app, "FTPRMD", false, "", (op, s) -> {
            s.removeDirectory(op.parameters().getPath);
            return "";
        });
    }

    static SimpleOperation rename(FtpApplication app) {
        return new SimpleOperation(app, "FTPRENAME", true, "", (op, s) -> {
            FtpParameters p = op.parameters();
            op.requireName(p.putName);
            s.rename(op.getFile(), join(p.putPath, p.putName));
            return "";
        });
    }

    static SimpleOperation mdtm(FtpApplication app) {
        return new SimpleOperation(app, "FTPMDTM", true, "", (op, s) -> {
            String t = s.modificationTime(op.getFile());
            return "," + (t.length() > 14 ? t.substring(0, 14) : t);
        });
    }
}
