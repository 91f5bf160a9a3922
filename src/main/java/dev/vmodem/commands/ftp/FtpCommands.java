package dev.vmodem.commands.ftp;

import static dev.vmodem.commands.ftp.FtpParameterCommand.longNumber;
import static dev.vmodem.commands.ftp.FtpParameterCommand.number;
import static dev.vmodem.commands.ftp.FtpParameterCommand.oneOf;
import static dev.vmodem.commands.ftp.FtpParameterCommand.text;

import dev.vmodem.at.command.CommandRegistry;
import dev.vmodem.modem.Modem;

/**
 * The SIMCom FTP application: every AT+FTP command, registered in one place. The profile's
 * {@code commands.disabled} leaves some out (sim800-strict: the SIM7000 commands FTPETGET, FTPETPUT, FTPRENAME,
 * FTPMDTM). A saved AT+FTPSCONT context is loaded here, at power-on.
 */
public final class FtpCommands {

    private FtpCommands() {
    }

    public static void register(CommandRegistry r, Modem modem) {
        FtpApplication app = new FtpApplication(modem, modem.engine().context());
        modem.publishStatus("ftp", app::status);
        modem.publishStatus("store", app::storeStatus);

        // parameters (seed C1001-C1013; AT+FTPTIMEOUT from the manual's FTPSCONT; AT+FTPSSL from the SSL note)
        r.register("+FTPPORT", new FtpParameterCommand(app, p -> Integer.toString(p.port), number(1, 65535),
            (p, v) -> p.port = v));
        r.register("+FTPMODE", new FtpParameterCommand(app, p -> Integer.toString(p.mode), number(0, 1),
            (p, v) -> p.mode = v));
        r.register("+FTPTYPE", new FtpParameterCommand(app, p -> FtpParameters.quote(p.type), oneOf("A", "I"),
            (p, v) -> p.type = v));
        r.register("+FTPPUTOPT", new FtpParameterCommand(app, p -> FtpParameters.quote(p.putOpt),
            oneOf("APPE", "STOU", "STOR"), (p, v) -> p.putOpt = v));
        r.register("+FTPCID", new FtpParameterCommand(app, p -> Integer.toString(p.cid), number(1, 3),
            (p, v) -> p.cid = v));
        r.register("+FTPREST", new FtpParameterCommand(app, p -> Long.toString(p.rest),
            longNumber(0, Integer.MAX_VALUE), (p, v) -> p.rest = v));
        r.register("+FTPSERV", new FtpParameterCommand(app, p -> FtpParameters.quote(p.server), text(49),
            (p, v) -> p.server = v));
        r.register("+FTPUN", new FtpParameterCommand(app, p -> FtpParameters.quote(p.user), text(49),
            (p, v) -> p.user = v));
        r.register("+FTPPW", new FtpParameterCommand(app, p -> FtpParameters.quote(p.password), text(49),
            (p, v) -> p.password = v));
        r.register("+FTPGETNAME", new FtpParameterCommand(app, p -> FtpParameters.quote(p.getName), text(99),
            (p, v) -> p.getName = v));
        r.register("+FTPPUTNAME", new FtpParameterCommand(app, p -> FtpParameters.quote(p.putName), text(99),
            (p, v) -> p.putName = v));
        r.register("+FTPGETPATH", new FtpParameterCommand(app, p -> FtpParameters.quote(p.getPath), text(255),
            (p, v) -> p.getPath = v));
        r.register("+FTPPUTPATH", new FtpParameterCommand(app, p -> FtpParameters.quote(p.putPath), text(255),
            (p, v) -> p.putPath = v));
        r.register("+FTPTIMEOUT", new FtpParameterCommand(app, p -> Integer.toString(p.timeout), number(1, 3600),
            (p, v) -> p.timeout = v));
        r.register("+FTPSSL", new FtpParameterCommand(app, "+FTPSSL: (0-2)", p -> Integer.toString(p.ssl),
            number(0, 2), (p, v) -> p.ssl = v));
        r.register("+FTPSCONT", new FtpScontCommand(app));

        // transfers
        r.register("+FTPGET", new FtpGetCommand(app, false));
        r.register("+FTPLIST", new FtpGetCommand(app, true));
        r.register("+FTPPUT", new FtpPutCommand(app));
        r.register("+FTPEXTPUT", new FtpExtPutCommand(app));
        r.register("+FTPEXTGET", new FtpExtGetCommand(app));
        r.register("+FTPETGET", new FtpEtGetCommand(app));
        r.register("+FTPETPUT", new FtpEtPutCommand(app));
        r.register("+FTPGETTOFS", new FtpGetToFsCommand(app));
        r.register("+FTPPUTFRMFS", new FtpPutFrmFsCommand(app));
        r.register("+FTPFILEPUT", new FtpFilePutCommand(app));

        // one-command operations
        r.register("+FTPDELE", new FtpActionCommand(app, SimpleOperation::dele));
        r.register("+FTPSIZE", new FtpActionCommand(app, SimpleOperation::size));
        r.register("+FTPMKD", new FtpActionCommand(app, SimpleOperation::mkd));
        r.register("+FTPRMD", new FtpActionCommand(app, SimpleOperation::rmd));
        r.register("+FTPRENAME", new FtpActionCommand(app, SimpleOperation::rename));
        r.register("+FTPMDTM", new FtpActionCommand(app, SimpleOperation::mdtm));

        // session
        r.register("+FTPSTATE", new FtpStateCommand(app));
        r.register("+FTPQUIT", new FtpQuitCommand(app));
    }
}
