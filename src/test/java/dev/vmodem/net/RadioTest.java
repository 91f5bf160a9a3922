package dev.vmodem.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vmodem.time.VirtualScheduler;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RadioTest {

    private final VirtualScheduler time = new VirtualScheduler();
    private final Recorder rec = new Recorder();
    private Network net;

    @BeforeEach
    void setUp() {
        net = new Network(time, NetworkConfig.builder().operator("TEST NET").build());
        net.addListener(rec);
    }

    @Test
    void defaultsAreRegisteredHomeWithGoodSignalAndAttached() {
        RadioState s = net.radio().state();
        assertThat(s.creg()).isEqualTo(RegStatus.HOME);
        assertThat(s.cgreg()).isEqualTo(RegStatus.HOME);
        assertThat(s.rssi()).isEqualTo(20);
        assertThat(s.ber()).isZero();
        assertThat(s.attached()).isTrue();
        assertThat(s.operator()).isEqualTo("TEST NET");
        assertThat(s.lacHex()).isEqualTo("1A2B");
        assertThat(s.ciHex()).isEqualTo("3C4D");
    }

    @Test
    void csAndPsRegistrationChangeSeparatelyAndNotifyOnce() {
        net.radio().setCsRegistration(RegStatus.ROAMING);
        net.radio().setCsRegistration(RegStatus.ROAMING); // no change, no event
        net.radio().setPsRegistration(RegStatus.DENIED);

        assertThat(net.radio().state().creg()).isEqualTo(RegStatus.ROAMING);
        assertThat(net.radio().state().cgreg()).isEqualTo(RegStatus.DENIED);
        assertThat(rec.events).containsExactly(
                "radio creg 5 cgreg 1 attached true csq 20,0",
                "radio creg 5 cgreg 3 attached false csq 20,0");
    }

    @Test
    void listenerSeesBeforeAndAfter() {
        RadioState[] seen = new RadioState[2];
        net.addListener(new NetworkListener() {
            @Override
            public void radioChanged(RadioState before, RadioState after) {
                seen[0] = before;
                seen[1] = after;
            }
        });
        net.radio().setSignal(7, 3);
        assertThat(seen[0].rssi()).isEqualTo(20);
        assertThat(seen[1].rssi()).isEqualTo(7);
        assertThat(seen[1].ber()).isEqualTo(3);
    }

    @Test
    void cellAndOperatorChangesNotify() {
        net.radio().setCell(0x00FF, 0x1234567);
        net.radio().setOperator("OTHER");
        RadioState s = net.radio().state();
        assertThat(s.lacHex()).isEqualTo("00FF");
        assertThat(s.ciHex()).isEqualTo("1234567");
        assertThat(s.operator()).isEqualTo("OTHER");
        assertThat(rec.events).hasSize(2);
    }

    @Test
    void detachClearsPacketRegistrationAndAttachRestoresIt() throws Exception {
        net.radio().detach();
        assertThat(net.radio().state().attached()).isFalse();
        assertThat(net.radio().state().cgreg()).isEqualTo(RegStatus.NOT_REGISTERED);
        assertThat(net.radio().state().creg()).isEqualTo(RegStatus.HOME);

        net.radio().attach();
        assertThat(net.radio().state().attached()).isTrue();
        assertThat(net.radio().state().cgreg()).isEqualTo(RegStatus.HOME);
    }

    @Test
    void attachWithoutCoverageSaysWhatItFound() {
        net.faults().inject(Fault.coverageLoss());
        assertThatThrownBy(() -> net.radio().attach())
                .isInstanceOf(NetworkStateException.class)
                .hasMessageContaining("no coverage");

        net.faults().clearAll();
        net.radio().setPsRegistration(RegStatus.DENIED);
        assertThatThrownBy(() -> net.radio().attach())
                .isInstanceOf(NetworkStateException.class)
                .hasMessage("cannot attach: PS registration DENIED");
    }

    @Test
    void radioOffReadsNotRegisteredAndNoSignalThenComesBack() {
        net.radio().setRadioOn(false);
        RadioState off = net.radio().state();
        assertThat(off.creg()).isEqualTo(RegStatus.NOT_REGISTERED);
        assertThat(off.cgreg()).isEqualTo(RegStatus.NOT_REGISTERED);
        assertThat(off.rssi()).isEqualTo(99);
        assertThat(off.ber()).isEqualTo(99);
        assertThat(off.operator()).isEmpty();
        assertThat(off.attached()).isFalse();

        net.radio().setRadioOn(true);
        assertThat(net.radio().state().creg()).isEqualTo(RegStatus.HOME);
        assertThat(net.radio().state().attached()).isTrue();
        assertThat(net.radio().state().rssi()).isEqualTo(20);
    }

    @Test
    void outOfRangeValuesAreRejectedWithTheNumbers() {
        assertThatThrownBy(() -> net.radio().setSignal(32, 0)).hasMessage("rssi out of range: 32 (0..31 or 99)");
        assertThatThrownBy(() -> net.radio().setSignal(10, 8)).hasMessage("ber out of range: 8 (0..7 or 99)");
        assertThatThrownBy(() -> net.radio().setCell(0x10000, 1)).hasMessageContaining("lac out of range: 65536");
        assertThat(rec.events).isEmpty();
    }

    @Test
    void regStatusCodesAndNames() {
        assertThat(RegStatus.fromCode(5)).isEqualTo(RegStatus.ROAMING);
        assertThat(RegStatus.parse("roaming")).isEqualTo(RegStatus.ROAMING);
        assertThat(RegStatus.parse("2")).isEqualTo(RegStatus.SEARCHING);
        assertThat(RegStatus.parse("none")).isEqualTo(RegStatus.NOT_REGISTERED);
        assertThat(RegStatus.HOME.isRegistered()).isTrue();
        assertThat(RegStatus.DENIED.isRegistered()).isFalse();
        assertThatThrownBy(() -> RegStatus.fromCode(6)).hasMessageContaining("6");
    }

    @Test
    void aListenerThatThrowsDoesNotStopOthers() {
        net.addListener(new NetworkListener() {
            @Override
            public void radioChanged(RadioState before, RadioState after) {
                throw new IllegalStateException("boom");
            }
        });
        Recorder second = new Recorder();
        net.addListener(second);
        net.radio().setSignal(5, 0);
        assertThat(second.events).hasSize(1);
    }
}
