package dev.vmodem.control;

import dev.vmodem.net.RadioState;
import dev.vmodem.transfer.TransferInfo;
import java.util.List;
import java.util.Map;

/**
 * A snapshot of one virtual modem, as {@code GET /state} returns it and {@link VirtualModem#state()} gives it.
 *
 * <pre>
 * {"profile":"sim800","transport":"pipe (in memory, 65536-byte buffer)","power":"on","cfun":1,"simReady":true,
 *  "radio":{"creg":"HOME","cgreg":"HOME","lac":6699,"ci":15437,"rssi":20,"ber":0,"operator":"vmodem",
 *           "attached":true,"radioOn":true,"inCoverage":true},
 *  "bearers":[{"cid":1,"status":"CONNECTED","ip":"10.89.193.1","apn":"CMNET"}, ...],
 *  "link":"instant","faults":["dns-failure"],
 *  "status":{"ftp":{...}},
 *  "ftpServer":"ftp://127.0.0.1:40213",
 *  "transcript":{"lastSeq":42,"bytes":5120,"limit":8388608,"droppedEntries":0},
 *  "scenario":{"name":"slow-gprs", ...},
 *  "transfers":[{"id":1,"direction":"download","name":"RETR /fw.bin","done":40960,"total":102400, ...}]}
 * </pre>
 *
 * @param profile    the modem profile
 * @param transport  the serial transport, as its banner line shows it
 * @param power      "on" or "off" (during a power cycle)
 * @param cfun       AT+CFUN level
 * @param simReady   whether the SIM has reported ready
 * @param radio      registration, signal, operator, attach (effective values)
 * @param bearers    the three bearer profiles
 * @param link       the link model's name
 * @param faults     active faults, as their text form
 * @param status     what command families published ({@code Modem#publishStatus}): "ftp", "store"...
 * @param ftpServer  the embedded FTP server's URL, or null when there is none
 * @param transcript transcript counters
 * @param scenario   the running scenario's status, or null
 * @param transfers  running and recently ended file transfers (FTP, any dialect), oldest first
 */
public record ModemState(String profile, String transport, String power, int cfun, boolean simReady,
                         RadioState radio, List<Bearer> bearers, String link, List<String> faults,
                         Map<String, Object> status, String ftpServer, TranscriptInfo transcript,
                         Map<String, Object> scenario, List<TransferInfo> transfers) {

    /** One bearer profile (AT+SAPBR): its status, address and APN; credentials are never shown. */
    public record Bearer(int cid, String status, String ip, String apn) {
    }

    /** How much the transcript holds. */
    public record TranscriptInfo(long lastSeq, long bytes, long limit, long droppedEntries) {
    }
}
