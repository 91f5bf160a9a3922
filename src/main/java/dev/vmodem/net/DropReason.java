package dev.vmodem.net;

/** Why the network deactivated a bearer (see {@link NetworkListener#bearerDropped}). */
public enum DropReason {
    /** Coverage was lost (a coverage-loss fault). */
    COVERAGE_LOST,
    /** The modem detached from GPRS (AT+CGATT=0). */
    DETACHED,
    /** The radio was switched off (AT+CFUN=0/4). */
    RADIO_OFF,
    /** Packet registration was lost or denied while attached. */
    NOT_REGISTERED,
    /** The network tore the context down on its own (a bearer-drop fault, {@link Bearers#drop}). */
    NETWORK
}
