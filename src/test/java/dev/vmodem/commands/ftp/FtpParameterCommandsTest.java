package dev.vmodem.commands.ftp;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Test, read and write forms of the FTP parameters; ranges, lengths, quoting; AT+FTPSCONT across a restart. */
class FtpParameterCommandsTest {

    private static final String OK = "\r\nOK\r\n";
    private static final String ERROR = "\r\nERROR\r\n";

    @TempDir
    Path dir;

    @Test
    void formsRangesAndQuoting() {
        try (FtpHarness h = new FtpHarness(dir)) {
            h.command("AT+FTPPORT=?", OK);
            h.command("AT+FTPPORT?", "\r\n+FTPPORT: 21\r\n" + OK);
            h.command("AT+FTPPORT=65535", OK);
            h.command("AT+FTPPORT=65536", ERROR);
            h.command("AT+FTPPORT=0", ERROR);
            h.command("AT+FTPMODE=2", ERROR);
            h.command("AT+FTPTYPE=I", OK);
            h.command("AT+FTPTYPE=\"a\"", OK);
            h.command("AT+FTPTYPE?", "\r\n+FTPTYPE: \"A\"\r\n" + OK);
            h.command("AT+FTPTYPE=\"X\"", ERROR);
            h.command("AT+FTPPUTOPT=\"APPE\"", OK);
            h.command("AT+FTPPUTOPT?", "\r\n+FTPPUTOPT: \"APPE\"\r\n" + OK);
            h.command("AT+FTPCID=3", OK);
            h.command("AT+FTPCID=4", ERROR);
            h.command("AT+FTPREST=20", OK);
            h.command("AT+FTPREST?", "\r\n+FTPREST: 20\r\n" + OK);
            h.command("AT+FTPSERV=\"" + "s".repeat(49) + "\"", OK);
            h.command("AT+FTPSERV=\"" + "s".repeat(50) + "\"", ERROR);
            h.command("AT+FTPUN=" + "u".repeat(50), ERROR);
            h.command("AT+FTPGETNAME=\"" + "n".repeat(99) + "\"", OK);
            h.command("AT+FTPGETNAME=\"" + "n".repeat(100) + "\"", ERROR);
            h.command("AT+FTPGETPATH=/", OK);
            h.command("AT+FTPGETPATH?", "\r\n+FTPGETPATH: \"/\"\r\n" + OK);
            h.command("AT+FTPPUTPATH=\"" + "p".repeat(256) + "\"", ERROR);
            h.command("AT+FTPTIMEOUT=3", OK);
            h.command("AT+FTPTIMEOUT=0", ERROR);
            h.command("AT+FTPSSL=3", ERROR);
            h.command("AT+FTPSSL?", "\r\n+FTPSSL: 0\r\n" + OK);
            h.command("AT+FTPSTATE", "\r\n+FTPSTATE: 0\r\n" + OK);
        }
    }

    @Test
    void scontSavesAndSurvivesARestart() {
        try (FtpHarness h = new FtpHarness(dir)) {
            h.command("AT+FTPSERV=\"116.228.221.52\"", OK);
            h.command("AT+FTPUN=\"sim.cs1\"", OK);
            h.command("AT+FTPPW=\"pw\"", OK);
            h.command("AT+FTPSCONT", OK);
        }
        try (FtpHarness h = new FtpHarness(dir)) {
            h.command("AT+FTPSCONT?", "\r\n+FTPSCONT: 0\r\n+FTPSERV: \"116.228.221.52\"\r\n+FTPPORT: 21\r\n"
                + "+FTPUN: \"sim.cs1\"\r\n+FTPPW: \"pw\"\r\n+FTPCID: 1\r\n+FTPMODE: 0\r\n+FTPTYPE: \"I\"\r\n"
                + "+FTPPUTOPT: \"STOR\"\r\n+FTPREST: 0\r\n+FTPGETNAME: \"\"\r\n+FTPGETPATH: \"\"\r\n"
                + "+FTPPUTNAME: \"\"\r\n+FTPPUTPATH: \"\"\r\n+FTPTIMEOUT: 30\r\n" + OK);
            h.command("AT+FTPPORT=2121", OK);
            h.send("AT+FTPSCONT?\r");
            h.expect("AT+FTPSCONT?\r\r\n+FTPSCONT: 1\r\n");
        }
    }
}
