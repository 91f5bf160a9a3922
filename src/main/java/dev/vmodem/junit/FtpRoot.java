package dev.vmodem.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Injects the root folder of the test's modem's embedded FTP server into a {@link java.nio.file.Path} field or
 * parameter: put files there for the firmware to download, read what it uploaded.
 *
 * <pre>
 *   &#64;Test
 *   void uploadsItsLog(VirtualModem modem, &#64;FtpRoot Path root) {
 *       ... firmware uploads ...
 *       assertThat(root.resolve("log.txt")).hasContent("boot ok");
 *   }
 * </pre>
 */
@Target({ElementType.FIELD, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ExtendWith(VirtualModemExtension.class)
public @interface FtpRoot {
}
