package dev.vmodem.at.command;

import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Command name → handler. Filled explicitly, one builder per command family, so the whole command set of a modem can
 * be read in a few screens. Names are upper case, with their prefix: {@code "E"}, {@code "&W"}, {@code "S"},
 * {@code "+CMEE"}, {@code "#FTPGET"}.
 */
public final class CommandRegistry {

    private final Map<String, CommandHandler> handlers = new TreeMap<>();
    private final Set<String> disabled;

    /** @param disabled commands the profile leaves out; registering them is a no-op, so they answer ERROR */
    public CommandRegistry(Set<String> disabled) {
        this.disabled = Set.copyOf(disabled);
    }

    public CommandRegistry() {
        this(Set.of());
    }

    /** Registers a handler; a second handler for the same name replaces the first (a dialect overriding a base). */
    public CommandRegistry register(String name, CommandHandler handler) {
        String key = name.toUpperCase(java.util.Locale.ROOT);
        if (!disabled.contains(key)) {
            handlers.put(key, handler);
        }
        return this;
    }

    /** The handler for a command, or null when this modem does not know it. */
    public CommandHandler find(String name) {
        return handlers.get(name);
    }

    /** Every registered command name, sorted. */
    public Set<String> names() {
        return Collections.unmodifiableSet(handlers.keySet());
    }
}
