/**
 * The Multi-Tech / Wavecom {@code AT#} IP-connectivity dialect, spoken under {@code --profile multitech}: AT+WOPEN,
 * the GPRS connection (AT#CONNECTIONSTART), and FTP with DLE/ETX-escaped data (AT#FTPGET, AT#FTPPUT).
 *
 * <ul>
 *   <li>{@link dev.vmodem.commands.multitech.MultitechCommands}: the family's registration, one screen;</li>
 *   <li>{@code IpSession}: the state (stack started, parameters, which bearer is the connection);</li>
 *   <li>{@code Parameter} / {@code ParameterCommand}: every plain {@code #} parameter through one class;</li>
 *   <li>one class per command whose behaviour is its own;</li>
 *   <li>{@code IpResults}: the {@code Ok_Info_*} codes and the {@code #CME ERROR} numbers;</li>
 *   <li>{@code FtpRequest}: what an FTP command copies before its worker starts, and the error mapping.</li>
 * </ul>
 *
 * <p>docs/multitech.md is the user-facing chapter, with an example session and every code.
 */
package dev.vmodem.commands.multitech;
