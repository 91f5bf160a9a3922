package dev.vmodem.at;

import java.util.Properties;

/**
 * The line settings of one modem: what V.250 and 27.007 commands set and AT&amp;W saves. Mutable, guarded by the
 * engine's lock.
 *
 * <p>Factory defaults follow the SIM800 as shipped: echo on, verbose results, CMEE 0, S3 13, S4 10, S5 8,
 * AT+IPR 0 (autobaud) in the manual but a fixed 115200 here by default, so the power-on codes show (a profile or
 * config may set 0).
 */
public final class Settings {

    public boolean echo = true;
    public boolean verbose = true;
    public boolean quiet = false;
    public int resultLevel = 4;          // ATX
    public int cmee = 0;
    public final int[] s = new int[13];  // S0..S12
    public int ipr = 115200;
    public int ifcRx = 0;
    public int ifcTx = 0;
    public boolean ciurc = true;
    public int creg = 0;
    public int cgreg = 0;
    public int dcd = 1;                  // AT&C
    public int dtr = 1;                  // AT&D

    public Settings() {
        s[0] = 0;
        s[3] = 13;
        s[4] = 10;
        s[5] = 8;
        s[6] = 2;
        s[7] = 60;
        s[8] = 2;
        s[10] = 15;
    }

    public Settings copy() {
        Settings c = new Settings();
        c.copyFrom(this, true);
        return c;
    }

    /**
     * Takes over another settings' values. {@code includeUart} false leaves the UART parameters (IPR, IFC) alone,
     * as ATZ and AT&amp;F do.
     */
    public void copyFrom(Settings o, boolean includeUart) {
        echo = o.echo;
        verbose = o.verbose;
        quiet = o.quiet;
        resultLevel = o.resultLevel;
        cmee = o.cmee;
        System.arraycopy(o.s, 0, s, 0, s.length);
        ciurc = o.ciurc;
        creg = o.creg;
        cgreg = o.cgreg;
        dcd = o.dcd;
        dtr = o.dtr;
        if (includeUart) {
            ipr = o.ipr;
            ifcRx = o.ifcRx;
            ifcTx = o.ifcTx;
        }
    }

    /** The S3 line terminator as a byte. */
    public byte s3() {
        return (byte) s[3];
    }

    /** The S4 response formatting character as a byte. */
    public byte s4() {
        return (byte) s[4];
    }

    /** The S5 backspace character as a byte. */
    public byte s5() {
        return (byte) s[5];
    }

    /** The values AT&amp;W stores, as properties. */
    public Properties toProperties() {
        Properties p = new Properties();
        p.setProperty("E", echo ? "1" : "0");
        p.setProperty("V", verbose ? "1" : "0");
        p.setProperty("Q", quiet ? "1" : "0");
        p.setProperty("X", Integer.toString(resultLevel));
        p.setProperty("CMEE", Integer.toString(cmee));
        for (int r : new int[] {0, 3, 4, 5, 6, 7, 8, 10}) {
            p.setProperty("S" + r, Integer.toString(s[r]));
        }
        p.setProperty("IPR", Integer.toString(ipr));
        p.setProperty("IFC", ifcRx + "," + ifcTx);
        p.setProperty("CIURC", ciurc ? "1" : "0");
        p.setProperty("CREG", Integer.toString(creg));
        p.setProperty("CGREG", Integer.toString(cgreg));
        p.setProperty("&C", Integer.toString(dcd));
        p.setProperty("&D", Integer.toString(dtr));
        return p;
    }

    /** Settings from stored properties; missing or malformed keys keep the factory default. */
    public static Settings fromProperties(Properties p) {
        Settings d = new Settings();
        d.echo = flag(p, "E", d.echo);
        d.verbose = flag(p, "V", d.verbose);
        d.quiet = flag(p, "Q", d.quiet);
        d.resultLevel = num(p, "X", d.resultLevel, 0, 4);
        d.cmee = num(p, "CMEE", d.cmee, 0, 2);
        for (int r : new int[] {0, 3, 4, 5, 6, 7, 8, 10}) {
            d.s[r] = num(p, "S" + r, d.s[r], 0, 255);
        }
        d.ipr = num(p, "IPR", d.ipr, 0, 460800);
        String ifc = p.getProperty("IFC", "");
        String[] parts = ifc.split(",");
        if (parts.length == 2) {
            d.ifcRx = parseOr(parts[0], d.ifcRx, 0, 2);
            d.ifcTx = parseOr(parts[1], d.ifcTx, 0, 2);
        }
        d.ciurc = flag(p, "CIURC", d.ciurc);
        d.creg = num(p, "CREG", d.creg, 0, 2);
        d.cgreg = num(p, "CGREG", d.cgreg, 0, 2);
        d.dcd = num(p, "&C", d.dcd, 0, 1);
        d.dtr = num(p, "&D", d.dtr, 0, 2);
        return d;
    }

    private static boolean flag(Properties p, String k, boolean dflt) {
        return num(p, k, dflt ? 1 : 0, 0, 1) == 1;
    }

    private static int num(Properties p, String k, int dflt, int min, int max) {
        return parseOr(p.getProperty(k), dflt, min, max);
    }

    private static int parseOr(String v, int dflt, int min, int max) {
        if (v == null) {
            return dflt;
        }
        try {
            int x = Integer.parseInt(v.trim());
            return x < min || x > max ? dflt : x;
        } catch (NumberFormatException e) {
            return dflt;
        }
    }
}
