package dev.vmodem.commands.basic;

import dev.vmodem.at.command.CommandContext;
import dev.vmodem.at.command.CommandException;
import dev.vmodem.at.command.CommandHandler;
import dev.vmodem.at.parser.Form;
import dev.vmodem.at.parser.Request;
import dev.vmodem.at.response.Response;

/** ATE0 / ATE1: command echo off or on (saved by AT&amp;W). {@code ATE} alone means ATE0. */
final class EchoCommand implements CommandHandler {
    @Override
    public Response handle(Request req, CommandContext ctx) throws CommandException {
        if (req.form() != Form.EXECUTE) {
            throw CommandException.error("ATE takes 0 or 1");
        }
        ctx.settings().echo = req.integer(0, 0, 1, 0) == 1;
        return Response.ok();
    }
}
