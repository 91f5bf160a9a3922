package dev.vmodem.net;

import java.util.Locale;

/**
 * One consistent snapshot of what the radio reports: registration for circuit-switched ({@code +CREG}) and packet
 * ({@code +CGREG}) service, the serving cell, signal quality ({@code +CSQ}), the operator ({@code +COPS}) and the
 * GPRS attach state ({@code +CGATT}).
 *
 * <p>Values are already the effective ones: with the radio off or out of coverage the registrations are not
 * registered/searching, {@code rssi}/{@code ber} are 99 ("not known or not detectable"), the operator is empty and
 * {@code attached} is false, whatever was configured.
 *
 * @param creg      CS registration (AT+CREG {@code <stat>})
 * @param cgreg     PS registration (AT+CGREG {@code <stat>}); not registered while detached
 * @param lac       location area code, 0..0xFFFF
 * @param ci        cell id, 0..0xFFFFFFF
 * @param rssi      0..31 or 99
 * @param ber       0..7 or 99
 * @param operator  operator name for {@code +COPS: 0,0,"<oper>"}; empty when not registered
 * @param attached  GPRS attached (AT+CGATT)
 * @param radioOn   false after {@link Radio#setRadioOn(boolean) setRadioOn(false)} (AT+CFUN=0 or 4)
 * @param inCoverage false while a coverage-loss fault is active
 */
public record RadioState(RegStatus creg, RegStatus cgreg, int lac, int ci, int rssi, int ber, String operator,
                         boolean attached, boolean radioOn, boolean inCoverage) {

    /** The location area code as {@code +CREG: 2,1,"1A2B","3C4D"} prints it: four upper-case hex digits. */
    public String lacHex() {
        return String.format(Locale.ROOT, "%04X", lac);
    }

    /** The cell id as {@code +CREG} prints it: at least four upper-case hex digits. */
    public String ciHex() {
        return String.format(Locale.ROOT, "%04X", ci);
    }
}
