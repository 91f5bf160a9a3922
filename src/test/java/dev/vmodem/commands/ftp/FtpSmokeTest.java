package dev.vmodem.commands.ftp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FtpSmokeTest {

    @TempDir
    Path dir;

    @Test
    void getAndPut() {
        try (FtpHarness h = new FtpHarness(dir)) {
            h.put("a.txt", "hello world".getBytes());
            h.login();
            h.command("AT+FTPGETNAME=\"a.txt\"", "\r\nOK\r\n");
            h.command("AT+FTPGETPATH=\"/\"", "\r\nOK\r\n");
            h.command("AT+FTPGET=1", "\r\nOK\r\n");
            h.expect("\r\n+FTPGET: 1,1\r\n");
            byte[] d = h.readBlock("AT+FTPGET=2,1024", "+FTPGET: 2,");
            assertThat(new String(d)).isEqualTo("hello world");
            h.expect("\r\n+FTPGET: 1,0\r\n");
            h.command("AT+FTPPUTNAME=\"b.txt\"", "\r\nOK\r\n");
            h.command("AT+FTPPUTPATH=\"/\"", "\r\nOK\r\n");
            h.command("AT+FTPPUT=1", "\r\nOK\r\n");
            h.expect("\r\n+FTPPUT: 1,1,1360\r\n");
            h.command("AT+FTPPUT=2,5", "\r\n+FTPPUT: 2,5\r\n");
            h.send("12345");
            h.expect("\r\nOK\r\n");
            h.expect("\r\n+FTPPUT: 1,1,1360\r\n");
            h.command("AT+FTPPUT=2,0", "\r\nOK\r\n");
            h.expect("\r\n+FTPPUT: 1,0\r\n");
            assertThat(new String(h.serverFile("b.txt"))).isEqualTo("12345");
        }
    }
}
