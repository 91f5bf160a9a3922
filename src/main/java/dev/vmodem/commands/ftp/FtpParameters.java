package dev.vmodem.commands.ftp;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The FTP context of one modem: what AT+FTPSERV, AT+FTPUN ... set and the next session uses. Guarded by the engine's
 * lock. AT+FTPSCONT saves it; a saved context is loaded at power-on.
 *
 * <p>Defaults the manuals leave unstated, chosen as SIM800 firmware behaves: FTPMODE 0 (active), FTPTYPE "I",
 * FTPPUTOPT "STOR", FTPCID 1, FTPREST 0 (kept after a transfer: the manual does not say it resets), FTPTIMEOUT 30
 * (seconds the module waits for the host: unread download data or no upload data, before error 64), FTPSSL 0.
 */
public final class FtpParameters {

    public int port = 21;
    public int mode = 0;
    public String type = "I";
    public String putOpt = "STOR";
    public int cid = 1;
    public long rest = 0;
    public String server = "";
    public String user = "";
    public String password = "";
    public String getName = "";
    public String getPath = "";
    public String putName = "";
    public String putPath = "";
    public int timeout = 30;
    public int ssl = 0;

    /** Back to the defaults (a restart without a saved context). */
    public void reset() {
        load(new FtpParameters().toProperties());
    }

    public FtpParameters copy() {
        FtpParameters c = new FtpParameters();
        c.load(toProperties());
        return c;
    }

    /** The values as FTPSCONT shows and saves them, by command name. */
    public Map<String, String> shown() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("+FTPSERV", quote(server));
        m.put("+FTPPORT", Integer.toString(port));
        m.put("+FTPUN", quote(user));
        m.put("+FTPPW", quote(password));
        m.put("+FTPCID", Integer.toString(cid));
        m.put("+FTPMODE", Integer.toString(mode));
        m.put("+FTPTYPE", quote(type));
        m.put("+FTPPUTOPT", quote(putOpt));
        m.put("+FTPREST", Long.toString(rest));
        m.put("+FTPGETNAME", quote(getName));
        m.put("+FTPGETPATH", quote(getPath));
        m.put("+FTPPUTNAME", quote(putName));
        m.put("+FTPPUTPATH", quote(putPath));
        m.put("+FTPTIMEOUT", Integer.toString(timeout));
        return m;
    }

    static String quote(String s) {
        return "\"" + s + "\"";
    }

    public Properties toProperties() {
        Properties p = new Properties();
        p.setProperty("port", Integer.toString(port));
        p.setProperty("mode", Integer.toString(mode));
        p.setProperty("type", type);
        p.setProperty("putopt", putOpt);
        p.setProperty("cid", Integer.toString(cid));
        p.setProperty("rest", Long.toString(rest));
        p.setProperty("server", server);
        p.setProperty("user", user);
        p.setProperty("password", password);
        p.setProperty("getname", getName);
        p.setProperty("getpath", getPath);
        p.setProperty("putname", putName);
        p.setProperty("putpath", putPath);
        p.setProperty("timeout", Integer.toString(timeout));
        p.setProperty("ssl", Integer.toString(ssl));
        return p;
    }

    /** Takes values from saved properties; malformed numbers keep the current value. */
    public void load(Properties p) {
        port = num(p, "port", port);
        mode = num(p, "mode", mode);
        type = p.getProperty("type", type);
        putOpt = p.getProperty("putopt", putOpt);
        cid = num(p, "cid", cid);
        try {
            rest = Long.parseLong(p.getProperty("rest", Long.toString(rest)).trim());
        } catch (NumberFormatException e) {
            // keep the current value
        }
        server = p.getProperty("server", server);
        user = p.getProperty("user", user);
        password = p.getProperty("password", password);
        getName = p.getProperty("getname", getName);
        getPath = p.getProperty("getpath", getPath);
        putName = p.getProperty("putname", putName);
        putPath = p.getProperty("putpath", putPath);
        timeout = num(p, "timeout", timeout);
        ssl = num(p, "ssl", ssl);
    }

    private static int num(Properties p, String k, int dflt) {
        try {
            return Integer.parseInt(p.getProperty(k, Integer.toString(dflt)).trim());
        } catch (NumberFormatException e) {
            return dflt;
        }
    }
}
