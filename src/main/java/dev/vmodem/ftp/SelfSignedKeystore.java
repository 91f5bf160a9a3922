package dev.vmodem.ftp;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded server's TLS key: a self-signed RSA certificate for "localhost" and 127.0.0.1, made once by the JDK's
 * own {@code keytool} (run from {@code java.home}, so no extra library is needed) and kept in a PKCS12 file that
 * later starts reuse. The password is fixed and not a secret: the emulator's clients trust any certificate.
 */
final class SelfSignedKeystore {

    static final String PASSWORD = "vmodem-ftps";
    static final String ALIAS = "vmodem";
    static final String TYPE = "PKCS12";

    private static final Logger log = LoggerFactory.getLogger(SelfSignedKeystore.class);
    private static final Object LOCK = new Object();

    private SelfSignedKeystore() {
    }

    /** Makes the keystore at {@code file} unless it exists. Safe against concurrent starts in this JVM and others. */
    static void ensure(Path file) throws IOException {
        if (Files.isRegularFile(file)) {
            return;
        }
        synchronized (LOCK) {
            if (Files.isRegularFile(file)) {
                return;
            }
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            // keytool writes to a name of its own, which is then moved into place: a half-written keystore is
            // never visible, and two processes racing both end up with a valid one
            Path tmp = dir.resolve(file.getFileName() + "." + ProcessHandle.current().pid() + "."
                    + System.nanoTime() + ".tmp");
            Path keytool = Path.of(System.getProperty("java.home"), "bin",
                    System.getProperty("os.name", "").startsWith("Windows") ? "keytool.exe" : "keytool");
            if (!Files.isExecutable(keytool)) {
                throw new IOException("cannot make the FTPS certificate: no keytool at " + keytool
                        + " (a JRE without tools?); provide a keystore or disable TLS");
            }
            List<String> command = List.of(keytool.toString(), "-genkeypair", "-noprompt",
                    "-alias", ALIAS, "-keyalg", "RSA", "-keysize", "2048", "-validity", "3650",
                    "-dname", "CN=vmodem embedded FTP server", "-ext", "SAN=dns:localhost,ip:127.0.0.1",
                    "-keystore", tmp.toString(), "-storetype", TYPE,
                    "-storepass", PASSWORD, "-keypass", PASSWORD);
            long started = System.nanoTime();
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output;
            try (InputStream in = p.getInputStream()) {
                output = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
                if (!p.waitFor(60, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new IOException("keytool did not finish within 60 s");
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while making the FTPS certificate", e);
            }
            if (p.exitValue() != 0 || !Files.isRegularFile(tmp)) {
                Files.deleteIfExists(tmp);
                throw new IOException("keytool failed with exit code " + p.exitValue() + ": " + output);
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            log.info("made a self-signed FTPS certificate in {} ({} ms)", file,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        }
    }
}
