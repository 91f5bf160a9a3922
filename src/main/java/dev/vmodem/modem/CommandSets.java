package dev.vmodem.modem;

import dev.vmodem.at.command.CommandRegistry;
import dev.vmodem.commands.basic.BasicCommands;
import dev.vmodem.commands.multitech.MultitechCommands;

/** The one place that decides which command families a modem speaks, from its profile. */
final class CommandSets {

    private CommandSets() {
    }

    static CommandRegistry build(Modem modem) {
        CommandRegistry r = new CommandRegistry(modem.profile().disabledCommands());
        BasicCommands.register(r, modem);
        if ("multitech".equals(modem.profile().get("dialect", "simcom"))) {
            MultitechCommands.register(r, modem);
        }
        return r;
    }
}
