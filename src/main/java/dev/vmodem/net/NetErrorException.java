package dev.vmodem.net;

import java.io.IOException;

/**
 * The network path is not there: the bearer an application asked for is not open, or was deactivated while the
 * application was using it. SIM800 FTP commands report this as error 61 ("Net error"), as opposed to 62 (DNS,
 * {@link NetAccess.DnsFailureException}) and 63 (connect).
 */
public class NetErrorException extends IOException {
    public NetErrorException(String message) {
        super(message);
    }
}
