/**
 * Codecs for the data modes of the AT interface: bytes in and out while the line is not in command mode. Framing
 * only; no command handling. Today: the DLE/ETX escaping of AT+FTPETGET/FTPETPUT and the Multi-Tech
 * AT#FTPGET/#FTPPUT.
 */
package dev.vmodem.at.data;
