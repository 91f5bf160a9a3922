package dev.vmodem.junit;

import dev.vmodem.trace.Transcript;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the transcripts of failed tests go: {@code target/vmodem-transcripts/<class>.<method>.txt} (the folder can
 * be changed with the system property {@value #DIR_PROPERTY}). The file starts with the failure, then has the whole
 * transcript as {@link Transcript#text()} renders it, passwords masked.
 *
 * <pre>
 *   # test dev.acme.fw.DownloadTest.resumesAfterCoverageGap failed: org.opentest4j.AssertionFailedError: ...
 *   # vmodem transcript: sim800 on pipe (in memory, 65536-byte buffer)
 *   # started 2023-11-14T22:13:20Z; times are seconds since then on the modem's clock; passwords masked
 *        0.000 modem→host  \r\nRDY\r\n    [URC RDY]
 *   ...
 * </pre>
 */
public final class TranscriptFiles {

    /** System property naming the folder (default {@value #DEFAULT_DIR}). */
    public static final String DIR_PROPERTY = "vmodem.transcripts.dir";
    public static final String DEFAULT_DIR = "target/vmodem-transcripts";

    private TranscriptFiles() {
    }

    /** The folder transcripts are written to. */
    public static Path dir() {
        return Path.of(System.getProperty(DIR_PROPERTY, DEFAULT_DIR));
    }

    /** A file name for a test: its name with anything but letters, digits, '.', '-', '_', '[', ']' replaced. */
    public static String fileName(String testName) {
        String s = testName.replaceAll("[^A-Za-z0-9._\\-\\[\\]]", "_");
        if (s.length() > 200) {
            s = s.substring(0, 200);
        }
        return s + ".txt";
    }

    /**
     * Writes the transcript of a failed test into {@code dir} and returns the file. An earlier file of the same
     * test is replaced.
     */
    public static Path write(Path dir, String testName, Throwable failure, Transcript transcript) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve(fileName(testName));
        StringBuilder b = new StringBuilder();
        b.append("# test ").append(testName).append(" failed");
        if (failure != null) {
            String first = failure.toString().lines().findFirst().orElse("");
            b.append(": ").append(dev.vmodem.at.Secrets.mask(first));
        }
        b.append('\n').append(transcript.text());
        Files.writeString(file, b.toString(), StandardCharsets.UTF_8);
        return file;
    }
}
