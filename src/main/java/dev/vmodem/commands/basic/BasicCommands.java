package dev.vmodem.commands.basic;

import dev.vmodem.at.command.CommandRegistry;
import dev.vmodem.modem.Modem;
import dev.vmodem.profile.Profile;

/**
 * The V.250 and 3GPP 27.007 commands host firmware sends before anything else. The whole family on one screen.
 */
public final class BasicCommands {

    private BasicCommands() {
    }

    public static void register(CommandRegistry r, Modem modem) {
        Profile p = modem.profile();

        // V.250 basic commands (an empty line "AT" needs no handler: it answers OK)
        r.register("E", new EchoCommand());
        r.register("V", new VerboseCommand());
        r.register("Q", new QuietCommand());
        r.register("X", new ResultLevelCommand());
        r.register("Z", new RestoreCommand(modem.settingsStore()));
        r.register("&F", new FactoryDefaultsCommand());
        r.register("&W", new SaveCommand(modem.settingsStore()));
        r.register("&C", new DcdCommand());
        r.register("&D", new DtrCommand());
        r.register("S", new SRegisterCommand());
        r.register("H", new HangUpCommand());
        r.register("O", new OnlineCommand());
        r.register("I", new IdentificationCommand(p));

        // identification
        IdentityCommand manufacturer = new IdentityCommand(p, "identity.manufacturer");
        r.register("+CGMI", manufacturer);
        r.register("+GMI", manufacturer);
        IdentityCommand model = new IdentityCommand(p, "identity.model");
        r.register("+CGMM", model);
        r.register("+GMM", model);
        IdentityCommand revision = new IdentityCommand(p, "identity.cgmr");
        r.register("+CGMR", revision);
        r.register("+GMR", revision);
        IdentityCommand imei = new IdentityCommand(p, "identity.imei");
        r.register("+CGSN", imei);
        r.register("+GSN", imei);
        r.register("+GSV", new IdentityCommand(p, "identity.gsv"));
        r.register("+GCAP", new IdentityCommand(p, "identity.gcap", "+GCAP: ", null));
        r.register("+CIMI", new IdentityCommand(p, "identity.imsi", "", modem));
        r.register("+CCID", new IdentityCommand(p, "identity.iccid", "", modem));

        // line and error settings
        r.register("+CMEE", new CmeeCommand());
        r.register("+IPR", new IprCommand());
        r.register("+IFC", new IfcCommand());
        r.register("+CIURC", new CiurcCommand());

        // phone state
        r.register("+CFUN", new CfunCommand(modem));
        r.register("+CPIN", new CpinCommand(modem));
        r.register("+CBC", new CbcCommand(modem.config()));
        r.register("+CCLK", new CclkCommand(modem));
    }
}
