package dev.vmodem.ftp;

import static dev.vmodem.ftp.FtpTestSupport.SHORT;
import static dev.vmodem.ftp.FtpTestSupport.readAll;
import static dev.vmodem.ftp.FtpTestSupport.writeAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.vmodem.net.NetAccess;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import javax.net.ServerSocketFactory;
import javax.net.SocketFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every SIMCom code the engine reports, each provoked by a real cause: the embedded server where it can produce
 * the failure, {@link ScriptedFtpServer} where a real server will not misbehave on demand.
 */
@Timeout(30)
class FtpErrorMappingTest {

    @TempDir
    static Path root;

    static EmbeddedFtpServer server;
    static EmbeddedFtpServer accountsServer;
    static FtpEngine engine;

    ScriptedFtpServer scripted;

    @BeforeAll
    static void start() throws IOException {
        server = EmbeddedFtpServer.builder(root.resolve("open")).seedSamples(true).keystore(FtpTestSupport.KEYSTORE)
                .build().start();
        accountsServer = EmbeddedFtpServer.builder(root.resolve("accounts")).tls(false)
                .account("sim.cs1", "right").account("other", "pw").build().start();
        engine = new FtpEngine(NetAccess.direct());
    }

    @AfterAll
    static void stop() {
        engine.close();
        server.stop();
        accountsServer.stop();
    }

    @AfterEach
    void closeScripted() {
        if (scripted != null) {
            scripted.close();
        }
    }

    static FtpOptions.Builder embedded() {
        return FtpOptions.builder("127.0.0.1").port(server.port()).user("u").password("p");
    }

    FtpOptions.Builder scripted() throws IOException {
        scripted = new ScriptedFtpServer();
        return FtpOptions.builder("127.0.0.1").port(scripted.port()).user("u").password("p").timeouts(SHORT);
    }

    static FtpException failure(ThrowingCall call) {
        FtpException e = catchThrowableOfType(call::run, FtpException.class);
        assertThat(e).as("expected an FtpException").isNotNull();
        return e;
    }

    interface ThrowingCall {
        void run() throws Exception;
    }

    static void assertCode(FtpException e, int code) {
        assertThat(e.error().code()).as(e.getMessage()).isEqualTo(code);
        assertThat(e.getMessage()).startsWith(code + " ");
    }

    // ------------------------------------------------------------------ 61..66, 70

    @Test
    void e61NetErrorConnectionResetOnControl() throws Exception {
        FtpOptions o = scripted().build();
        scripted.replies.put("TYPE", "RESET");
        assertCode(failure(() -> engine.open(o)), 61);
    }

    @Test
    void e62DnsError() {
        NetAccess noDns = new NetAccess() {
            @Override
            public InetSocketAddress resolve(String host, int port) throws DnsFailureException {
                throw new DnsFailureException(host);
            }

            @Override
            public SocketFactory socketFactory() {
                return SocketFactory.getDefault();
            }

            @Override
            public ServerSocketFactory serverSocketFactory() {
                return ServerSocketFactory.getDefault();
            }
        };
        try (FtpEngine e = new FtpEngine(noDns)) {
            FtpException f = failure(() -> e.open(FtpOptions.builder("ftp.example.com").build()));
            assertCode(f, 62);
            assertThat(f).hasMessageContaining("ftp.example.com");
        }
        // and the real resolver, for a name that cannot exist
        assertCode(failure(() -> engine.open(FtpOptions.builder("no-such-host.invalid").build())), 62);
    }

