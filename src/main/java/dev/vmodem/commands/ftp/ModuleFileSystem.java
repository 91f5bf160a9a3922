package dev.vmodem.commands.ftp;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * The module's flash file system as AT+FTPGETTOFS, AT+FTPPUTFRMFS, AT+FTPFILEPUT and AT+FTPEXTGET=2 see it: one
 * directory on the host ({@code <state dir>/fs}). The module's FTP folder is its root, under every spelling the
 * documents use:
 *
 * <pre>
 *   C:\User\Ftp\test.txt     →  &lt;state&gt;/fs/test.txt
 *   c:&#92;user\ftp\test.txt     →  &lt;state&gt;/fs/test.txt
 *   Disk1:&#92;user\ftp\a\b.bin  →  &lt;state&gt;/fs/a/b.bin
 *   test.txt                 →  &lt;state&gt;/fs/test.txt   (a bare name: the FTP folder)
 *   Disk2:\ftp\x, c:\x, ..\x →  refused (no SD card; outside the FTP folder; no escape)
 * </pre>
 *
 * Separators may be {@code \} or {@code /}; drive and folder names are matched in any case. Paths are confined: a
 * {@code ..} or {@code .} segment, an empty segment, or a path that leaves the root after normalising is refused.
 */
final class ModuleFileSystem {

    private static final String[] ROOTS = {"c:/user/ftp/", "disk1:/user/ftp/"};

    private final Path root; // null: no state directory, no file system

    ModuleFileSystem(Path stateDir) {
        this.root = stateDir == null ? null : stateDir.resolve("fs").toAbsolutePath().normalize();
    }

    boolean available() {
        return root != null;
    }

    Path root() {
        return root;
    }

    /** The host path for a module path, or empty when it is refused (the reason is in {@code why}). */
    Optional<Path> resolve(String modulePath, StringBuilder why) {
        if (root == null) {
            why.append("no state directory, so no module file system");
            return Optional.empty();
        }
        String p = modulePath.replace('\\', '/');
        String lower = p.toLowerCase(Locale.ROOT);
        String rest = null;
        for (String r : ROOTS) {
            if (lower.startsWith(r)) {
                rest = p.substring(r.length());
                break;
            }
        }
        if (rest == null) {
            if (p.contains(":") || p.startsWith("/")) {
                why.append("not in the module's FTP folder (C:\\User\\Ftp): ").append(modulePath);
                return Optional.empty();
            }
            rest = p;
        }
        if (rest.isEmpty()) {
            why.append("no file name in ").append(modulePath);
            return Optional.empty();
        }
        for (String seg : rest.split("/", -1)) {
            if (seg.isEmpty() || seg.equals(".") || seg.equals("..")) {
                why.append("bad path segment \"").append(seg).append("\" in ").append(modulePath);
                return Optional.empty();
            }
        }
        Path target = root.resolve(rest).normalize();
        if (!target.startsWith(root)) {
            why.append("outside the module file system: ").append(modulePath);
            return Optional.empty();
        }
        return Optional.of(target);
    }

    /** Makes the parent directories of a file about to be written. */
    void prepare(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Path real = file.getParent().toRealPath();
        if (!real.startsWith(root.toRealPath())) {
            throw new IOException("outside the module file system: " + file);
        }
    }
}
