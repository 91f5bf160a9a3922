package dev.vmodem.ftp;

/** Who opens the data connection: AT+FTPMODE=0 (active, PORT: the server connects to us) or 1 (passive, PASV). */
public enum DataMode {
    ACTIVE(0),
    PASSIVE(1);

    private final int atValue;

    DataMode(int atValue) {
        this.atValue = atValue;
    }

    /** The AT+FTPMODE value. */
    public int atValue() {
        return atValue;
    }

    /** From the AT+FTPMODE value (0 or 1). */
    public static DataMode ofAtValue(int value) {
        for (DataMode m : values()) {
            if (m.atValue == value) {
                return m;
            }
        }
        throw new IllegalArgumentException("FTPMODE: " + value + " not in (0,1)");
    }
}
