package dev.vmodem.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Asks for a started {@link dev.vmodem.control.VirtualModem} (on a field or parameter of that type) and says how
 * it should be made (on the field or parameter, the test method, or the class). The nearest annotation that sets
 * anything wins as a whole: a field's or parameter's over the method's, the method's over the class's (inner
 * before outer); a bare {@code @VModem} only asks for a modem. Registers {@link VirtualModemExtension} by itself.
 *
 * <pre>
 * &#64;VModem(link = "gprs")
 * class DownloadTest {
 *     &#64;Test
 *     void survivesACoverageGap(VirtualModem modem, &#64;FtpRoot Path root) throws Exception {
 *         Files.writeString(root.resolve("fw.bin"), "...");
 *         modem.at().command("AT+SAPBR=1,1");
 *         modem.network().faults().inject(Fault.coverageLoss());
 *         ...
 *     }
 *
 *     &#64;Test
 *     &#64;VModem(profile = "multitech", faults = "dns-failure")
 *     void reportsDnsFailure(VirtualModem modem) { ... }
 * }
 * </pre>
 */
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.FIELD, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ExtendWith(VirtualModemExtension.class)
public @interface VModem {

    /** How the host reaches the modem. */
    enum Transport {
        /** In memory: {@code modem.at()} is the host. */
        PIPE,
        /** A pseudo-terminal for firmware running as a process: {@code modem.endpoint()} is its path. */
        PTY,
        /** Raw bytes on a loopback TCP port: {@code modem.endpoint()} is {@code 127.0.0.1:PORT}. */
        TCP
    }

    /** Modem profile: sim800, sim800-strict, multitech; empty for the default (sim800). */
    String profile() default "";

    /** Link model preset: instant, gprs, edge, lte-m; empty for the default (instant). */
    String link() default "";

    /** Faults in effect from power-on, in the {@code Fault.parse} form: {@code "cut 1000 once dir=down"}. */
    String[] faults() default {};

    Transport transport() default Transport.PIPE;

    /** The pty's path; empty for one in a temporary folder. */
    String pty() default "";

    /** The embedded FTP server's root; empty for a fresh temporary folder, deleted after the test. */
    String ftpRoot() default "";

    /** Whether to start the embedded FTP server at all. */
    boolean ftp() default true;

    /** Run the modem on virtual time ({@code modem.time().advance(...)}). */
    boolean virtualTime() default false;

    /** Wait for the power-on codes before the test (in memory, consumed from {@code modem.at()}). */
    boolean ready() default true;

    /** A scenario file loaded before power-on (relative to the working directory). */
    String scenario() default "";

    /** Settings as {@code key=value}, as in config/vmodem.properties: {@code "network.registration=searching"}. */
    String[] config() default {};

    /** Start the HTTP control API on a free loopback port ({@code modem.control().url()}). */
    boolean control() default false;
}