    @Test
    void e63ConnectErrorOnAClosedPort() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        FtpSession session = engine.newSession(FtpOptions.builder("127.0.0.1").port(closedPort).build());
        assertCode(failure(session::connect), 63);
        assertThat(session.state()).isEqualTo(FtpSession.State.CLOSED);
    }

    @Test
    void e64TimeoutWhenTheServerNeverGreets() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            FtpOptions o = FtpOptions.builder("127.0.0.1").port(silent.getLocalPort())
                    .connectTimeout(Duration.ofMillis(300)).build();
            long t0 = System.nanoTime();
            assertCode(failure(() -> engine.open(o)), 64);
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void e64TimeoutWhenAReplyNeverComes() throws Exception {
        FtpOptions o = scripted().build();
        scripted.replies.put("SIZE", "SILENT");
        try (FtpSession s = engine.open(o)) {
            assertCode(failure(() -> s.size("/x")), 64);
            assertThat(s.state()).isEqualTo(FtpSession.State.CLOSED);
        }
    }

    @Test
    void e64TimeoutWhenDownloadDataStops() throws Exception {
        FtpOptions o = scripted().build();
        scripted.retrAction = ScriptedFtpServer.DataAction.HOLD;
        try (FtpSession s = engine.open(o)) {
            FtpDownload d = s.retrieve("/x", 0);
            assertCode(failure(() -> d.read(new byte[100], 0, 100)), 64);
            assertThat(s.state()).isEqualTo(FtpSession.State.CLOSED);
        }
    }

    @Test
    void e64TimeoutWhenAnUploadIsNotRead() throws Exception {
        FtpOptions o = scripted().dataTimeout(Duration.ofMillis(300)).build();
        scripted.storRead = false;
        try (FtpSession s = engine.open(o)) {
            FtpUpload u = s.store("/x", PutMode.STOR);
            byte[] block = new byte[1460];
            FtpException e = failure(() -> {
                for (long sent = 0; sent < 512L * 1024 * 1024; sent += block.length) {
                    u.write(block, 0, block.length);
                }
            });
            assertCode(e, 64);
            assertThat(e).hasMessageContaining("no progress");
        }
    }

    @Test
    void e65ServerErrorOn421Greeting() throws Exception {
        FtpOptions o = scripted().build();
        scripted.greeting = "421 Too many connections, try later.";
        FtpException e = failure(() -> engine.open(o));
        assertCode(e, 65);
    }

    @Test
    void e65ServerErrorOnNegativeGreeting() throws Exception {
        FtpOptions o = scripted().build();
        scripted.greeting = "554 Go away.";
        FtpException e = failure(() -> engine.open(o));
        assertCode(e, 65);
        assertThat(e.replyCode()).isEqualTo(554);
    }

    @Test
    void e65ServerErrorWhenTheServerClosesTheConnection() throws Exception {
        FtpOptions o = scripted().build();
        scripted.replies.put("PASS", "CLOSE");
        assertCode(failure(() -> engine.open(o)), 65);
    }

    @Test
    void e65ServerErrorOn421MidSession() throws Exception {
        FtpOptions o = scripted().build();
        scripted.replies.put("DELE", "421 Shutting down.");
        try (FtpSession s = engine.open(o)) {
            assertCode(failure(() -> s.delete("/x")), 65);
        }
    }

    @Test
    void e66OperationNotAllowed() throws Exception {
        Files.write(root.resolve("open/busy.bin"), new byte[100_000]);
        try (FtpSession s = engine.open(embedded().build())) {
            FtpDownload d = s.retrieve("/busy.bin", 0);
            FtpException e = failure(() -> s.store("/y", PutMode.STOR));
            assertCode(e, 66);
            assertThat(e).hasMessageContaining("state: TRANSFER");
            d.close();
        }
        FtpSession fresh = engine.newSession(embedded().build());
        assertCode(failure(() -> fresh.delete("/x")), 66);
    }

    @Test
    void e70ReplyErrorOnGarbage() throws Exception {
        FtpOptions o = scripted().build();
        scripted.replies.put("USER", "GARBAGE");
        assertCode(failure(() -> engine.open(o)), 70);
    }

    // ------------------------------------------------------------------ 71..74: login, TYPE, REST

    @Test
    void e71UnknownUserAndE72WrongPasswordWithAccounts() throws Exception {
        FtpOptions.Builder b = FtpOptions.builder("127.0.0.1").port(accountsServer.port());
        FtpException unknown = failure(() -> engine.open(b.user("nobody").password("right").build()));
        assertCode(unknown, 71);
        assertThat(unknown.replyCode()).isEqualTo(530);
        assertThat(unknown).hasMessageContaining("USER nobody");

        FtpException wrong = failure(() -> engine.open(b.user("sim.cs1").password("wrong").build()));
        assertCode(wrong, 72);
        assertThat(wrong.replyCode()).isEqualTo(530);
        assertThat(wrong).hasMessageContaining("PASS ****").hasMessageNotContaining("wrong");

        FtpException anonymous = failure(() -> engine.open(b.user("anonymous").password("a@b").build()));
        assertCode(anonymous, 71);

        try (FtpSession s = engine.open(b.user("sim.cs1").password("right").build())) {
            assertThat(s.state()).isEqualTo(FtpSession.State.READY);
        }
    }

    @Test
    void e71WhenTheServerWantsAnAccount() throws Exception {
        FtpOptions o = scripted().build();
        scripted.replies.put("PASS", "332 Need account for login.");
        assertCode(failure(() -> engine.open(o)), 71);
    }

    @Test
    void anyUserIsAcceptedByDefault() throws Exception {
        for (String user : new String[] {"anonymous", "whoever", "sim.cs1"}) {
            try (FtpSession s = engine.open(embedded().user(user).password("x").build())) {
                assertThat(s.size("/" + EmbeddedFtpServer.SAMPLE_TEXT)).isEqualTo(1024);
            }
        }
    }

    @Test
    void e73TypeRefused() throws Exception {
        FtpOptions o = scripted().type(TransferType.ASCII).build();
        scripted.replies.put("TYPE", "504 Type not implemented for that parameter.");
        FtpException e = failure(() -> engine.open(o));
        assertCode(e, 73);
        assertThat(e).hasMessageContaining("TYPE A").hasMessageContaining("504");
    }

    @Test
    void e74RestRefused() throws Exception {
        FtpOptions o = scripted().build();
        scripted.replies.put("REST", "502 REST not implemented.");
        try (FtpSession s = engine.open(o)) {
            assertCode(failure(() -> s.retrieve("/x", 100)), 74);
            assertThat(s.state()).as("a refusal leaves the session usable").isEqualTo(FtpSession.State.READY);
        }
    }

    // ------------------------------------------------------------------ 75, 76: data connections

    @Test
    void e75PasvRefused() throws Exception {
        FtpOptions o = scripted().build();
        scripted.replies.put("PASV", "502 No passive mode here.");
        try (FtpSession s = engine.open(o)) {
            assertCode(failure(() -> s.retrieve("/x", 0)), 75);
        }
    }

    @Test
    void e75PassivePortRefusesTheConnection() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        FtpOptions o = scripted().build();
        scripted.replies.put("PASV",
                "227 Entering Passive Mode (127,0,0,1," + (closedPort >> 8) + "," + (closedPort & 0xFF) + ").");
        try (FtpSession s = engine.open(o)) {
            assertCode(failure(() -> s.store("/x", PutMode.STOR)), 75);
        }
    }

    @Test
    void e75On425InPassiveMode() throws Exception {
        FtpOptions o = scripted().build();
        scripted.replies.put("RETR", "425 Can't open data connection.");
        try (FtpSession s = engine.open(o)) {
            assertCode(failure(() -> s.retrieve("/x", 0)), 75);
        }
    }

    @Test
    void e76PortRefused() throws Exception {
        FtpOptions o = scripted().dataMode(DataMode.ACTIVE).build();
        scripted.replies.put("PORT", "500 Illegal PORT command.");
        try (FtpSession s = engine.open(o)) {
            assertCode(failure(() -> s.retrieve("/x", 0)), 76);
        }
    }

    @Test
    void e76ServerNeverConnectsBack() throws Exception {
        FtpOptions o = scripted().dataMode(DataMode.ACTIVE).build();
        scripted.connectBack = false;
        try (FtpSession s = engine.open(o)) {
            FtpException e = failure(() -> s.retrieve("/x", 0));
            assertCode(e, 76);
            assertThat(e).hasMessageContaining("active data connection");
        }
    }

    // ------------------------------------------------------------------ 77..79: operations and transfers

    @Test
    void e77OperateErrorsFromTheEmbeddedServer() throws Exception {
        Files.createDirectories(root.resolve("open/full/inner"));
        try (FtpSession s = engine.open(embedded().build())) {
            for (ThrowingCall call : new ThrowingCall[] {
                () -> s.delete("/missing.txt"),
                () -> s.size("/missing.txt"),
                () -> s.modificationTime("/missing.txt"),
                () -> s.makeDirectory("/full"),
                () -> s.removeDirectory("/missing-dir"),
                () -> s.removeDirectory("/full"),
                () -> s.rename("/missing.txt", "/other.txt"),
            }) {
                FtpException e = failure(call);
                assertCode(e, 77);
                assertThat(e.replyCode()).isBetween(400, 599);
                assertThat(s.state()).isEqualTo(FtpSession.State.READY);
            }
        }
    }

    @Test
    void e78UploadRefusedIntoAMissingDirectory() throws Exception {
        try (FtpSession s = engine.open(embedded().build())) {
            // MINA says 150 first and fails when it opens the file, so the refusal comes with the verdict
            FtpException e = failure(() -> writeAll(s.store("/no/such/dir/file.txt", PutMode.STOR), new byte[10]));
            assertCode(e, 78);
            assertThat(e.replyCode()).isBetween(450, 559);
            assertThat(s.state()).isEqualTo(FtpSession.State.READY);
        }
        assertThat(root.resolve("open/no")).doesNotExist();
    }

    @Test
    void e78UploadEndsWithDiskFull() throws Exception {
        FtpOptions o = scripted().build();
        scripted.storEnd = "552 Requested file action aborted. Exceeded storage allocation.";
        try (FtpSession s = engine.open(o)) {
            FtpException e = failure(() -> writeAll(s.store("/x", PutMode.APPE), new byte[3000]));
            assertCode(e, 78);
            assertThat(e.replyCode()).isEqualTo(552);
            assertThat(s.state()).isEqualTo(FtpSession.State.READY);
        }
    }

    @Test
    void e79DownloadOfAMissingFile() throws Exception {
        try (FtpSession s = engine.open(embedded().build())) {
            FtpException e = failure(() -> s.retrieve("/missing.txt", 0));
            assertCode(e, 79);
            assertThat(e.replyCode()).isEqualTo(550);
            assertThat(s.state()).isEqualTo(FtpSession.State.READY);
            assertCode(failure(() -> s.list("/missing-dir/")), 79);
        }
    }

    @Test
    void e79DataConnectionResetMidDownload() throws Exception {
        FtpOptions o = scripted().build();
        scripted.retrData = new byte[200_000];
        scripted.retrAction = ScriptedFtpServer.DataAction.SEND_THEN_RESET;
        try (FtpSession s = engine.open(o)) {
            FtpDownload d = s.retrieve("/x", 0);
            assertCode(failure(() -> readAll(d)), 79);
            assertThat(s.state()).isEqualTo(FtpSession.State.CLOSED);
        }
    }

    @Test
    void e79ServerAbortsTheTransferWith426() throws Exception {
        FtpOptions o = scripted().build();
        scripted.retrData = new byte[5000];
        scripted.retrEnd = "426 Connection closed; transfer aborted.";
        try (FtpSession s = engine.open(o)) {
            FtpDownload d = s.retrieve("/x", 0);
            FtpException e = failure(() -> readAll(d));
            assertCode(e, 79);
            assertThat(e.replyCode()).isEqualTo(426);
            assertThat(d.bytesRead()).isEqualTo(5000);
            assertThat(s.state()).isEqualTo(FtpSession.State.READY);
            assertThat(catchThrowableOfType(() -> d.read(new byte[1], 0, 1), FtpException.class))
                    .as("the same failure again").isSameAs(e);
        }
    }

    // ------------------------------------------------------------------ 80..84: TLS

    @Test
    void e80ImplicitTlsToAPlainServer() {
        FtpOptions o = embedded().security(FtpSecurity.IMPLICIT).timeouts(Duration.ofSeconds(5)).build();
        assertCode(failure(() -> engine.open(o)), 80);
    }

    @Test
    void e80PlainDataConnectionAfterProtP() throws Exception {
        FtpOptions o = scripted().security(FtpSecurity.EXPLICIT).timeouts(Duration.ofSeconds(5)).build();
        scripted.retrData = "plain text, no TLS here".getBytes();
        try (FtpSession s = engine.open(o)) {
            assertCode(failure(() -> readAll(s.retrieve("/x", 0))), 80);
        }
    }

    @Test
    void e81TlsBrokenAfterTheChannelIsUp() throws Exception {
        FtpOptions o = scripted().security(FtpSecurity.EXPLICIT).timeouts(Duration.ofSeconds(5)).build();
        scripted.replies.put("USER", "RAWGARBAGE");
        assertCode(failure(() -> engine.open(o)), 81);
    }

    @Test
    void e82AuthRefusedByAServerWithoutTls() {
        FtpOptions o = FtpOptions.builder("127.0.0.1").port(accountsServer.port()).user("sim.cs1").password("right")
                .security(FtpSecurity.EXPLICIT).build();
        FtpException e = failure(() -> engine.open(o));
        assertCode(e, 82);
        assertThat(e).hasMessageContaining("AUTH TLS");
    }

    @Test
    void e83PbszRefused() throws Exception {
        FtpOptions o = scripted().security(FtpSecurity.EXPLICIT).timeouts(Duration.ofSeconds(5)).build();
        scripted.replies.put("PBSZ", "503 Bad sequence.");
        assertCode(failure(() -> engine.open(o)), 83);
    }

    @Test
    void e84ProtRefused() throws Exception {
        FtpOptions o = scripted().security(FtpSecurity.EXPLICIT).timeouts(Duration.ofSeconds(5)).build();
        scripted.replies.put("PROT", "536 Requested PROT level not supported.");
        assertCode(failure(() -> engine.open(o)), 84);
    }

    // ------------------------------------------------------------------ the table itself

    @Test
    void codesAndTexts() {
        assertThat(FtpError.NET_ERROR.code()).isEqualTo(61);
        assertThat(FtpError.FILE_SYSTEM_ERROR.code()).isEqualTo(85);
        assertThat(FtpError.OPERATE_ERROR).hasToString("77 Operate error");
        assertThat(FtpError.MANUAL_QUIT).hasToString("Manual quit");
        assertThat(FtpError.MANUAL_QUIT.isProfileDependent()).isTrue();
        assertThat(FtpError.MANUAL_QUIT.code(FtpError.MANUAL_QUIT_SIM800)).isEqualTo(86);
        assertThat(FtpError.MANUAL_QUIT.code(FtpError.MANUAL_QUIT_SEED)).isEqualTo(80);
        assertThat(FtpError.TIMEOUT.code(86)).isEqualTo(64);
        assertThat(catchThrowableOfType(FtpError.MANUAL_QUIT::code, IllegalStateException.class)).isNotNull();
        assertThat(FtpError.ofCode(72)).isEqualTo(FtpError.PASSWORD_ERROR);
        assertThat(FtpError.ofCode(86)).isNull();
        assertThat(FtpError.ofCode(67)).as("67-69 are not defined anywhere").isNull();
        for (FtpError e : FtpError.values()) {
            if (!e.isProfileDependent()) {
                assertThat(FtpError.ofCode(e.code())).isEqualTo(e);
            }
        }
    }

    @Test
    void replyTableByVerb() {
        assertThat(FtpSession.errorForReply("USER", 530, DataMode.PASSIVE)).isEqualTo(FtpError.USER_ERROR);
        assertThat(FtpSession.errorForReply("PASS", 530, DataMode.PASSIVE)).isEqualTo(FtpError.PASSWORD_ERROR);
        assertThat(FtpSession.errorForReply("PASS", 332, DataMode.PASSIVE)).isEqualTo(FtpError.USER_ERROR);
        assertThat(FtpSession.errorForReply("RETR", 425, DataMode.ACTIVE)).isEqualTo(FtpError.ACTIVE_ERROR);
        assertThat(FtpSession.errorForReply("STOR", 425, DataMode.PASSIVE)).isEqualTo(FtpError.PASSIVE_ERROR);
        assertThat(FtpSession.errorForReply("STOU", 553, DataMode.PASSIVE)).isEqualTo(FtpError.UPLOAD_ERROR);
        assertThat(FtpSession.errorForReply("RNTO", 553, DataMode.PASSIVE)).isEqualTo(FtpError.OPERATE_ERROR);
        assertThat(FtpSession.errorForReply("", 554, DataMode.PASSIVE)).isEqualTo(FtpError.SERVER_ERROR);
        assertThat(FtpSession.errorForReply("NOOP", 500, DataMode.PASSIVE)).isEqualTo(FtpError.SERVER_ERROR);
    }
}
