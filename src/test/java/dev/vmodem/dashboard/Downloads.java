package dev.vmodem.dashboard;

import dev.vmodem.client.AtClient;
import dev.vmodem.control.VirtualModem;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.regex.Pattern;

/** A download through the AT commands, as firmware does it: bearer, FTP parameters, AT+FTPGET=1, then mode 2 reads. */
final class Downloads {

    private Downloads() {
    }

    static byte[] get(VirtualModem m, String name, int size) {
        AtClient at = m.at().timeout(Duration.ofSeconds(60));
        at.command("ATE0");
        at.command("AT+SAPBR=3,1,\"APN\",\"internet\"");
        at.command("AT+SAPBR=1,1");
        at.command("AT+FTPCID=1;+FTPSERV=\"ftp.example.com\";+FTPUN=\"demo\";+FTPPW=\"demo\";"
            + "+FTPGETNAME=\"" + name + "\";+FTPGETPATH=\"/\"");
        at.command("AT+FTPGET=1");
        String opened = at.awaitLine(Pattern.compile("\\+FTPGET: 1,\\d+"));
        if (!opened.equals("+FTPGET: 1,1")) {
            throw new IllegalStateException("download did not open: " + opened);
        }
        ByteArrayOutputStream got = new ByteArrayOutputStream(size);
        while (got.size() < size) {
            byte[] block = at.readBlock("AT+FTPGET=2,1460", "\r\n+FTPGET: 2,");
            if (block.length == 0) {
                // the buffer ran dry on a slow link: the modem says +FTPGET: 1,1 when more is there
                String more = at.awaitLine(Pattern.compile("\\+FTPGET: 1,\\d+"));
                if (!more.equals("+FTPGET: 1,1")) {
                    throw new IllegalStateException("download failed: " + more);
                }
            }
            got.writeBytes(block);
        }
        at.awaitLine(Pattern.compile("\\+FTPGET: 1,0"));
        return got.toByteArray();
    }
}
