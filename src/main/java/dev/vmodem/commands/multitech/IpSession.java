package dev.vmodem.commands.multitech;

import dev.vmodem.modem.Modem;
import dev.vmodem.net.BearerInfo;
import dev.vmodem.net.BearerStatus;
import dev.vmodem.net.Bearers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The state of one modem's IP stack in the Multi-Tech dialect: whether AT+WOPEN started it, the {@code AT#}
 * parameters, and the GPRS connection (which is bearer {@code #GPRSCID} of the modem's {@link Bearers}, so the
 * network model, its faults and AT+SAPBR all see the same context). Handlers keep no state of their own.
 *
 * <p>Guarded by the engine's lock, like every handler; FTP workers copy what they need before they start.
 */
final class IpSession {

    /** Every parameter, in the order AT#VALL lists them. */
    static final List<Parameter> PARAMETERS = List.of(
            Parameter.number("#GPRSMODE", 0, 1, 1).gprsSetting(),
            Parameter.number("#GPRSCID", 1, 3, 1).gprsSetting(),
            Parameter.text("#APNSERV", 64).gprsSetting(),
            Parameter.text("#APNUN", 32).gprsSetting(),
            Parameter.text("#APNPW", 32).gprsSetting().secretValue(),
            Parameter.address("#DNSSERV1", "0.0.0.0").gprsSetting(),
            Parameter.address("#DNSSERV2", "0.0.0.0").gprsSetting(),
            Parameter.text("#FTPSERV", 120),
            Parameter.number("#FTPPORT", 1, 65535, 21),
            Parameter.text("#FTPUN", 64),
            Parameter.text("#FTPPW", 64).secretValue(),
            Parameter.choice("#FTPTYPE", "I", "A", "I"),
            Parameter.number("#FTPMODE", 0, 1, 1),
            Parameter.text("#FTPGETFILENAME", 120),
            Parameter.text("#FTPGETPATH", 120),
            Parameter.text("#FTPPUTFILENAME", 120),
            Parameter.text("#FTPPUTPATH", 120));

    private final Modem modem;
    private final Map<String, String> values = new LinkedHashMap<>();
    private final Duration ftpTimeout;
    private boolean stackStarted;

    IpSession(Modem modem) {
        this.modem = modem;
        for (Parameter p : PARAMETERS) {
            values.put(p.name(), p.dflt());
        }
        String wopen = modem.config().get("multitech.wopen", modem.profile().get("multitech.wopen", "0"));
        this.stackStarted = "1".equals(wopen.trim());
        long ms = modem.config().getInt("multitech.ftp.timeout.ms", 0);
        this.ftpTimeout = ms > 0 ? Duration.ofMillis(ms) : null;
    }

    static Parameter parameter(String name) {
        for (Parameter p : PARAMETERS) {
            if (p.name().equals(name)) {
                return p;
            }
        }
        throw new IllegalArgumentException("no parameter " + name);
    }

    Modem modem() {
        return modem;
    }

    boolean stackStarted() {
        return stackStarted;
    }

    void stackStarted(boolean started) {
        this.stackStarted = started;
    }

    String get(String name) {
        String v = values.get(name);
        if (v == null) {
            throw new IllegalArgumentException("no parameter " + name);
        }
        return v;
    }

    int getInt(String name) {
        return Integer.parseInt(get(name));
    }

    void set(String name, String value) {
        if (!values.containsKey(name)) {
            throw new IllegalArgumentException("no parameter " + name);
        }
        values.put(name, value);
    }

    /** Every parameter's read line, in order (AT#VALL). */
    List<String> readLines(List<Parameter> which) {
        List<String> lines = new ArrayList<>(which.size());
        for (Parameter p : which) {
            lines.add(p.readLine(get(p.name())));
        }
        return Collections.unmodifiableList(lines);
    }

    /** The FTP timeouts from {@code multitech.ftp.timeout.ms}, or null for the FTP engine's defaults. */
    Duration ftpTimeout() {
        return ftpTimeout;
    }

    Bearers bearers() {
        return modem.network().bearers();
    }

    /** The bearer AT#CONNECTIONSTART opens: {@code #GPRSCID}. */
    int cid() {
        return getInt("#GPRSCID");
    }

    BearerStatus connectionStatus() {
        return bearers().status(cid());
    }

    /** Whether the GPRS connection is up. */
    boolean connected() {
        return connectionStatus() == BearerStatus.CONNECTED;
    }

    /** The connection's bearer, with its address. */
    BearerInfo connection() {
        return bearers().info(cid());
    }
}
