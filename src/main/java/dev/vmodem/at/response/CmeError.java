package dev.vmodem.at.response;

import java.util.HashMap;
import java.util.Map;

/**
 * The SIM800 +CME ERROR table (SIM800 Series AT Command Manual V1.09 §19.1). The texts are those printed with
 * AT+CMEE=2; where the manual's table and the wire differ in letter case, the wire form is used
 * ("invalid input value").
 */
public final class CmeError {

    public static final int PHONE_FAILURE = 0;
    public static final int OPERATION_NOT_ALLOWED = 3;
    public static final int OPERATION_NOT_SUPPORTED = 4;
    public static final int SIM_NOT_INSERTED = 10;
    public static final int SIM_PIN_REQUIRED = 11;
    public static final int SIM_BUSY = 14;
    public static final int INCORRECT_PASSWORD = 16;
    public static final int MEMORY_FULL = 20;
    public static final int NOT_FOUND = 22;
    public static final int TEXT_TOO_LONG = 24;
    public static final int INVALID_CHARACTERS = 25;
    public static final int NO_NETWORK_SERVICE = 30;
    public static final int NETWORK_TIMEOUT = 31;
    public static final int UNKNOWN = 100;
    public static final int GPRS_NOT_ALLOWED = 107;
    public static final int UNSPECIFIED_GPRS_ERROR = 148;
    public static final int PDP_AUTHENTICATION_FAILURE = 149;
    public static final int DNS_RESOLVE_FAILED = 160;
    public static final int SOCKET_OPEN_FAILED = 161;
    public static final int MISSING_PARAMETER = 753;
    public static final int INVALID_INPUT_VALUE = 765;
    public static final int UNSUPPORTED_MODE = 766;
    public static final int OPERATION_FAILED = 767;
    public static final int SIM_POWERED_DOWN = 772;
    public static final int PARAM_COUNT_NOT_ENOUGH = 791;
    public static final int PARAM_COUNT_BEYOND = 792;
    public static final int PARAM_VALUE_RANGE_BEYOND = 793;
    public static final int CFUN_STATE_0_OR_4 = 797;

    private static final Map<Integer, String> TEXTS = new HashMap<>();

    static {
        String[] table = {
            "0", "phone failure", "1", "no connection to phone", "2", "phone-adaptor link reserved",
            "3", "operation not allowed", "4", "operation not supported", "5", "PH-SIM PIN required",
            "6", "PH-FSIM PIN required", "7", "PH-FSIM PUK required", "10", "SIM not inserted",
            "11", "SIM PIN required", "12", "SIM PUK required", "13", "SIM failure", "14", "SIM busy",
            "15", "SIM wrong", "16", "incorrect password", "17", "SIM PIN2 required", "18", "SIM PUK2 required",
            "20", "memory full", "21", "invalid index", "22", "not found", "23", "memory failure",
            "24", "text string too long", "25", "invalid characters in text string", "26", "dial string too long",
            "27", "invalid characters in dial string", "30", "no network service", "31", "network timeout",
            "32", "network not allowed - emergency call only",
            "40", "network personalization PIN required", "41", "network personalization PUK required",
            "42", "network subset personalization PIN required", "43", "network subset personalization PUK required",
            "44", "service provider personalization PIN required",
            "45", "service provider personalization PUK required",
            "46", "corporate personalization PIN required", "47", "corporate personalization PUK required",
            "99", "resource limitation", "100", "unknown", "103", "Illegal MS", "106", "Illegal ME",
            "107", "GPRS services not allowed", "111", "PLMN not allowed", "112", "Location area not allowed",
            "113", "Roaming not allowed in this location area", "132", "service option not supported",
            "133", "requested service option not subscribed", "134", "service option temporarily out of order",
            "148", "unspecified GPRS error", "149", "PDP authentication failure", "150", "invalid mobile class",
            "160", "DNS resolve failed", "161", "Socket open failed",
            "600", "No Error", "601", "Unrecognized Command", "602", "Return Value Error", "603", "Syntax Error",
            "604", "Unspecified Error", "605", "Data Transfer Already", "606", "Action Already",
            "607", "Not At Cmd", "608", "Multi Cmd too long", "609", "Abort Cops", "610", "No Call Disc",
            "614", "AT Not Allowed By Customer",
            "753", "missing required cmd parameter", "754", "invalid SIM command", "755", "invalid File Id",
            "756", "missing required P1/2/3 parameter", "757", "invalid P1/2/3 parameter",
            "758", "missing required command data", "759", "invalid characters in command data",
            "765", "invalid input value", "766", "Unsupported mode", "767", "Operation failed",
            "768", "Mux already running", "769", "Unable to get control", "770", "SIM network reject",
            "771", "Call setup in progress", "772", "SIM powered down", "773", "SIM file not present",
            "791", "Param count not enough", "792", "Param count beyond", "793", "Param value range beyond",
            "794", "Param type not match", "795", "Param format invalid", "796", "Get a null param",
            "797", "CFUN state is 0 or 4",
        };
        for (int i = 0; i < table.length; i += 2) {
            TEXTS.put(Integer.parseInt(table[i]), table[i + 1]);
        }
    }

    private CmeError() {
    }

    /** The verbose text for a code; codes missing from the table read "unknown". */
    public static String text(int code) {
        return TEXTS.getOrDefault(code, "unknown");
    }

    /** Whether the SIM800 table defines this code. */
    public static boolean isDefined(int code) {
        return TEXTS.containsKey(code);
    }
}
