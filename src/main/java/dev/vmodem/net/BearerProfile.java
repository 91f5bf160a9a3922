package dev.vmodem.net;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The parameters of one bearer profile, as {@code AT+SAPBR=3,<cid>,"<tag>","<value>"} sets them and
 * {@code AT+SAPBR=4,<cid>} lists them.
 *
 * <pre>
 *   AT+SAPBR=3,1,"APN","internet"     profile.withParameter("APN", "internet")
 *   AT+SAPBR=4,1                      profile.parameters(): CONTYPE, APN, PHONENUM, USER, PWD, RATE in that order
 * </pre>
 *
 * <p>Limits (M109 §9.2.1): APN at most 64 characters, USER and PWD at most 32, RATE 0..3 (2400, 4800, 9600,
 * 14400), CONTYPE "GPRS" or "CSD". The manual gives no limit for PHONENUM; 40 (a dial string's usual maximum) is
 * enforced so the buffer stays bounded.
 */
public record BearerProfile(String contype, String apn, String user, String pwd, String phonenum, int rate) {

    public static final int MAX_APN = 64;
    public static final int MAX_USER = 32;
    public static final int MAX_PWD = 32;
    public static final int MAX_PHONENUM = 40;

    public BearerProfile {
        Objects.requireNonNull(contype, "contype");
        Objects.requireNonNull(apn, "apn");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(pwd, "pwd");
        Objects.requireNonNull(phonenum, "phonenum");
        contype = contype.toUpperCase(Locale.ROOT);
        if (!contype.equals("GPRS") && !contype.equals("CSD")) {
            throw new IllegalArgumentException("CONTYPE must be GPRS or CSD: '" + contype + "'");
        }
        checkLength("APN", apn, MAX_APN);
        checkLength("USER", user, MAX_USER);
        checkLength("PWD", pwd, MAX_PWD);
        checkLength("PHONENUM", phonenum, MAX_PHONENUM);
        if (rate < 0 || rate > 3) {
            throw new IllegalArgumentException("RATE out of range: " + rate + " (0..3)");
        }
    }

    /** A fresh profile: GPRS, the given APN, no credentials, RATE 2 (the value field captures show). */
    public static BearerProfile defaults(String apn) {
        return new BearerProfile("GPRS", apn, "", "", "", 2);
    }

    /**
     * This profile with one parameter changed. Tags are case-insensitive ("Contype" appears in SIMCom's own
     * examples).
     *
     * @throws IllegalArgumentException for an unknown tag or a value out of range, with the numbers:
     *                                  "APN too long: 70 &gt; 64"
     */
    public BearerProfile withParameter(String tag, String value) {
        Objects.requireNonNull(value, "value");
        switch (tag.toUpperCase(Locale.ROOT)) {
            case "CONTYPE":
                return new BearerProfile(value, apn, user, pwd, phonenum, rate);
            case "APN":
                return new BearerProfile(contype, value, user, pwd, phonenum, rate);
            case "USER":
                return new BearerProfile(contype, apn, value, pwd, phonenum, rate);
            case "PWD":
                return new BearerProfile(contype, apn, user, value, phonenum, rate);
            case "PHONENUM":
                return new BearerProfile(contype, apn, user, pwd, value, rate);
            case "RATE":
                int r;
                try {
                    r = Integer.parseInt(value.trim());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("RATE is not a number: '" + value + "'");
                }
                return new BearerProfile(contype, apn, user, pwd, phonenum, r);
            default:
                throw new IllegalArgumentException("unknown bearer parameter: '" + tag + "'");
        }
    }

    /** One parameter by tag (case-insensitive); RATE as its digit. */
    public String parameter(String tag) {
        String v = parameters().get(tag.toUpperCase(Locale.ROOT));
        if (v == null) {
            throw new IllegalArgumentException("unknown bearer parameter: '" + tag + "'");
        }
        return v;
    }

    /** All parameters in the order {@code AT+SAPBR=4} prints them on a real SIM800L. */
    public Map<String, String> parameters() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("CONTYPE", contype);
        m.put("APN", apn);
        m.put("PHONENUM", phonenum);
        m.put("USER", user);
        m.put("PWD", pwd);
        m.put("RATE", Integer.toString(rate));
        return m;
    }

    /** Like the record's own, with the password masked: profiles end up in log lines. */
    @Override
    public String toString() {
        return "BearerProfile[contype=" + contype + ", apn=" + apn + ", user=" + user + ", pwd="
                + (pwd.isEmpty() ? "" : "****") + ", phonenum=" + phonenum + ", rate=" + rate + "]";
    }

    private static void checkLength(String tag, String value, int max) {
        if (value.length() > max) {
            throw new IllegalArgumentException(tag + " too long: " + value.length() + " > " + max);
        }
    }
}
