package dev.vmodem.ftp;

/**
 * AT+FTPSSL: 0 plain FTP, 1 FTPS implicit (TLS from the first byte, usually port 990), 2 FTPS explicit (AUTH TLS on
 * the plain port). With TLS the data connections are protected too (PBSZ 0, PROT P). Server certificates are not
 * checked: the emulator talks to self-signed servers, as AT+SSLOPT=0,1 ("ignore invalid certificate") would.
 */
public enum FtpSecurity {
    NONE(0),
    IMPLICIT(1),
    EXPLICIT(2);

    private final int atValue;

    FtpSecurity(int atValue) {
        this.atValue = atValue;
    }

    /** The AT+FTPSSL value. */
    public int atValue() {
        return atValue;
    }

    /** From the AT+FTPSSL value (0, 1 or 2). */
    public static FtpSecurity ofAtValue(int value) {
        for (FtpSecurity s : values()) {
            if (s.atValue == value) {
                return s;
            }
        }
        throw new IllegalArgumentException("FTPSSL: " + value + " not in (0-2)");
    }
}
