package dev.vmodem.net;

import java.util.Objects;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registration and radio state of one modem: what {@code AT+CREG?}, {@code AT+CGREG?}, {@code AT+CSQ},
 * {@code AT+COPS?} and {@code AT+CGATT?} report, and what {@code AT+CGATT=<n>} and {@code AT+CFUN} change.
 *
 * <pre>
 *   AT+CREG?          +CREG: 0,1            radio.state().creg() == HOME
 *   AT+CSQ            +CSQ: 20,0            rssi 20, ber 0
 *   AT+CGATT=0        OK                    radio.detach(): cgreg NOT_REGISTERED, open bearers dropped
 * </pre>
 *
 * <p>The radio keeps the <em>configured</em> in-service values (what a test or demo set) apart from two switches,
 * radio power and coverage. {@link #state()} combines them: with the radio off everything reads "not registered"
 * and 99,99; out of coverage it reads "searching" and 99,99; once power and coverage come back the configured
 * values return, and the modem re-attaches if it was attached before (GPRS auto-attach), as a real module does.
 * Bearers are not reopened: the host has to open them again.
 *
 * <p>Thread-safe. Every change that alters the snapshot is reported to {@link NetworkListener#radioChanged};
 * setting a value to what it already is reports nothing.
 */
public final class Radio {

    private static final Logger log = LoggerFactory.getLogger(Radio.class);

    private final Notifier notifier;
    private final BiConsumer<RadioState, DropReason> afterChange;

    private RegStatus cs;
    private RegStatus ps;
    private int lac;
    private int ci;
    private int rssi;
    private int ber;
    private String operator;
    private boolean attachWanted;
    private boolean radioOn = true;
    private boolean coverage = true;

    /**
     * @param afterChange told, outside the lock and before listeners run, of every change with the reason bearers
     *                    cannot stay up (null when they can); the network drops bearers from there
     */
    Radio(NetworkConfig config, Notifier notifier, BiConsumer<RadioState, DropReason> afterChange) {
        this.notifier = notifier;
        this.afterChange = afterChange;
        this.cs = config.registration();
        this.ps = config.registration();
        this.lac = checkLac(config.lac());
        this.ci = checkCi(config.ci());
        this.rssi = checkRssi(config.rssi());
        this.ber = checkBer(config.ber());
        this.operator = config.operator();
        this.attachWanted = config.attached();
    }

    /** The current effective snapshot. */
    public synchronized RadioState state() {
        if (!radioOn) {
            return new RadioState(RegStatus.NOT_REGISTERED, RegStatus.NOT_REGISTERED, lac, ci, 99, 99, "", false,
                    false, coverage);
        }
        if (!coverage) {
            return new RadioState(RegStatus.SEARCHING, RegStatus.SEARCHING, lac, ci, 99, 99, "", false, true, false);
        }
        boolean attached = attachWanted && ps.isRegistered();
        // 27.007: a detached MT reports no packet registration, so +CGREG follows CGATT.
        RegStatus cgreg = attachWanted ? ps : RegStatus.NOT_REGISTERED;
        return new RadioState(cs, cgreg, lac, ci, rssi, ber, cs.isRegistered() ? operator : "", attached, true, true);
    }

    /** Sets both CS and PS registration, as a network that registers the modem for everything would. */
    public void setRegistration(RegStatus status) {
        Objects.requireNonNull(status, "status");
        change(() -> {
            cs = status;
            ps = status;
        });
    }

    /** Sets circuit-switched registration only (+CREG). */
    public void setCsRegistration(RegStatus status) {
        Objects.requireNonNull(status, "status");
        change(() -> cs = status);
    }

    /** Sets packet registration only (+CGREG); losing it drops open bearers. */
    public void setPsRegistration(RegStatus status) {
        Objects.requireNonNull(status, "status");
        change(() -> ps = status);
    }

    /** Moves to another cell: lac 0..0xFFFF, ci 0..0xFFFFFFF (28 bits covers GSM and UMTS cell ids). */
    public void setCell(int lac, int ci) {
        checkLac(lac);
        checkCi(ci);
        change(() -> {
            this.lac = lac;
            this.ci = ci;
        });
    }

    /** Sets signal quality as +CSQ reports it: rssi 0..31 or 99, ber 0..7 or 99. */
    public void setSignal(int rssi, int ber) {
        checkRssi(rssi);
        checkBer(ber);
        change(() -> {
            this.rssi = rssi;
            this.ber = ber;
        });
    }

    public void setOperator(String operator) {
        Objects.requireNonNull(operator, "operator");
        change(() -> this.operator = operator);
    }

    /**
     * AT+CGATT=1. Attaching when already attached does nothing.
     *
     * @throws NetworkStateException with the state found when the radio is off, out of coverage, or has no packet
     *                               registration to attach with
     */
    public void attach() throws NetworkStateException {
        synchronized (this) {
            if (!radioOn) {
                throw new NetworkStateException("cannot attach: radio off");
            }
            if (!coverage) {
                throw new NetworkStateException("cannot attach: no coverage (SEARCHING)");
            }
            if (!ps.isRegistered()) {
                throw new NetworkStateException("cannot attach: PS registration " + ps);
            }
        }
        change(() -> attachWanted = true);
    }

    /** AT+CGATT=0: detaches and drops every open bearer ({@link DropReason#DETACHED}). */
    public void detach() {
        change(() -> attachWanted = false);
    }

    /**
     * Radio power, for AT+CFUN: off deregisters, detaches and drops open bearers ({@link DropReason#RADIO_OFF});
     * on restores the configured state.
     */
    public void setRadioOn(boolean on) {
        change(() -> radioOn = on);
    }

    public synchronized boolean isRadioOn() {
        return radioOn;
    }

    /** Driven by coverage-loss faults: see {@link Fault#coverageLoss()}. */
    void setCoverage(boolean inCoverage) {
        change(() -> coverage = inCoverage);
    }

    /** Why a bearer cannot be up right now, or null when it can. */
    synchronized DropReason bearerBlocker() {
        return dropReason();
    }

    /** Why bearers cannot stay up now, or null when they can. Caller holds the lock. */
    private DropReason dropReason() {
        if (!radioOn) {
            return DropReason.RADIO_OFF;
        }
        if (!coverage) {
            return DropReason.COVERAGE_LOST;
        }
        if (!ps.isRegistered()) {
            return DropReason.NOT_REGISTERED;
        }
        return attachWanted ? null : DropReason.DETACHED;
    }

    private void change(Runnable mutation) {
        RadioState before;
        RadioState after;
        DropReason reason;
        synchronized (this) {
            before = state();
            mutation.run();
            after = state();
            reason = dropReason();
            if (!before.equals(after)) {
                RadioState b = before;
                RadioState a = after;
                notifier.post(l -> l.radioChanged(b, a));
            }
        }
        if (!before.equals(after)) {
            log.info("radio: creg {} cgreg {} attached {} csq {},{}{}", after.creg(), after.cgreg(), after.attached(),
                    after.rssi(), after.ber(), after.radioOn() ? "" : " (radio off)");
            afterChange.accept(after, reason);
        }
        notifier.drain();
    }

    static int checkLac(int lac) {
        if (lac < 0 || lac > 0xFFFF) {
            throw new IllegalArgumentException("lac out of range: " + lac + " (0..0xFFFF)");
        }
        return lac;
    }

    static int checkCi(int ci) {
        if (ci < 0 || ci > 0xFFFFFFF) {
            throw new IllegalArgumentException("ci out of range: " + ci + " (0..0xFFFFFFF)");
        }
        return ci;
    }

    static int checkRssi(int rssi) {
        if ((rssi < 0 || rssi > 31) && rssi != 99) {
            throw new IllegalArgumentException("rssi out of range: " + rssi + " (0..31 or 99)");
        }
        return rssi;
    }

    static int checkBer(int ber) {
        if ((ber < 0 || ber > 7) && ber != 99) {
            throw new IllegalArgumentException("ber out of range: " + ber + " (0..7 or 99)");
        }
        return ber;
    }
}
