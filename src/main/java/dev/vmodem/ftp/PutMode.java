package dev.vmodem.ftp;

/**
 * AT+FTPPUTOPT: how an upload lands on the server. STOR replaces the file, APPE appends to it (creating it if
 * missing), STOU makes the server pick a unique name (reported in its 150 reply, "150 FILE: name", per RFC 1123).
 */
public enum PutMode {
    STOR,
    APPE,
    STOU;

    /** From the AT+FTPPUTOPT value: "STOR", "APPE" or "STOU" (either case). */
    public static PutMode ofAtValue(String value) {
        for (PutMode m : values()) {
            if (m.name().equalsIgnoreCase(value)) {
                return m;
            }
        }
        throw new IllegalArgumentException("FTPPUTOPT: " + value + " not in (APPE,STOU,STOR)");
    }
}
