package dev.vmodem.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.vmodem.net.NetAccess.DnsFailureException;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class RouterTest {

    private static final InetSocketAddress EMBEDDED = new InetSocketAddress("127.0.0.1", 40123);

    private Router router(Route.Target defaultRoute, String... rules) {
        List<Route> routes = java.util.Arrays.stream(rules).map(Route::parse).toList();
        Router r = new Router(routes, defaultRoute);
        r.setEmbeddedServer(EMBEDDED);
        return r;
    }

    @Test
    void ruleWithPortMapsToAnEndpoint() throws Exception {
        Router r = router(Route.Target.NXDOMAIN, "ftp.example.com:21 -> 127.0.0.1:2121");
        assertThat(r.route("ftp.example.com", 21)).isEqualTo(new InetSocketAddress("127.0.0.1", 2121));
        assertThat(r.route("FTP.Example.COM", 21)).isEqualTo(new InetSocketAddress("127.0.0.1", 2121));
        // Same name, other port: the rule does not match, and the default here is nxdomain.
        assertThatThrownBy(() -> r.route("ftp.example.com", 990)).isInstanceOf(DnsFailureException.class);
    }

    @Test
    void ruleWithoutPortKeepsTheDialledPort() throws Exception {
        Router r = router(Route.Target.NXDOMAIN, "files.example.com -> 127.0.0.1");
        assertThat(r.route("files.example.com", 2100)).isEqualTo(new InetSocketAddress("127.0.0.1", 2100));
    }

    @Test
    void wildcardsAndFirstMatchWins() throws Exception {
        Router r = router(Route.Target.NXDOMAIN,
                "special.example.org:21 -> 127.0.0.1:7000",
                "*.example.org -> 127.0.0.1:7001",
                "*:21 -> embedded");
        assertThat(r.route("special.example.org", 21).getPort()).isEqualTo(7000);
        assertThat(r.route("a.b.example.org", 21).getPort()).isEqualTo(7001);
        assertThat(r.route("example.org", 21)).isEqualTo(EMBEDDED); // "*.example.org" needs a subdomain
        assertThat(r.route("116.228.221.52", 21)).isEqualTo(EMBEDDED);
        assertThatThrownBy(() -> r.route("116.228.221.52", 80)).isInstanceOf(DnsFailureException.class);
    }

    @Test
    void ipLiteralsAreMatchedAsWritten() throws Exception {
        Router r = router(Route.Target.NXDOMAIN, "116.228.221.52:21 -> 127.0.0.1:2121", "[::1]:21 -> 127.0.0.1:2122");
        assertThat(r.route("116.228.221.52", 21).getPort()).isEqualTo(2121);
        assertThat(r.route("::1", 21).getPort()).isEqualTo(2122);
    }

    @Test
    void defaultRouteIsTheEmbeddedServerAndIsLoggedOncePerDestination() throws Exception {
        Logger logger = (Logger) LoggerFactory.getLogger(Router.class);
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        logger.addAppender(logs);
        ch.qos.logback.classic.Level level = logger.getLevel();
        logger.setLevel(ch.qos.logback.classic.Level.INFO);
        try {
            Router r = router(Route.Target.EMBEDDED);
            assertThat(r.route("ftp.example.com", 21)).isEqualTo(EMBEDDED);
            assertThat(r.route("ftp.example.com", 21)).isEqualTo(EMBEDDED);
            assertThat(r.route("other.example.com", 21)).isEqualTo(EMBEDDED);
            assertThat(logs.list).extracting(ILoggingEvent::getFormattedMessage).containsExactly(
                    "routing ftp.example.com:21 to the embedded FTP server 127.0.0.1:40123",
                    "routing other.example.com:21 to the embedded FTP server 127.0.0.1:40123");
        } finally {
            logger.setLevel(level);
            logger.detachAppender(logs);
        }
    }

    @Test
    void embeddedDefaultWithNoServerRunningIsADnsFailure() {
        Router r = new Router(List.of(), Route.Target.EMBEDDED);
        assertThatThrownBy(() -> r.route("ftp.example.com", 21))
                .isInstanceOf(DnsFailureException.class)
                .hasMessage("DNS lookup failed: ftp.example.com");
    }

    @Test
    void nxdomainRuleAndDefault() {
        Router r = router(Route.Target.EMBEDDED, "bad.example.com -> nxdomain");
        assertThatThrownBy(() -> r.route("bad.example.com", 21)).isInstanceOf(DnsFailureException.class);
        Router none = router(Route.Target.NXDOMAIN);
        assertThatThrownBy(() -> none.route("ftp.example.com", 21)).isInstanceOf(DnsFailureException.class);
        assertThatThrownBy(() -> none.route("", 21)).isInstanceOf(DnsFailureException.class);
    }

    @Test
    void realDefaultResolvesForRealWithoutTheNetwork() throws Exception {
        // Literals and localhost resolve without a DNS server, so this runs offline.
        Router r = router(Route.Target.REAL);
        assertThat(r.route("127.0.0.1", 2121)).isEqualTo(new InetSocketAddress("127.0.0.1", 2121));
        assertThat(r.route("localhost", 21).getAddress().isLoopbackAddress()).isTrue();
        assertThatThrownBy(() -> r.route("no-such-host.invalid", 21)).isInstanceOf(DnsFailureException.class);
    }

    @Test
    void defaultRouteAndRulesCanChangeAtRunTime() throws Exception {
        Router r = router(Route.Target.NXDOMAIN);
        r.setDefaultRoute(Route.Target.endpoint("127.0.0.1", 9999));
        assertThat(r.route("anything", 21)).isEqualTo(new InetSocketAddress("127.0.0.1", 9999));
        r.setRoutes(List.of(Route.parse("anything -> embedded")));
        assertThat(r.route("anything", 21)).isEqualTo(EMBEDDED);
    }

    @Test
    void parsingRejectsBadRulesWithTheReason() {
        assertThatThrownBy(() -> Route.parse("ftp.example.com 127.0.0.1")).hasMessageContaining("'->'");
        assertThatThrownBy(() -> Route.parse("ftp.example.com:99999 -> embedded"))
                .hasMessageContaining("port out of range: 99999");
        assertThatThrownBy(() -> Route.parse("ftp.example.com:x -> embedded")).hasMessageContaining("bad port");
        assertThat(Route.parse(" *:21  ->  EMBEDDED ").toString()).isEqualTo("*:21 -> embedded");
        assertThat(Route.parse("a.example:21 -> 127.0.0.1:2121").toString()).isEqualTo("a.example:21 -> 127.0.0.1:2121");
    }
}
