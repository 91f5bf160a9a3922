/** The modem's 300 KB RAM buffer (AT+FTPEXTPUT / AT+FTPEXTGET) as a bounded, positional byte store. */
package dev.vmodem.store;
