package dev.vmodem.commands.network;

import dev.vmodem.at.Settings;
import dev.vmodem.at.command.CommandContext;
import dev.vmodem.modem.Modem;
import dev.vmodem.net.DropReason;
import dev.vmodem.net.Network;
import dev.vmodem.net.NetworkListener;
import dev.vmodem.net.Radio;
import dev.vmodem.net.RadioState;
import dev.vmodem.net.RegStatus;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The network command family's state for one modem, and the one {@link NetworkListener} that turns changes of the
 * simulated network into unsolicited result codes:
 *
 * <pre>
 *   registration changes, AT+CREG=1      +CREG: 2
 *   registration changes, AT+CREG=2      +CREG: 1,"1A2B","3C4D"      (also when the cell changes)
 *   same for AT+CGREG                    +CGREG: 1
 *   the network drops bearer 1           +SAPBR 1: DEACT
 * </pre>
 *
 * <p>One session per modem, made by {@link #install(Modem)} however often the family is registered, so every
 * change is reported once. The URCs go through {@link CommandContext#urc}, which holds them while a command runs.
 *
 * <p>{@code +PDP: DEACT} is not sent: on a SIM800 it reports the loss of the TCP/IP application's context (the one
 * AT+CIICR brings up); field logs that show it next to {@code +SAPBR 1: DEACT} had both contexts up. This modem has
 * no CIP stack yet; whoever adds it should report its own context there.
 *
 * <p>AT+CFUN=0/4 reports the bearers it takes down inside its own response, before its OK, as a SIM800 does
 * (TinyGSM #466): {@link #switchRadio} switches the radio and returns those lines, and the listener leaves them
 * out. A reset (AT+CFUN=1,1) goes through {@link #powerCycle}, which reports nothing: the host sees the power-on
 * codes and a modem with its bearers closed.
 *
 * <p>Thread-safety: the listener runs on whatever thread changed the network; it reads the CREG/CGREG modes without
 * the engine's lock (a single int; at worst a URC follows the mode of a moment ago) and queues URCs, which is safe
 * from any thread. The AT+COPS fields are used by handlers only, under the engine's lock.
 */
public final class NetworkSession {

    private static final Logger log = LoggerFactory.getLogger(NetworkSession.class);

    /**
     * Sessions by modem. The value is weak too: the session is reachable from the modem (network → listener), and a
     * strong value would keep its own key alive.
     */
    private static final Map<Modem, WeakReference<NetworkSession>> SESSIONS = new WeakHashMap<>();

    private final Network network;
    private final CommandContext ctx;
    private final Listener listener = new Listener();

    /** While non-null, network events go here instead of becoming URCs. Guarded by {@code this}. */
    private Capture capture;

    // AT+COPS: not saved by AT&W; guarded by the engine's lock
    int copsMode;
    int copsFormat;

    private NetworkSession(Network network, CommandContext ctx, boolean sapbr) {
        this.network = network;
        this.ctx = ctx;
        this.sapbr = sapbr;
    }

    /** Whether the profile has AT+SAPBR; a dialect without it (multitech) prints no +SAPBR URCs. */
    private final boolean sapbr;

    /** The modem's session, made (and its listener added to the modem's network) on the first call. */
    public static NetworkSession install(Modem modem) {
        synchronized (SESSIONS) {
            WeakReference<NetworkSession> ref = SESSIONS.get(modem);
            NetworkSession s = ref == null ? null : ref.get();
            if (s == null) {
                s = new NetworkSession(modem.network(), modem.engine().context(),
                    !modem.profile().disabledCommands().contains("+SAPBR"));
                modem.network().addListener(s.listener);
                SESSIONS.put(modem, new WeakReference<>(s));
            }
            return s;
        }
    }

    /** The modem's session, or null when its profile does not speak this family. */
    static NetworkSession find(Modem modem) {
        synchronized (SESSIONS) {
            WeakReference<NetworkSession> ref = SESSIONS.get(modem);
            return ref == null ? null : ref.get();
        }
    }

    /**
     * AT+CFUN's radio switch: turns the radio on or off and returns the unsolicited codes the switch produced that a
     * SIM800 prints before the command's OK ({@code +SAPBR 1: DEACT} for each bearer it took down). Those are not
     * queued as URCs as well. Registration URCs ({@code +CREG: 0}) are queued as usual and follow the OK.
     */
    public static List<String> switchRadio(Modem modem, boolean on) {
        Radio radio = modem.network().radio();
        NetworkSession s = find(modem);
        if (s == null) {
            radio.setRadioOn(on);
            return List.of();
        }
        Capture c = s.capture(false, () -> radio.setRadioOn(on));
        List<String> lines = new ArrayList<>(c.dropped.size());
        for (int cid : c.dropped) {
            lines.add(deact(cid));
        }
        return lines;
    }

    /**
     * A module reset (AT+CFUN=1,1): the modem's power-off listeners run ({@link Modem#powerOff()}), the radio goes
     * off, {@code restart} runs, the radio comes back. Bearers close and
     * AT+COPS returns to automatic, and nothing of it is reported: the restart itself is the news.
     */
    public static void powerCycle(Modem modem, Runnable restart) {
        modem.powerOff();
        Radio radio = modem.network().radio();
        NetworkSession s = find(modem);
        if (s == null) {
            radio.setRadioOn(false);
            restart.run();
            radio.setRadioOn(true);
            return;
        }
        s.capture(true, () -> {
            radio.setRadioOn(false);
            restart.run();
            s.ctx.execute(() -> s.resetCops());
            radio.setRadioOn(true);
        });
    }

    /** AT+COPS back to automatic; a deregistration by AT+COPS=2 ends. Caller holds the engine's lock. */
    void resetCops() {
        if (copsMode == CopsCommand.DEREGISTER) {
            register();
        }
        copsMode = CopsCommand.AUTOMATIC;
        copsFormat = 0;
    }

    /** AT+COPS=2: the modem leaves the network. */
    void deregister() {
        network.radio().setRegistration(RegStatus.NOT_REGISTERED);
    }

    /** Registration again after AT+COPS=2, with the configured status. */
    void register() {
        network.radio().setRegistration(network.config().registration());
    }

    private Capture capture(boolean silent, Runnable r) {
        Capture c = new Capture(silent);
        synchronized (this) {
            capture = c;
        }
        try {
            r.run();
        } finally {
            synchronized (this) {
                capture = null;
            }
        }
        return c;
    }

    /** What happened while a capture was on; events delivered on another thread meanwhile are caught too. */
    private static final class Capture {
        final boolean silent;
        final List<Integer> dropped = new ArrayList<>(3);

        Capture(boolean silent) {
            this.silent = silent;
        }
    }

    static String deact(int cid) {
        return "+SAPBR " + cid + ": DEACT";
    }

    private final class Listener implements NetworkListener {
        @Override
        public void radioChanged(RadioState before, RadioState after) {
            synchronized (NetworkSession.this) {
                if (capture != null && capture.silent) {
                    return;
                }
            }
            Settings s = ctx.settings();
            for (RegistrationCommand.Domain d : RegistrationCommand.Domain.values()) {
                String urc = d.urc(d.mode(s), before, after);
                if (urc != null) {
                    ctx.urc(urc);
                }
            }
        }

        @Override
        public void bearerDropped(int cid, DropReason reason) {
            synchronized (NetworkSession.this) {
                if (capture != null) {
                    if (!capture.silent && sapbr) {
                        capture.dropped.add(cid);
                    }
                    return;
                }
            }
            if (!sapbr) {
                return;
            }
            log.debug("bearer {} dropped ({}): +SAPBR {}: DEACT", cid, reason, cid);
            ctx.urc(deact(cid));
        }
    }
}
