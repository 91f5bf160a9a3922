package dev.vmodem.net;

import java.util.BitSet;

/**
 * Hands out addresses of an {@link IpRange}, lowest free first, so the first bearer of a fresh modem always gets
 * the range's first address (tests and transcripts stay stable). The bit set grows only as far as addresses are
 * in use.
 */
final class IpPool {

    private final IpRange range;
    private final BitSet used = new BitSet(0);

    IpPool(IpRange range) {
        this.range = range;
    }

    /** The lowest free address, or null when every address is in use. */
    synchronized String allocate() {
        int i = used.nextClearBit(0);
        if (i >= range.size()) {
            return null;
        }
        used.set(i);
        return range.address(i);
    }

    synchronized void release(String address) {
        int i = range.indexOf(address);
        if (i >= 0) {
            used.clear(i);
        }
    }

    synchronized int inUse() {
        return used.cardinality();
    }
}
