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
    private final Map<String, CommandHandler> fallbacks = new TreeMap<>();
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

    /**
     * Answers every command with this prefix that has no handler of its own (a dialect whose unknown commands
     * answer something other than {@code ERROR}: the Multi-Tech {@code #} set says {@code #CME ERROR: 34817}).
     * Commands the profile disables count as unknown too.
     */
    public CommandRegistry fallback(String prefix, CommandHandler handler) {
        fallbacks.put(prefix.toUpperCase(java.util.Locale.ROOT), handler);
        return this;
    }

    /** The handler for a command, or null when this modem does not know it. */
    public CommandHandler find(String name) {
        return handlers.get(name);
    }

    /**
     * The handler for a command, else the fallback for the longest prefix of its name, else null (the engine then
     * answers {@code ERROR}).
     */
    public CommandHandler resolve(String name) {
        CommandHandler h = handlers.get(name);
        if (h != null || fallbacks.isEmpty()) {
            return h;
        }
        String best = null;
        for (String prefix : fallbacks.keySet()) {
            if (name.startsWith(prefix) && (best == null || prefix.length() > best.length())) {
                best = prefix;
            }
        }
        return best == null ? null : fallbacks.get(best);
    }

    /** Every registered command name, sorted. */
    public Set<String> names() {
        return Collections.unmodifiableSet(handlers.keySet());
    }
}
