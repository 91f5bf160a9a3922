package dev.vmodem.net;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records listener events as short strings, in delivery order. */
final class Recorder implements NetworkListener {

    final List<String> events = new CopyOnWriteArrayList<>();

    @Override
    public void radioChanged(RadioState before, RadioState after) {
        events.add("radio creg " + after.creg().code() + " cgreg " + after.cgreg().code() + " attached "
                + after.attached() + " csq " + after.rssi() + "," + after.ber());
    }

    @Override
    public void bearerChanged(int cid, BearerStatus before, BearerStatus after) {
        events.add("bearer " + cid + " " + before + "->" + after);
    }

    @Override
    public void bearerDropped(int cid, DropReason reason) {
        events.add("DEACT " + cid + " " + reason);
    }

    void clear() {
        events.clear();
    }
}
