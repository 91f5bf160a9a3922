package dev.vmodem.util;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks the passwords of command lines before they are shown (logs, {@code --trace}): the value of
 * {@code +FTPPW=}, {@code #FTPPW=}, {@code #APNPW=}, and of the {@code "PWD"} tag of {@code +SAPBR=3,<cid>,"PWD",...}.
 *
 * <pre>
 *   AT+FTPPW="s3cret";+FTPUN="u"      →  AT+FTPPW="****";+FTPUN="u"
 *   AT+SAPBR=3,1,"PWD","gprs"         →  AT+SAPBR=3,1,"PWD","****"
 * </pre>
 *
 * A quoted value is masked up to its closing quote (a {@code ;} inside quotes belongs to the password), an unquoted
 * one up to {@code ;} or the end of the line. Works on any text in which a line is whole; a command split over two
 * trace bursts is masked only in the burst that holds the command name.
 */
public final class Secrets {

    private static final Pattern SECRET = Pattern.compile(
        "(?i)([+#](?:FTPPW|APNPW)\\s*=\\s*|\\+SAPBR\\s*=\\s*3\\s*,\\s*\\d*\\s*,\\s*\"?PWD\"?\\s*,\\s*)"
            + "(?:\"([^\"\\r\\n]*)\"?|([^;\\r\\n\"]*))");

    private Secrets() {
    }

    /** The text with every password value replaced by {@code ****}. */
    public static String mask(String text) {
        if (text == null || text.indexOf('=') < 0) {
            return text;
        }
        Matcher m = SECRET.matcher(text);
        StringBuilder sb = new StringBuilder(text.length());
        while (m.find()) {
            String value = m.group(2) != null ? "\"****\"" : m.group(3).isEmpty() ? "" : "****";
            m.appendReplacement(sb, Matcher.quoteReplacement(m.group(1) + value));
        }
        m.appendTail(sb);
        return sb.toString();
    }
}
