package dev.vmodem.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class NetworkConfigTest {

    private static Properties props(String text) throws Exception {
        Properties p = new Properties();
        p.load(new StringReader(text));
        return p;
    }

    @Test
    void emptyPropertiesGiveTheDefaults() {
        NetworkConfig c = NetworkConfig.fromProperties(new Properties());
        assertThat(c).isEqualTo(NetworkConfig.defaults());
        assertThat(c.operator()).isEqualTo("vmodem");
        assertThat(c.registration()).isEqualTo(RegStatus.HOME);
        assertThat(c.rssi()).isEqualTo(20);
        assertThat(c.attached()).isTrue();
        assertThat(c.defaultApn()).isEqualTo("CMNET");
        assertThat(c.apnAllow()).isEmpty();
        assertThat(c.user()).isNull();
        assertThat(c.ipPool()).isEqualTo(IpRange.parse("10.89.193.1-10.89.193.254"));
        assertThat(c.defaultRoute()).isEqualTo(Route.Target.EMBEDDED);
        assertThat(c.link()).isEqualTo(LinkModel.INSTANT);
        assertThat(c.faults()).isEmpty();
    }

    @Test
    void everyKeyIsRead() throws Exception {
        NetworkConfig c = NetworkConfig.fromProperties(props(String.join("\n",
                "network.operator=CHINA MOBILE",
                "network.registration=roaming",
                "network.lac=0x00FF",
                "network.ci=4660",
                "network.rssi=9",
                "network.ber=99",
                "network.attached=false",
                "network.apn.default=internet",
                "network.apn.allow=internet, m2m.example ,",
                "network.auth.user=mts",
                "network.auth.password=secret",
                "network.ip.pool=100.85.232.229",
                "route.2=*:21 -> embedded",
                "route.10=*.example.org -> real",
                "route.1=ftp.example.com:21 -> 127.0.0.1:2121",
                "route.default=nxdomain",
                "link.preset=gprs",
                "link.latency.ms=250",
                "link.jitter.ms=0",
                "link.down.kbps=53.6",
                "link.up.kbps=26.8",
                "link.setup.ms=800",
                "link.activation.ms=3000",
                "link.deactivation.ms=100",
                "link.seed=42",
                "fault.2=dns-failure once",
                "fault.1=cut 1000 dir=down",
                "ftp.user=ignored: another part of the modem")));

        assertThat(c.operator()).isEqualTo("CHINA MOBILE");
        assertThat(c.registration()).isEqualTo(RegStatus.ROAMING);
        assertThat(c.lac()).isEqualTo(0xFF);
        assertThat(c.ci()).isEqualTo(0x1234);
        assertThat(c.rssi()).isEqualTo(9);
        assertThat(c.ber()).isEqualTo(99);
        assertThat(c.attached()).isFalse();
        assertThat(c.defaultApn()).isEqualTo("internet");
        assertThat(c.apnAllow()).containsExactly("internet", "m2m.example");
        assertThat(c.user()).isEqualTo("mts");
        assertThat(c.password()).isEqualTo("secret");
        assertThat(c.ipPool().toString()).isEqualTo("100.85.232.229-100.85.233.226");
        // Numeric order of n, not text order: 1, 2, 10.
        assertThat(c.routes()).extracting(Route::toString).containsExactly(
                "ftp.example.com:21 -> 127.0.0.1:2121", "*:21 -> embedded", "*.example.org -> real");
        assertThat(c.defaultRoute()).isEqualTo(Route.Target.NXDOMAIN);
        assertThat(c.link()).isEqualTo(new LinkModel("gprs", Duration.ofMillis(250), Duration.ZERO, 53_600, 26_800,
                Duration.ofMillis(800), Duration.ofSeconds(3), Duration.ofMillis(100)));
        assertThat(c.seed()).isEqualTo(42);
        assertThat(c.faults()).containsExactly(Fault.cutAfterBytes(1000).direction(Fault.Direction.DOWNLINK),
                Fault.dnsFailure().oneShot());
    }

    @Test
    void presetsByName() {
        assertThat(LinkModel.preset("EDGE")).isEqualTo(LinkModel.EDGE);
        assertThat(LinkModel.preset("lte-m").downlinkBps()).isEqualTo(1_000_000);
        assertThat(LinkModel.EDGE.roundTrip()).isEqualTo(Duration.ofMillis(300));
        assertThat(LinkModel.GPRS.roundTrip()).isEqualTo(Duration.ofMillis(600));
        assertThat(LinkModel.LTE_M.roundTrip()).isEqualTo(Duration.ofMillis(100));
        assertThat(LinkModel.INSTANT.shapesNothing()).isTrue();
        assertThat(LinkModel.INSTANT.withActivation(Duration.ofSeconds(1)).shapesNothing()).isTrue();
        assertThat(LinkModel.transmitNanos(10_700, 85_600)).isEqualTo(1_000_000_000L);
        assertThatThrownBy(() -> LinkModel.preset("5g")).hasMessageContaining("unknown link preset: '5g'");
    }

    @Test
    void typosAndBadValuesAreRejectedNamingTheKey() throws Exception {
        assertThatThrownBy(() -> NetworkConfig.fromProperties(props("network.opertor=x")))
                .hasMessage("network.opertor=x: unknown key");
        assertThatThrownBy(() -> NetworkConfig.fromProperties(props("link.latency=5")))
                .hasMessage("link.latency=5: unknown key");
        assertThatThrownBy(() -> NetworkConfig.fromProperties(props("network.rssi=40")))
                .hasMessageContaining("rssi out of range: 40");
        assertThatThrownBy(() -> NetworkConfig.fromProperties(props("network.registration=maybe")))
                .hasMessageStartingWith("network.registration=maybe: not a registration status");
        assertThatThrownBy(() -> NetworkConfig.fromProperties(props("route.x=a -> b")))
                .hasMessageContaining("expected route.<number>");
        assertThatThrownBy(() -> NetworkConfig.fromProperties(props("network.ip.pool=10.0.0.300")))
                .hasMessageContaining("not an IPv4 address");
        assertThatThrownBy(() -> NetworkConfig.fromProperties(props("network.ip.pool=10.0.0.0-10.2.0.0")))
                .hasMessageContaining("IP range too large: 131073 > 65536");
        assertThatThrownBy(() -> NetworkConfig.fromProperties(props("network.apn.default=" + "a".repeat(65))))
                .hasMessageContaining("APN too long: 65 > 64");
        assertThatThrownBy(() -> NetworkConfig.fromProperties(props("link.preset=warp")))
                .hasMessageContaining("unknown link preset");
    }

    @Test
    void builderRoundTrips() {
        NetworkConfig c = NetworkConfig.builder().operator("X").apnAllow(List.of("a")).route("*:21 -> embedded")
                .fault(Fault.stall()).build();
        assertThat(c.toBuilder().build()).isEqualTo(c);
    }
}
