package dev.vmodem.scenario;

import dev.vmodem.at.response.Final;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Final results as scenario files and the control API write them; see {@link Scenario} ("Results"). */
final class Results {

    private static final Pattern CME = Pattern.compile("\\+CME ERROR:\\s*(\\d+)", Pattern.CASE_INSENSITIVE);

    private Results() {
    }

    static Final parse(String text) {
        String t = text.trim();
        Matcher m = CME.matcher(t);
        if (m.matches()) {
            return Final.cme(Integer.parseInt(m.group(1)));
        }
        switch (t.toUpperCase(Locale.ROOT)) {
            case "OK":
                return Final.OK;
            case "ERROR":
                return Final.ERROR;
            case "CONNECT":
                return Final.CONNECT;
            case "NO CARRIER":
                return Final.NO_CARRIER;
            case "BUSY":
                return Final.BUSY;
            case "NO ANSWER":
                return Final.NO_ANSWER;
            case "NO DIALTONE":
                return Final.NO_DIALTONE;
            case "NONE":
                return Final.NONE;
            default:
                if (t.isEmpty()) {
                    throw new IllegalArgumentException("empty result");
                }
                return t.toUpperCase(Locale.ROOT).contains("ERROR") ? Final.failure(t, t) : Final.text(t, t);
        }
    }
}
