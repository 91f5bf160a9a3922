package dev.vmodem.dashboard;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The web dashboard ({@code --dashboard [HOST:]PORT}): one page, plain HTML, CSS and JavaScript shipped inside the
 * jar (no build step, nothing fetched from the internet), served by a {@link dev.vmodem.control.ControlServer}
 * next to the control API it drives. The page follows the modem through {@code /transcript/stream} (transcript
 * entries and {@code transfer} events) and {@code GET /state}, and acts through the API's endpoints. This class
 * holds the two things the API itself does not have: the page's files, and the embedded FTP server's files
 * ({@code GET /files}, {@code GET /files/PATH}), confined to the FTP root.
 *
 * <pre>
 *   GET /                  the page (also /dashboard)
 *   GET /dashboard/app.js  its script; /dashboard/app.css its style
 *   GET /files             [{"path":"fw.bin","size":102400,"modified":1714641244324}, ...]
 *   GET /files/fw.bin      the file's bytes
 * </pre>
 *
 * See docs/dashboard.md.
 */
public final class Dashboard {

    /** At most this many files are listed. */
    public static final int MAX_FILES = 1000;

    private Dashboard() {
    }

    /** A static asset of the page: bytes and content type. */
    public record Asset(byte[] bytes, String contentType) {
    }

    /** The page's asset at {@code path} ("/", "/dashboard", "/dashboard/app.js"...), or null when it is not one. */
    public static Asset asset(String path) throws IOException {
        String name = switch (path) {
            case "/", "/dashboard", "/index.html", "/dashboard/index.html" -> "index.html";
            case "/dashboard/app.js" -> "app.js";
            case "/dashboard/app.css" -> "app.css";
            case "/favicon.ico", "/dashboard/favicon.svg" -> "favicon.svg";
            default -> null;
        };
        if (name == null) {
            return null;
        }
        try (InputStream in = Dashboard.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("dashboard resource missing from the jar: " + name);
            }
            String type = name.endsWith(".html") ? "text/html; charset=utf-8"
                : name.endsWith(".js") ? "text/javascript; charset=utf-8"
                : name.endsWith(".css") ? "text/css; charset=utf-8" : "image/svg+xml";
            return new Asset(in.readAllBytes(), type);
        }
    }

    /** The regular files under {@code root}, as paths relative to it with '/', sorted; at most {@link #MAX_FILES}. */
    public static List<Map<String, Object>> list(Path root) throws IOException {
        List<Map<String, Object>> out = new ArrayList<>();
        if (root == null || !Files.isDirectory(root)) {
            return out;
        }
        Path base = root.toRealPath();
        try (Stream<Path> s = Files.walk(base)) {
            for (Path p : (Iterable<Path>) s.sorted()::iterator) {
                if (out.size() >= MAX_FILES) {
                    break;
                }
                BasicFileAttributes a;
                try {
                    a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                } catch (IOException e) {
                    continue; // went away meanwhile
                }
                if (!a.isRegularFile()) {
                    continue;
                }
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("path", base.relativize(p).toString().replace('\\', '/'));
                m.put("size", a.size());
                m.put("modified", a.lastModifiedTime().toMillis());
                out.add(m);
            }
        }
        return out;
    }

    /**
     * The file {@code relative} names under {@code root}, or null when there is no such regular file inside it.
     * Confined: "..", absolute paths and symbolic links that lead outside the root give null.
     */
    public static Path file(Path root, String relative) throws IOException {
        if (root == null || relative.isEmpty() || relative.indexOf('\0') >= 0) {
            return null;
        }
        Path base = root.toRealPath();
        Path p = base.resolve(relative.replace('\\', '/')).normalize();
        if (!p.startsWith(base) || !Files.isRegularFile(p)) {
            return null;
        }
        Path real = p.toRealPath();
        return real.startsWith(base) ? real : null;
    }
}
