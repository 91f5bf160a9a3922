package dev.vmodem.bench;

/**
 * One measured figure of the benchmark report, with its target beside it.
 *
 * @param group     the report section ("AT round trip", "FTP", ...)
 * @param name      what was measured
 * @param value     the measurement
 * @param unit      its unit ("µs", "MB/s", "ms", "MB")
 * @param baseline  the same measurement against the minimal responder or the raw transport, or NaN
 * @param target    the target in words ("≤ 5 µs", "≥ 1.5× ...") or "" when there is none
 * @param met       whether the target is met; null when there is no target
 * @param note      how it was measured, or what limits it
 */
public record Figure(String group, String name, double value, String unit, double baseline, String target,
                     Boolean met, String note) {

    static Figure of(String group, String name, double value, String unit, String note) {
        return new Figure(group, name, value, unit, Double.NaN, "", null, note);
    }

    Figure target(String text, boolean ok) {
        return new Figure(group, name, value, unit, baseline, text, ok, note);
    }

    Figure baseline(double b) {
        return new Figure(group, name, value, unit, b, target, met, note);
    }
}
