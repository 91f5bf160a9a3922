package dev.vmodem.commands.ftp;

import dev.vmodem.config.Config;
import dev.vmodem.profile.Profile;
import java.time.Duration;

/**
 * The fixed settings of the FTP application of one modem: what the profile says (result-code variants) and what
 * the configuration says (timings, buffer sizes). Read once when the family is registered.
 *
 * @param manualQuitCode  the code AT+FTPQUIT reports ({@code ftp.manualQuitCode}: 80 seed, 86 SIM800 manual)
 * @param missingNameCode the code for a transfer with an empty file name ({@code ftp.missingNameCode}: 64 as the
 *                        IPAN 3.13 transcript shows, "sic")
 * @param urcRepeat       how often {@code +FTPGET: 1,1} / {@code +FTPLIST: 1,1} is repeated while data waits unread
 *                        ({@code ftp.urc.repeat.ms})
 * @param bufferBytes     the download buffer between the network and AT+FTPGET=2 ({@code ftp.get.buffer.bytes}, 1 to
 *                        {@value #MAX_BUFFER_BYTES})
 * @param maxPutLength    the {@code <maxlength>} of {@code +FTPPUT: 1,1,<maxlength>} ({@code ftp.put.maxlength}, 1 to
 *                        {@value #MAX_PUT_LENGTH}): the longest block the host may send, of which
 *                        {@link PutOperation#QUEUED} may wait for the network
 * @param inputTimeout    how long AT+FTPPUT=2,n and AT+FTPETPUT=2 wait for the next host byte
 *                        ({@code ftp.input.timeout.ms})
 * @param connectTimeout  FTP engine: TCP connect and greeting (real time, {@code ftp.timeout.connect.ms})
 * @param replyTimeout    FTP engine: any other control reply (real time, {@code ftp.timeout.reply.ms})
 * @param dataTimeout     FTP engine: a data read or write that makes no progress (real time,
 *                        {@code ftp.timeout.data.ms})
 */
record FtpSettings(int manualQuitCode, int missingNameCode, Duration urcRepeat, int bufferBytes, int maxPutLength,
                   Duration inputTimeout, Duration connectTimeout, Duration replyTimeout, Duration dataTimeout) {

    /** The largest download buffer that may be set: 1 MiB per modem. */
    static final int MAX_BUFFER_BYTES = 1 << 20;
    /** The longest upload block that may be set. */
    static final int MAX_PUT_LENGTH = 65535;

    static FtpSettings from(Profile profile, Config config) {
        return new FtpSettings(
            profile.getInt("ftp.manualQuitCode", 80),
            profile.getInt("ftp.missingNameCode", 64),
            config.getMillis("ftp.urc.repeat.ms", 5000),
            config.getInt("ftp.get.buffer.bytes", 16384, 1, MAX_BUFFER_BYTES),
            config.getInt("ftp.put.maxlength", 1360, 1, MAX_PUT_LENGTH),
            config.getMillis("ftp.input.timeout.ms", 10000),
            config.getMillis("ftp.timeout.connect.ms", 30000),
            config.getMillis("ftp.timeout.reply.ms", 75000),
            config.getMillis("ftp.timeout.data.ms", 75000));
    }
}
