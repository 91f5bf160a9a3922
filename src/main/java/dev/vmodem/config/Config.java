package dev.vmodem.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The emulator's settings: a flat set of {@code key=value} pairs with typed getters. Defaults live in
 * {@code config/vmodem.properties}, which the build copies into the jar
 * so that every setting and its default can be read in one file. A file given with {@code --config} and then
 * command-line options override them, in that order.
 */
public final class Config {

    private final Map<String, String> values;

    private Config(Map<String, String> values) {
        this.values = values;
    }

    /** The defaults alone. */
    public static Config defaults() {
        Properties p = new Properties();
        try (InputStream in = Config.class.getResourceAsStream("/dev/vmodem/config/vmodem.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read built-in defaults", e);
        }
        Map<String, String> m = new TreeMap<>();
        for (String k : p.stringPropertyNames()) {
            m.put(k, p.getProperty(k).trim());
        }
        return new Config(m);
    }

    /** These settings with the keys of a properties file laid over them. */
    public Config withFile(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        Map<String, String> m = new TreeMap<>(values);
        for (String k : p.stringPropertyNames()) {
            m.put(k, p.getProperty(k).trim());
        }
        return new Config(m);
    }

    /** These settings with one key replaced. */
    public Config with(String key, String value) {
        Map<String, String> m = new TreeMap<>(values);
        if (value == null) {
            m.remove(key);
        } else {
            m.put(key, value);
        }
        return new Config(m);
    }

    public String get(String key, String dflt) {
        String v = values.get(key);
        return v == null || v.isEmpty() ? dflt : v;
    }

    public String get(String key) {
        return get(key, null);
    }

    public int getInt(String key, int dflt) {
        String v = get(key);
        if (v == null) {
            return dflt;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("setting " + key + "=" + v + " is not a number", e);
        }
    }

    /** {@link #getInt(String, int)}, refusing a value outside {@code min} to {@code max} with the setting's name. */
    public int getInt(String key, int dflt, int min, int max) {
        int v = getInt(key, dflt);
        if (v < min || v > max) {
            throw new IllegalArgumentException("setting " + key + "=" + v + " is out of range (" + min + " to " + max
                    + ")");
        }
        return v;
    }

    public boolean getBoolean(String key, boolean dflt) {
        String v = get(key);
        return v == null ? dflt : v.equalsIgnoreCase("true") || v.equals("1") || v.equalsIgnoreCase("yes");
    }

    public Duration getMillis(String key, long dfltMillis) {
        return Duration.ofMillis(getInt(key, (int) dfltMillis));
    }

    /** The keys that start with {@code prefix}, with the prefix removed. */
    public Map<String, String> withPrefix(String prefix) {
        Map<String, String> m = new TreeMap<>();
        values.forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                m.put(k.substring(prefix.length()), v);
            }
        });
        return m;
    }

    /** All settings as properties (for the parts configured from properties). */
    public Properties toProperties() {
        Properties p = new Properties();
        values.forEach(p::setProperty);
        return p;
    }

    public Map<String, String> values() {
        return java.util.Collections.unmodifiableMap(values);
    }
}
