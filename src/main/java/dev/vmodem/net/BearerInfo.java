package dev.vmodem.net;

/**
 * What {@code AT+SAPBR=2,<cid>} reports: {@code +SAPBR: 1,1,"10.89.193.1"}, or {@code +SAPBR: 1,3,"0.0.0.0"} when
 * the bearer holds no address.
 *
 * @param ip the assigned address while CONNECTED or CLOSING, otherwise {@code "0.0.0.0"}
 */
public record BearerInfo(int cid, BearerStatus status, String ip, BearerProfile profile) {

    public static final String NO_ADDRESS = "0.0.0.0";
}
