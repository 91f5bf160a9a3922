package dev.vmodem.at.parser;

/** The four forms of an AT command (3GPP TS 27.007 §4.1). */
public enum Form {
    /** {@code AT+CMD} or {@code ATE1}: run it (basic commands carry their number as the argument). */
    EXECUTE,
    /** {@code AT+CMD?}: show the current value. */
    READ,
    /** {@code AT+CMD=?}: show the supported values. */
    TEST,
    /** {@code AT+CMD=<args>}: set values. */
    WRITE
}
