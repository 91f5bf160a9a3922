package dev.vmodem.profile;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.Map;

/**
 * What differs between modem models, as data: identity strings, which commands exist, result-code variants.
 * Built-in profiles are property files under {@code dev/vmodem/profiles/} on the class path; a profile may
 * {@code extends} another and override single keys. Configuration may override any key again
 * ({@code identity.imei=...}).
 *
 * <p>Keys in use: {@code identity.*} (manufacturer, model, revision, imei, imsi, iccid, operator, ati, gsv),
 * {@code commands.disabled} (comma-separated command names such as {@code +FTPETGET}), {@code dialect}
 * ({@code simcom} or {@code multitech}) and application variants such as {@code ftp.manualQuitCode}.
 */
public final class Profile {

    /** The built-in profiles. */
    public static final List<String> BUILT_IN = List.of("sim800", "sim800-strict", "multitech");

    private final String name;
    private final Map<String, String> values;

    private Profile(String name, Map<String, String> values) {
        this.name = name;
        this.values = Collections.unmodifiableMap(values);
    }

    /** Loads a built-in profile by name (with its parents), or fails with the list of names. */
    public static Profile named(String name) {
        return new Profile(name, load(name, 0));
    }

    /** The default profile, {@code sim800}. */
    public static Profile defaultProfile() {
        return named("sim800");
    }

    private static Map<String, String> load(String name, int depth) {
        if (depth > 8) {
            throw new IllegalArgumentException("profile inheritance too deep at " + name);
        }
        Properties p = new Properties();
        try (InputStream in = Profile.class.getResourceAsStream("/dev/vmodem/profiles/" + name + ".properties")) {
            if (in == null) {
                throw new IllegalArgumentException("unknown profile \"" + name + "\"; known: " + BUILT_IN);
            }
            p.load(in);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read profile " + name, e);
        }
        Map<String, String> v = new TreeMap<>();
        String parent = p.getProperty("extends");
        if (parent != null && !parent.isBlank()) {
            v.putAll(load(parent.trim(), depth + 1));
        }
        for (String k : p.stringPropertyNames()) {
            if (!k.equals("extends")) {
                v.put(k, p.getProperty(k));
            }
        }
        return v;
    }

    /** This profile with some keys replaced (from configuration). Keys not in the profile are added. */
    public Profile with(Map<String, String> overrides) {
        Map<String, String> v = new TreeMap<>(values);
        v.putAll(overrides);
        return new Profile(name, v);
    }

    public String name() {
        return name;
    }

    /** A value, or fails naming the key: profiles are complete, a missing key is a bug. */
    public String get(String key) {
        String v = values.get(key);
        if (v == null) {
            throw new IllegalStateException("profile " + name + " has no " + key);
        }
        return v;
    }

    public String get(String key, String dflt) {
        return values.getOrDefault(key, dflt);
    }

    public int getInt(String key, int dflt) {
        String v = values.get(key);
        return v == null ? dflt : Integer.parseInt(v.trim());
    }

    public boolean getBoolean(String key, boolean dflt) {
        String v = values.get(key);
        return v == null ? dflt : Boolean.parseBoolean(v.trim());
    }

    /** A multi-line value: lines separated by {@code |}. */
    public List<String> lines(String key) {
        return Arrays.asList(get(key).split("\\|", -1));
    }

    /** Command names this profile leaves out (upper case, with prefix). */
    public Set<String> disabledCommands() {
        Set<String> s = new LinkedHashSet<>();
        for (String c : get("commands.disabled", "").split(",")) {
            if (!c.isBlank()) {
                s.add(c.trim().toUpperCase(Locale.ROOT));
            }
        }
        return s;
    }

    /** Every key and value, for `--help` listings and docs. */
    public Map<String, String> values() {
        return values;
    }

    @Override
    public String toString() {
        return name;
    }
}
