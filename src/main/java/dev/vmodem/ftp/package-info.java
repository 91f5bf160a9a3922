/**
 * FTP for the modem's FTP AT commands: the client engine ({@link dev.vmodem.ftp.FtpEngine},
 * {@link dev.vmodem.ftp.FtpSession}, {@link dev.vmodem.ftp.FtpDownload}, {@link dev.vmodem.ftp.FtpUpload}), its
 * results ({@link dev.vmodem.ftp.FtpException} carrying a SIMCom {@link dev.vmodem.ftp.FtpError} code), and the
 * FTP server embedded in the emulator ({@link dev.vmodem.ftp.EmbeddedFtpServer}).
 *
 * <p>Apache Commons Net and Apache MINA FtpServer are used here and only here: no other package imports
 * {@code org.apache.commons.net} or {@code org.apache.ftpserver}. All client sockets come from
 * {@link dev.vmodem.net.NetAccess}, so the simulated DNS, link model and faults apply to FTP traffic, data
 * connections and TLS included.
 */
package dev.vmodem.ftp;
