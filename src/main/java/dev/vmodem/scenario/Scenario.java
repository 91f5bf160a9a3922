package dev.vmodem.scenario;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.vmodem.net.Fault;
import dev.vmodem.net.LinkModel;
import dev.vmodem.net.RegStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A script for the modem, written in YAML (JSON works too: it is YAML): what to set up when it is loaded, what to
 * do at given times or after given commands, and how to answer chosen commands instead of (or later than) the
 * modem. {@code --scenario FILE} loads one at start-up, {@code VirtualModem.loadScenario} and
 * {@code POST /scenario} at any time; loading one replaces the one before. Times are on the modem's clock.
 *
 * <pre>
 * name: bearer drops mid-transfer
 * description: The network drops the bearer while the third block is read.
 * setup:                          # actions when the scenario is loaded
 *   - link: gprs
 * events:
 *   - at: 5s                      # after the scenario was loaded ...
 *     signal: 8,0
 *   - after: AT+FTPGET=2          # ... or once the count-th matching command arrives
 *     count: 3
 *     fault: bearer-drop once
 * overrides:                      # answer instead of the modem
 *   - command: AT+CSQ
 *     response: ["+CSQ: 8,0"]     # information lines; the final result is OK unless result says otherwise
 *     times: 1                    # then the modem answers again (omit: every time)
 *   - command: AT+FTPGET=1
 *     result: OK
 *     urcs: [{text: "+FTPGET: 1,72", delay: 1s}]
 * delays:                         # the modem answers, but late
 *   - command: AT+SAPBR=1,1
 *     delay: 3s
 * </pre>
 *
 * <p><b>Actions</b> (in {@code setup} and in events; one or more per item, run in this order): {@code note: TEXT}
 * (into the transcript), {@code link: PRESET} (instant, gprs, edge, lte-m), {@code registration: STATUS} (home,
 * roaming, searching, denied, unknown, none), {@code signal: RSSI[,BER]}, {@code clear: KIND|all} (see
 * {@link #faultKind}), {@code fault: SPEC} (as {@link Fault#parse}: {@code cut 1000 once dir=down}),
 * {@code dropBearer: CID}, {@code urc: TEXT}, {@code reset: true} (as AT+CFUN=1,1), {@code powerCycle: DURATION}
 * (power off that long, then on).
 *
 * <p><b>Matching commands</b>: {@code command: AT+FTPGET=2} matches that command exactly and any longer form that
 * goes on with {@code =}, {@code ?} or {@code ,} ({@code AT+FTPGET=2,1460}; {@code AT+CSQ} also matches
 * {@code AT+CSQ=?}); case does not matter; the {@code AT} may be left out ({@code +CSQ}). {@code regex:} matches the
 * whole command (with its {@code AT}, as the host wrote it) instead. Each command of a {@code ;}-line is matched on
 * its own. The first override that matches and has uses left answers.
 *
 * <p><b>Results</b> ({@code result:}): {@code OK} (default), {@code ERROR}, {@code +CME ERROR: N},
 * {@code NO CARRIER}, {@code BUSY}, {@code NO ANSWER}, {@code NO DIALTONE}, {@code CONNECT}, {@code none} (no
 * final line), or any other text as a final line of its own (failing if it contains "ERROR").
 *
 * <p><b>Durations</b>: {@code 250ms}, {@code 5s}, {@code 1.5s}, {@code 2m}; a bare number is milliseconds.
 */
public final class Scenario {

    private static final ObjectMapper YAML = configure(new YAMLMapper());
    private static final ObjectMapper JSON = configure(new JsonMapper());

    private static ObjectMapper configure(ObjectMapper m) {
        m.setVisibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE);
        m.setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY);
        m.setVisibility(PropertyAccessor.CREATOR, JsonAutoDetect.Visibility.ANY); // Urc(String): "urcs: [TEXT]"
        m.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        m.enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY);
        return m;
    }

    /** Actions; see the class comment. Fields are null when absent. */
    public static class Action {
        String note;
        String link;
        String registration;
        String signal;
        String clear;
        String fault;
        Integer dropBearer;
        String urc;
        Boolean reset;
        String powerCycle;

        boolean isEmpty() {
            return note == null && link == null && registration == null && signal == null && clear == null
                && fault == null && dropBearer == null && urc == null && reset == null && powerCycle == null;
        }

        /** Whether it has to wait for the command line in progress to end (it resets the modem). */
        boolean resets() {
            return Boolean.TRUE.equals(reset) || powerCycle != null;
        }

        void validate(String where) {
            if (isEmpty()) {
                throw new IllegalArgumentException(where + ": no action (note, link, registration, signal, clear,"
                    + " fault, dropBearer, urc, reset, powerCycle)");
            }
            try {
                if (link != null) {
                    LinkModel.preset(link);
                }
                if (registration != null) {
                    RegStatus.parse(registration);
                }
                if (signal != null) {
                    signal();
                }
                if (clear != null && !clear.equalsIgnoreCase("all")) {
                    faultKind(clear);
                }
                if (fault != null) {
                    Fault.parse(fault);
                }
                if (dropBearer != null && (dropBearer < 1 || dropBearer > 3)) {
                    throw new IllegalArgumentException("dropBearer: cid " + dropBearer + " not in 1..3");
                }
                if (powerCycle != null) {
                    Durations.parse(powerCycle);
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
            }
        }

        /** {rssi, ber} from "rssi[,ber]". */
        int[] signal() {
            String[] p = signal.split(",");
            try {
                int rssi = Integer.parseInt(p[0].trim());
                int ber = p.length > 1 ? Integer.parseInt(p[1].trim()) : 0;
                if (p.length > 2) {
                    throw new NumberFormatException();
                }
                if ((rssi < 0 || rssi > 31) && rssi != 99) {
                    throw new IllegalArgumentException("signal: rssi out of range: " + rssi + " (0..31 or 99)");
                }
                if ((ber < 0 || ber > 7) && ber != 99) {
                    throw new IllegalArgumentException("signal: ber out of range: " + ber + " (0..7 or 99)");
                }
                return new int[] {rssi, ber};
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("signal: expected RSSI[,BER], got '" + signal + "'");
            }
        }

        /** A short description for notes: "fault cut 0 once". */
        String describe() {
            List<String> parts = new ArrayList<>();
            add(parts, "note", note);
            add(parts, "link", link);
            add(parts, "registration", registration);
            add(parts, "signal", signal);
            add(parts, "clear", clear);
            add(parts, "fault", fault);
            add(parts, "dropBearer", dropBearer);
            add(parts, "urc", urc);
            add(parts, "reset", reset);
            add(parts, "powerCycle", powerCycle);
            return String.join(", ", parts);
        }

        private static void add(List<String> parts, String name, Object v) {
            if (v != null) {
                parts.add(name + " " + v);
            }
        }
    }

    /** A timed or command-triggered event: {@code at} or {@code after} (+ {@code count}, {@code delay}) + actions. */
    public static final class Event extends Action {
        String at;
        String after;
        String regex;
        Integer count;
        String delay;

        void validateEvent(String where) {
            int triggers = (at != null ? 1 : 0) + (after != null ? 1 : 0) + (regex != null ? 1 : 0);
            if (triggers != 1) {
                throw new IllegalArgumentException(where + ": give exactly one of 'at', 'after' or 'regex'");
            }
            if (at != null && (count != null || delay != null)) {
                throw new IllegalArgumentException(where + ": 'count' and 'delay' go with 'after', not 'at'");
            }
            try {
                if (at != null) {
                    Durations.parse(at);
                }
                if (delay != null) {
                    Durations.parse(delay);
                }
                if (count != null && count < 1) {
                    throw new IllegalArgumentException("count must be at least 1: " + count);
                }
                if (regex != null) {
                    java.util.regex.Pattern.compile(regex);
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
            }
            validate(where);
        }

        String trigger() {
            return at != null ? "at " + at : "after " + (count != null && count > 1 ? count + "x " : "")
                + (after != null ? after : "/" + regex + "/") + (delay != null ? " +" + delay : "");
        }
    }

    /** A URC an override sends after its answer. A plain string is a URC with no delay. */
    public static final class Urc {
        String text;
        String delay;

        Urc() {
        }

        /** For {@code urcs: ["+FTPGET: 1,72"]}. */
        Urc(String text) {
            this.text = text;
        }
    }

    /** Answers matching commands instead of the modem, or lets the modem answer late. */
    public static final class Override {
        String command;
        String regex;
        List<String> response;
        String result;
        List<Urc> urcs;
        String delay;
        Integer times;

        void validate(String where) {
            if ((command == null) == (regex == null)) {
                throw new IllegalArgumentException(where + ": give exactly one of 'command' or 'regex'");
            }
            try {
                if (regex != null) {
                    java.util.regex.Pattern.compile(regex);
                }
                if (delay != null) {
                    Durations.parse(delay);
                }
                if (times != null && times < 1) {
                    throw new IllegalArgumentException("times must be at least 1: " + times);
                }
                if (result != null) {
                    Results.parse(result);
                }
                if (urcs != null) {
                    for (Urc u : urcs) {
                        if (u.text == null) {
                            throw new IllegalArgumentException("urc without text");
                        }
                        if (u.delay != null) {
                            Durations.parse(u.delay);
                        }
                    }
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
            }
            if (response == null && result == null && delay == null && urcs == null) {
                throw new IllegalArgumentException(where + ": nothing to do (response, result, delay or urcs)");
            }
        }

        /** Whether it answers itself (otherwise the modem answers, after the delay). */
        boolean answers() {
            return response != null || result != null;
        }

        String match() {
            return command != null ? command : "/" + regex + "/";
        }
    }

    /** A per-command delay: the modem answers as usual, {@code delay} later. */
    public static final class Delay {
        String command;
        String regex;
        String delay;
        Integer times;

        Override toOverride() {
            Override o = new Override();
            o.command = command;
            o.regex = regex;
            o.delay = delay;
            o.times = times;
            return o;
        }
    }

    String name;
    String description;
    List<Action> setup = new ArrayList<>();
    List<Event> events = new ArrayList<>();
    List<Override> overrides = new ArrayList<>();
    List<Delay> delays = new ArrayList<>();

    Scenario() {
    }

    /**
     * Parses a scenario from YAML or JSON text and checks it (fault specs, durations, presets, patterns).
     *
     * @throws IllegalArgumentException with the line and column of a syntax error or an unknown key, or naming
     *                                  the item that is wrong
     */
    public static Scenario parse(String text) {
        Scenario s;
        try {
            String t = text.stripLeading();
            s = (t.startsWith("{") ? JSON : YAML).readValue(text, Scenario.class);
        } catch (JsonProcessingException e) {
            String msg = e.getOriginalMessage().strip();
            if (e instanceof UnrecognizedPropertyException u) {
                java.util.TreeSet<String> known = new java.util.TreeSet<>();
                u.getKnownPropertyIds().forEach(k -> known.add(String.valueOf(k)));
                msg = "unknown key '" + u.getPropertyName() + "' (known here: " + String.join(", ", known) + ")";
            }
            if (e.getLocation() != null && !msg.contains("line " + e.getLocation().getLineNr())) {
                msg += " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
            }
            throw new IllegalArgumentException("scenario: " + msg, e);
        }
        if (s == null) {
            s = new Scenario();
        }
        s.normalize();
        s.validate();
        return s;
    }

    /** Reads and parses a scenario file. */
    public static Scenario read(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        try {
            Scenario s = parse(text);
            if (s.name == null) {
                String f = file.getFileName().toString();
                s.name = f.replaceFirst("\\.(ya?ml|json)$", "");
            }
            return s;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    private void normalize() {
        setup = setup == null ? new ArrayList<>() : setup;
        events = events == null ? new ArrayList<>() : events;
        overrides = overrides == null ? new ArrayList<>() : overrides;
        delays = delays == null ? new ArrayList<>() : delays;
    }

    private void validate() {
        for (int i = 0; i < setup.size(); i++) {
            setup.get(i).validate("setup[" + (i + 1) + "]");
        }
        for (int i = 0; i < events.size(); i++) {
            events.get(i).validateEvent("events[" + (i + 1) + "]");
        }
        for (int i = 0; i < overrides.size(); i++) {
            overrides.get(i).validate("overrides[" + (i + 1) + "]");
        }
        for (int i = 0; i < delays.size(); i++) {
            Delay d = delays.get(i);
            if (d.delay == null) {
                throw new IllegalArgumentException("delays[" + (i + 1) + "]: missing 'delay'");
            }
            d.toOverride().validate("delays[" + (i + 1) + "]");
        }
    }

    /** The overrides, then the delays (as overrides that let the modem answer). */
    List<Override> allOverrides() {
        List<Override> all = new ArrayList<>(overrides);
        for (Delay d : delays) {
            all.add(d.toOverride());
        }
        return all;
    }

    /** The scenario's name (the file name without extension when the file gives none), or "scenario". */
    public String name() {
        return name != null ? name : "scenario";
    }

    /** The description, trimmed (YAML's folded text ends with a newline), or null. */
    public String description() {
        return description == null ? null : description.strip();
    }

    /**
     * A fault kind by the names fault specs and the control API use: coverage-loss, bearer-drop, dns-failure,
     * refuse, stall, cut, bandwidth, latency (the enum names and toString forms work too).
     */
    public static Fault.Kind faultKind(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        switch (n) {
            case "coverage-loss":
                return Fault.Kind.COVERAGE_LOSS;
            case "bearer-drop":
                return Fault.Kind.BEARER_DROP;
            case "dns-failure":
                return Fault.Kind.DNS_FAILURE;
            case "refuse":
            case "refuse-connections":
                return Fault.Kind.REFUSE_CONNECTIONS;
            case "stall":
                return Fault.Kind.STALL;
            case "cut":
            case "cut-after-bytes":
                return Fault.Kind.CUT_AFTER_BYTES;
            case "bandwidth":
            case "cap-bandwidth":
                return Fault.Kind.CAP_BANDWIDTH;
            case "latency":
            case "add-latency":
                return Fault.Kind.ADD_LATENCY;
            default:
                throw new IllegalArgumentException("unknown fault kind '" + name
                    + "' (coverage-loss, bearer-drop, dns-failure, refuse, stall, cut, bandwidth, latency)");
        }
    }

    /** Milliseconds of {@code d}, for descriptions. */
    static String ms(Duration d) {
        return Durations.format(d);
    }
}
