/**
 * The simulated cellular network behind one modem: everything between the AT command handlers and real sockets.
 *
 * <ul>
 *   <li>{@link dev.vmodem.net.Network}: the facade, one per modem, built from a {@link dev.vmodem.time.Scheduler}
 *       and a {@link dev.vmodem.net.NetworkConfig} (which {@code fromProperties} reads from the CLI's
 *       properties).</li>
 *   <li>{@link dev.vmodem.net.Radio}: registration (+CREG/+CGREG), cell, signal (+CSQ), operator (+COPS), GPRS
 *       attach (+CGATT), radio power (+CFUN).</li>
 *   <li>{@link dev.vmodem.net.Bearers}: the AT+SAPBR profiles, their asynchronous open/close and address pool.</li>
 *   <li>{@link dev.vmodem.net.Router}: simulated DNS, mapping dialled names and ports to real endpoints.</li>
 *   <li>{@link dev.vmodem.net.LinkModel}: latency, jitter, bandwidth and setup times, applied by the sockets that
 *       {@link dev.vmodem.net.NetAccess} hands out.</li>
 *   <li>{@link dev.vmodem.net.Faults}: coverage loss, bearer drop, DNS failure, refused connects, stalls, cuts,
 *       bandwidth caps, extra latency; one-shot or lasting.</li>
 *   <li>{@link dev.vmodem.net.NetworkListener}: change notifications the AT layer turns into URCs.</li>
 * </ul>
 *
 * <p>Nothing here starts a thread: timed behaviour is scheduled on the injected scheduler, and socket pacing
 * waits on the thread doing the I/O.
 */
package dev.vmodem.net;
