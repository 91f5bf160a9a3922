package dev.vmodem.ftp;

/**
 * AT+FTPTYPE: {@code "A"} sends TYPE A and strips the 8th bit of every byte uploaded (the SIMCom stack sends
 * 7-bit NVT-ASCII, so 8-bit data is corrupted, as the manual warns); {@code "I"} sends TYPE I and moves bytes
 * unchanged. Neither type translates line endings on our side: in type A the server does its half of the NVT
 * conversion (LF to CRLF on download, CRLF to its local form on upload), as it would for a real modem.
 */
public enum TransferType {
    ASCII("A"),
    BINARY("I");

    private final String atValue;

    TransferType(String atValue) {
        this.atValue = atValue;
    }

    /** The AT+FTPTYPE value and the TYPE argument: "A" or "I". */
    public String atValue() {
        return atValue;
    }

    /** From the AT+FTPTYPE value, "A" or "I" (either case). */
    public static TransferType ofAtValue(String value) {
        for (TransferType t : values()) {
            if (t.atValue.equalsIgnoreCase(value)) {
                return t;
            }
        }
        throw new IllegalArgumentException("FTPTYPE: " + value + " not in (A,I)");
    }
}
