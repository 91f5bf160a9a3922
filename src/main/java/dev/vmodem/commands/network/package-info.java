/**
 * The network command family: AT+CREG, AT+CGREG, AT+CSQ, AT+COPS, AT+CGATT and AT+SAPBR, answered from the modem's
 * simulated network ({@link dev.vmodem.net.Network}), and the unsolicited codes its changes produce
 * ({@code +CREG: 2}, {@code +SAPBR 1: DEACT}). {@link dev.vmodem.commands.network.NetworkCommands} registers the
 * family; {@link dev.vmodem.commands.network.NetworkSession} holds its per-modem state and listener. See
 * docs/network.md for the wire formats and the choices made where the SIM800 manual is silent.
 */
package dev.vmodem.commands.network;
