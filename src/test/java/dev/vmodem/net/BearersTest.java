package dev.vmodem.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vmodem.time.VirtualScheduler;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class BearersTest {

    private final VirtualScheduler time = new VirtualScheduler();
    private final Recorder rec = new Recorder();

    private Network network(NetworkConfig.Builder b) {
        Network net = new Network(time, b.build());
        net.addListener(rec);
        return net;
    }

    private Network network() {
        return network(NetworkConfig.builder());
    }

    private BearerOutcome openNow(Network net, int cid) {
        CompletableFuture<BearerOutcome> f = net.bearers().open(cid);
        time.runDue();
        return f.getNow(null);
    }

    @Test
    void freshProfileIsClosedWithNoAddress() {
        Network net = network();
        BearerInfo info = net.bearers().info(1);
        assertThat(info.status()).isEqualTo(BearerStatus.CLOSED);
        assertThat(info.status().code()).isEqualTo(3);
        assertThat(info.ip()).isEqualTo("0.0.0.0");
        assertThat(info.profile().contype()).isEqualTo("GPRS");
        assertThat(info.profile().apn()).isEqualTo("CMNET");
        assertThat(net.bearers().all()).hasSize(3);
    }

    @Test
    void openCompletesThroughTheSchedulerAndAssignsTheFirstPoolAddress() {
        Network net = network();
        CompletableFuture<BearerOutcome> f = net.bearers().open(1);
        assertThat(f).isNotDone();
        assertThat(net.bearers().status(1)).isEqualTo(BearerStatus.CONNECTING);

        time.runDue();

        assertThat(f).isCompletedWithValue(BearerOutcome.OK);
        BearerInfo info = net.bearers().info(1);
        assertThat(info.status()).isEqualTo(BearerStatus.CONNECTED);
        assertThat(info.ip()).isEqualTo("10.89.193.1");
        assertThat(rec.events).containsExactly("bearer 1 CLOSED->CONNECTING", "bearer 1 CONNECTING->CONNECTED");
    }

    @Test
    void activationAndDeactivationTakeTheLinkModelsTime() {
        Network net = network(NetworkConfig.builder().link(LinkModel.GPRS));
        CompletableFuture<BearerOutcome> open = net.bearers().open(1);
        time.advance(Duration.ofMillis(1499));
        assertThat(open).isNotDone();
        time.advance(Duration.ofMillis(1));
        assertThat(open).isCompletedWithValue(BearerOutcome.OK);

        CompletableFuture<BearerOutcome> close = net.bearers().close(1);
        assertThat(net.bearers().info(1).status()).isEqualTo(BearerStatus.CLOSING);
        assertThat(net.bearers().info(1).ip()).isEqualTo("10.89.193.1");
        time.advance(Duration.ofMillis(500));
        assertThat(close).isCompletedWithValue(BearerOutcome.OK);
        assertThat(net.bearers().info(1).ip()).isEqualTo("0.0.0.0");
    }

    @Test
    void openingAnOpenBearerAndClosingAClosedOneAreDistinctOutcomes() {
        Network net = network();
        assertThat(net.bearers().close(1)).isCompletedWithValue(BearerOutcome.ALREADY_CLOSED);
        assertThat(openNow(net, 1)).isEqualTo(BearerOutcome.OK);
        assertThat(net.bearers().open(1)).isCompletedWithValue(BearerOutcome.ALREADY_OPEN);
    }

    @Test
    void requestsWhileConnectingOrClosingAreInProgress() {
        Network net = network(NetworkConfig.builder().link(LinkModel.GPRS));
        net.bearers().open(1);
        assertThat(net.bearers().open(1)).isCompletedWithValue(BearerOutcome.IN_PROGRESS);
        time.advance(Duration.ofSeconds(2));
        net.bearers().close(1);
        assertThat(net.bearers().close(1)).isCompletedWithValue(BearerOutcome.IN_PROGRESS);
        assertThat(net.bearers().open(1)).isCompletedWithValue(BearerOutcome.IN_PROGRESS);
    }

    @Test
    void closingWhileConnectingAbortsTheActivation() {
        Network net = network(NetworkConfig.builder().link(LinkModel.GPRS));
        CompletableFuture<BearerOutcome> open = net.bearers().open(2);
        assertThat(net.bearers().close(2)).isCompletedWithValue(BearerOutcome.OK);
        assertThat(open).isCompletedWithValue(BearerOutcome.ABORTED);
        time.advance(Duration.ofSeconds(5)); // the stale activation timer must not bring it up
        assertThat(net.bearers().status(2)).isEqualTo(BearerStatus.CLOSED);
    }

    @Test
    void poolHandsOutLowestFreeAddressAndTakesBackOnClose() {
        Network net = network();
        openNow(net, 1);
        openNow(net, 2);
        openNow(net, 3);
        assertThat(net.bearers().all()).extracting(BearerInfo::ip)
                .containsExactly("10.89.193.1", "10.89.193.2", "10.89.193.3");

        net.bearers().close(2);
        time.runDue();
        assertThat(net.bearers().info(2).ip()).isEqualTo("0.0.0.0");
        openNow(net, 2);
        assertThat(net.bearers().info(2).ip()).isEqualTo("10.89.193.2");
    }

    @Test
    void exhaustedPoolFailsActivation() {
        Network net = network(NetworkConfig.builder().ipPool(IpRange.parse("10.0.0.7-10.0.0.8")));
        assertThat(openNow(net, 1)).isEqualTo(BearerOutcome.OK);
        assertThat(openNow(net, 2)).isEqualTo(BearerOutcome.OK);
        assertThat(openNow(net, 3)).isEqualTo(BearerOutcome.NO_ADDRESS);
        assertThat(net.bearers().status(3)).isEqualTo(BearerStatus.CLOSED);
        assertThat(net.bearers().info(2).ip()).isEqualTo("10.0.0.8");
    }

    @Test
    void apnAllowListIsCaseInsensitiveAndEmptyAllowsAny() {
        Network net = network(NetworkConfig.builder().apnAllow(List.of("internet", "m2m.example")));
        assertThat(openNow(net, 1)).isEqualTo(BearerOutcome.APN_NOT_ALLOWED); // default APN CMNET
        net.bearers().setParameter(1, "APN", "INTERNET");
        assertThat(openNow(net, 1)).isEqualTo(BearerOutcome.OK);

        Network any = network();
        any.bearers().setParameter(1, "APN", "whatever");
        assertThat(openNow(any, 1)).isEqualTo(BearerOutcome.OK);
    }

    @Test
    void configuredCredentialsMustMatch() {
        Network net = network(NetworkConfig.builder().user("mts").password("secret"));
        net.bearers().setParameter(1, "USER", "mts");
        net.bearers().setParameter(1, "PWD", "wrong");
        assertThat(openNow(net, 1)).isEqualTo(BearerOutcome.AUTH_FAILED);
        net.bearers().setParameter(1, "PWD", "secret");
        assertThat(openNow(net, 1)).isEqualTo(BearerOutcome.OK);
    }

    @Test
    void openNeedsRegistrationAndAttach() {
        Network net = network();
        net.radio().detach();
        assertThat(net.bearers().open(1)).isCompletedWithValue(BearerOutcome.NOT_ATTACHED);
        net.radio().setRegistration(RegStatus.SEARCHING);
        assertThat(net.bearers().open(1)).isCompletedWithValue(BearerOutcome.NOT_REGISTERED);
        net.radio().setRegistration(RegStatus.ROAMING);
        assertThat(net.bearers().open(1)).isCompletedWithValue(BearerOutcome.NOT_ATTACHED);
        assertThat(rec.events).noneMatch(e -> e.startsWith("bearer"));
    }

    @Test
    void csdIsNotSupported() {
        Network net = network();
        net.bearers().setParameter(1, "Contype", "csd");
        assertThat(net.bearers().profile(1).contype()).isEqualTo("CSD");
        assertThat(net.bearers().open(1)).isCompletedWithValue(BearerOutcome.NOT_SUPPORTED);
    }

    @Test
    void parametersAreValidatedWithTheNumbers() {
        Network net = network();
        assertThatThrownBy(() -> net.bearers().setParameter(1, "APN", "a".repeat(65)))
                .hasMessage("APN too long: 65 > 64");
        assertThatThrownBy(() -> net.bearers().setParameter(1, "USER", "u".repeat(33)))
                .hasMessage("USER too long: 33 > 32");
        assertThatThrownBy(() -> net.bearers().setParameter(1, "PWD", "p".repeat(33)))
                .hasMessage("PWD too long: 33 > 32");
        assertThatThrownBy(() -> net.bearers().setParameter(1, "RATE", "4")).hasMessage("RATE out of range: 4 (0..3)");
        assertThatThrownBy(() -> net.bearers().setParameter(1, "CONTYPE", "WIFI"))
                .hasMessageContaining("GPRS or CSD");
        assertThatThrownBy(() -> net.bearers().setParameter(1, "COLOUR", "red"))
                .hasMessageContaining("unknown bearer parameter");
        assertThatThrownBy(() -> net.bearers().setParameter(4, "APN", "x"))
                .hasMessage("cid out of range: 4 (1..3)");

        net.bearers().setParameter(1, "apn", "internet.mts.by");
        net.bearers().setParameter(1, "RATE", "1");
        assertThat(net.bearers().profile(1).parameters()).containsExactly(
                java.util.Map.entry("CONTYPE", "GPRS"), java.util.Map.entry("APN", "internet.mts.by"),
                java.util.Map.entry("PHONENUM", ""), java.util.Map.entry("USER", ""),
                java.util.Map.entry("PWD", ""), java.util.Map.entry("RATE", "1"));
        assertThat(net.bearers().profile(1).parameter("Apn")).isEqualTo("internet.mts.by");
    }

    @Test
    void networkDropNotifiesDeactOnlyForConnectedBearers() {
        Network net = network();
        openNow(net, 1);
        rec.clear();

        assertThat(net.bearers().drop(1)).isTrue();
        assertThat(net.bearers().drop(1)).isFalse();

        assertThat(rec.events).containsExactly("bearer 1 CONNECTED->CLOSED", "DEACT 1 NETWORK");
        assertThat(net.bearers().info(1).ip()).isEqualTo("0.0.0.0");
    }

    @Test
    void losingAttachWhileConnectingFailsTheOpenWithoutDeact() {
        Network net = network(NetworkConfig.builder().link(LinkModel.GPRS));
        CompletableFuture<BearerOutcome> open = net.bearers().open(1);
        rec.clear();
        net.radio().detach();
        assertThat(open).isCompletedWithValue(BearerOutcome.DROPPED);
        assertThat(rec.events).contains("bearer 1 CONNECTING->CLOSED").noneMatch(e -> e.startsWith("DEACT"));
    }

    @Test
    void detachAndRadioOffDropOpenBearersWithTheirReason() throws Exception {
        Network net = network();
        openNow(net, 1);
        openNow(net, 3);
        rec.clear();

        net.radio().detach();
        assertThat(rec.events).containsExactly(
                "radio creg 1 cgreg 0 attached false csq 20,0",
                "bearer 1 CONNECTED->CLOSED", "DEACT 1 DETACHED",
                "bearer 3 CONNECTED->CLOSED", "DEACT 3 DETACHED");

        net.radio().attach();
        openNow(net, 2);
        rec.clear();
        net.radio().setRadioOn(false);
        assertThat(rec.events).contains("DEACT 2 RADIO_OFF");
    }

    @Test
    void oneOpenIsEnoughForTheSameCidEvenUnderConcurrency() throws Exception {
        Network net = network();
        List<CompletableFuture<BearerOutcome>> all = new java.util.concurrent.CopyOnWriteArrayList<>();
        Thread[] ts = new Thread[8];
        for (int i = 0; i < ts.length; i++) {
            ts[i] = new Thread(() -> all.add(net.bearers().open(1)));
            ts[i].start();
        }
        for (Thread t : ts) {
            t.join();
        }
        time.runDue();
        assertThat(all).extracting(f -> f.getNow(null))
                .containsOnlyOnce(BearerOutcome.OK)
                .filteredOn(o -> o != BearerOutcome.OK).containsOnly(BearerOutcome.IN_PROGRESS);
        assertThat(net.bearers().addressesInUse()).isEqualTo(1);
    }
}
