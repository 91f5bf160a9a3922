package dev.vmodem.modem;

import dev.vmodem.at.Settings;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps what AT&amp;W saves, so it survives ATZ and a restart of the emulator: a properties file in the state
 * directory, written atomically. With no directory the settings live in memory only (tests, embedded modems).
 */
public final class SettingsStore {

    private static final Logger log = LoggerFactory.getLogger(SettingsStore.class);

    private final Path file;
    private Settings memory;

    /** @param dir the state directory, or null for memory only */
    public SettingsStore(Path dir) {
        this.file = dir == null ? null : dir.resolve("settings.properties");
    }

    /** The saved settings, or factory defaults when nothing was saved or the file cannot be read. */
    public synchronized Settings load() {
        if (memory != null) {
            return memory.copy();
        }
        if (file == null || !Files.isRegularFile(file)) {
            return new Settings();
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
            p.load(r);
        } catch (IOException | IllegalArgumentException e) {
            log.warn("saved settings in {} unreadable ({}); using factory defaults", file, e.getMessage());
            return new Settings();
        }
        memory = Settings.fromProperties(p);
        return memory.copy();
    }

    /** Saves settings (AT&amp;W). */
    public synchronized void save(Settings s) throws IOException {
        memory = s.copy();
        if (file == null) {
            return;
        }
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.ISO_8859_1)) {
            s.toProperties().store(w, "vmodem AT&W settings");
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
