package dev.vmodem.net;

/**
 * A range of IPv4 addresses the simulated network hands to bearers, written {@code "10.89.193.1-10.89.193.254"}
 * or just a first address ({@code "10.89.193.1"}, meaning 254 addresses from there). At most 65,536 addresses, so
 * the pool's bookkeeping stays small.
 */
public record IpRange(int first, int last) {

    public static final int MAX_SIZE = 65_536;

    /** 10.89.193.1 upward: the address SIMCom's own SAPBR example shows. */
    public static final IpRange DEFAULT = parse("10.89.193.1-10.89.193.254");

    public IpRange {
        long size = Integer.toUnsignedLong(last) - Integer.toUnsignedLong(first) + 1;
        if (size < 1) {
            throw new IllegalArgumentException("IP range is empty: " + format(first) + "-" + format(last));
        }
        if (size > MAX_SIZE) {
            throw new IllegalArgumentException("IP range too large: " + size + " > " + MAX_SIZE);
        }
    }

    public int size() {
        return (int) (Integer.toUnsignedLong(last) - Integer.toUnsignedLong(first) + 1);
    }

    /** The address at {@code index} (0-based) as dotted quad. */
    public String address(int index) {
        return format(first + index);
    }

    /** The index of a dotted-quad address in this range, or -1. */
    public int indexOf(String address) {
        long a = Integer.toUnsignedLong(parseAddress(address));
        long f = Integer.toUnsignedLong(first);
        return a >= f && a - f < size() ? (int) (a - f) : -1;
    }

    public static IpRange parse(String text) {
        String t = text.trim();
        int dash = t.indexOf('-');
        if (dash < 0) {
            int first = parseAddress(t);
            long last = Math.min(Integer.toUnsignedLong(first) + 253, 0xFFFFFFFFL);
            return new IpRange(first, (int) last);
        }
        return new IpRange(parseAddress(t.substring(0, dash)), parseAddress(t.substring(dash + 1)));
    }

    static int parseAddress(String text) {
        String[] parts = text.trim().split("\\.", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException("not an IPv4 address: '" + text + "'");
        }
        int a = 0;
        for (String p : parts) {
            int v;
            try {
                v = Integer.parseInt(p);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not an IPv4 address: '" + text + "'");
            }
            if (v < 0 || v > 255) {
                throw new IllegalArgumentException("not an IPv4 address: '" + text + "'");
            }
            a = (a << 8) | v;
        }
        return a;
    }

    static String format(int a) {
        return ((a >>> 24) & 0xFF) + "." + ((a >>> 16) & 0xFF) + "." + ((a >>> 8) & 0xFF) + "." + (a & 0xFF);
    }

    @Override
    public String toString() {
        return format(first) + "-" + format(last);
    }
}
