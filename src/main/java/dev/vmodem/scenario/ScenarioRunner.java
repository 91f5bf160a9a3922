package dev.vmodem.scenario;

import dev.vmodem.at.AtEngine;
import dev.vmodem.at.Secrets;
import dev.vmodem.at.command.CommandContext;
import dev.vmodem.at.command.CommandException;
import dev.vmodem.at.command.CommandHandler;
import dev.vmodem.at.parser.Request;
import dev.vmodem.at.response.Final;
import dev.vmodem.at.response.Response;
import dev.vmodem.net.Fault;
import dev.vmodem.net.LinkModel;
import dev.vmodem.net.Network;
import dev.vmodem.net.RegStatus;
import dev.vmodem.time.Scheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A loaded {@link Scenario}, running: it runs the setup when started, schedules the timed events on the modem's
 * {@link Scheduler}, and, installed as the engine's {@link AtEngine.Interceptor}, counts commands for
 * {@code after} events and answers (or delays) the commands the overrides name. Every step it takes is noted in the
 * transcript ("scenario: ...").
 *
 * <p>Event actions triggered by a command run before the modem answers that command (so a fault injected after the
 * third {@code AT+FTPGET=2} already applies to it), except {@code reset} and {@code powerCycle}, which wait until
 * the command line in progress has been handled; {@code delay} postpones them all.
 *
 * <p>Thread-safe: commands arrive under the engine's lock, timed events on the scheduler's thread, status requests
 * from anywhere. Actions never run while the runner's own lock is held.
 */
public final class ScenarioRunner implements AtEngine.Interceptor {

    private static final Logger log = LoggerFactory.getLogger(ScenarioRunner.class);

    /** What a scenario acts on: the modem, as the Java API holds it. */
    public interface Target {
        Network network();

        Scheduler scheduler();

        /** Sends an unsolicited result code. */
        void urc(String text);

        /** Restarts the modem as AT+CFUN=1,1 does. */
        void reset();

        /** Powers the modem off for {@code off}, then on. */
        void powerCycle(Duration off);

        /** Adds a note to the transcript. */
        void note(String text);
    }

    private static final class OverrideState {
        final Scenario.Override o;
        final Pattern regex;
        final Final result;
        final Duration delay;
        int used;

        OverrideState(Scenario.Override o) {
            this.o = o;
            this.regex = o.regex == null ? null : Pattern.compile(o.regex, Pattern.CASE_INSENSITIVE);
            this.result = o.result == null ? Final.OK : Results.parse(o.result);
            this.delay = o.delay == null ? null : Durations.parse(o.delay);
        }

        boolean usable() {
            return o.times == null || used < o.times;
        }
    }

    private static final class EventState {
        final Scenario.Event e;
        final Pattern regex;
        int seen;
        boolean fired;

        EventState(Scenario.Event e) {
            this.e = e;
            this.regex = e.regex == null ? null : Pattern.compile(e.regex, Pattern.CASE_INSENSITIVE);
        }
    }

    private final Scenario scenario;
    private final Target target;
    private final Scheduler scheduler;
    private final List<OverrideState> overrides = new ArrayList<>();
    private final List<EventState> events = new ArrayList<>();
    private final Set<Scheduler.Cancellable> timers = ConcurrentHashMap.newKeySet();
    private final long startNanos;
    private volatile boolean stopped;

    private ScenarioRunner(Scenario scenario, Target target) {
        this.scenario = Objects.requireNonNull(scenario, "scenario");
        this.target = Objects.requireNonNull(target, "target");
        this.scheduler = target.scheduler();
        this.startNanos = scheduler.nanoTime();
        for (Scenario.Override o : scenario.allOverrides()) {
            overrides.add(new OverrideState(o));
        }
        for (Scenario.Event e : scenario.events) {
            events.add(new EventState(e));
        }
    }

    /**
     * Starts a scenario: runs its setup now and schedules its timed events. Install the runner as the engine's
     * interceptor for the command-driven parts.
     */
    public static ScenarioRunner start(Scenario scenario, Target target) {
        ScenarioRunner r = new ScenarioRunner(scenario, target);
        target.note("scenario " + scenario.name() + " loaded"
            + (scenario.description() != null ? ": " + scenario.description().trim() : ""));
        for (Scenario.Action a : scenario.setup) {
            r.run(a, "setup");
        }
        for (EventState es : r.events) {
            if (es.e.at != null) {
                r.later(Durations.parse(es.e.at), () -> r.fire(es));
            }
        }
        return r;
    }

    public Scenario scenario() {
        return scenario;
    }

    /** Cancels what is still scheduled; overrides and events stop applying. Answers already promised still come. */
    public void stop() {
        stopped = true;
        for (Scheduler.Cancellable c : timers) {
            c.cancel();
        }
        timers.clear();
    }

    public boolean isStopped() {
        return stopped;
    }

    // ---- commands ----

    @Override
    public Response intercept(Request req, CommandContext ctx, CommandHandler handler) throws CommandException {
        if (stopped) {
            return null;
        }
        String command = "AT" + req.raw();
        List<EventState> due = new ArrayList<>();
        OverrideState use = null;
        synchronized (this) {
            for (EventState es : events) {
                if (!es.fired && es.e.at == null && matches(es.e.after, es.regex, command)) {
                    es.seen++;
                    if (es.seen >= (es.e.count == null ? 1 : es.e.count)) {
                        es.fired = true;
                        due.add(es);
                    }
                }
            }
            for (OverrideState os : overrides) {
                if (os.usable() && matches(os.o.command, os.regex, command)) {
                    os.used++;
                    use = os;
                    break;
                }
            }
        }
        for (EventState es : due) {
            Duration delay = es.e.delay == null ? null : Durations.parse(es.e.delay);
            if (delay != null || es.e.resets()) {
                later(delay == null ? Duration.ZERO : delay, () -> run(es.e, es.e.trigger()));
            } else {
                run(es.e, es.e.trigger());
            }
        }
        return use == null ? null : answer(use, req, ctx, handler);
    }

    private Response answer(OverrideState os, Request req, CommandContext ctx, CommandHandler handler)
            throws CommandException {
        Scenario.Override o = os.o;
        String shown = Secrets.maskCommand("AT" + req.raw());
        Response canned = null;
        if (o.answers()) {
            canned = (o.response == null ? Response.ok() : Response.info(o.response)).withFinal(os.result);
        }
        String left = o.times == null ? "" : " (" + (o.times - os.used) + " uses left)";
        if (canned != null) {
            String answer = canned.toString();
            if (answer.length() > 120) {
                answer = answer.substring(0, 100) + "…" + answer.substring(answer.length() - 15);
            }
            target.note("scenario: " + shown + " answered by override " + o.match()
                + (os.delay != null ? " after " + Durations.format(os.delay) : "") + ": " + answer + left);
        } else {
            target.note("scenario: " + shown + " delayed " + Durations.format(os.delay) + left);
        }
        Duration urcBase = os.delay == null ? Duration.ZERO : os.delay;
        if (o.urcs != null) {
            for (Scenario.Urc u : o.urcs) {
                Duration d = urcBase.plus(u.delay == null ? Duration.ZERO : Durations.parse(u.delay));
                if (d.isZero()) {
                    ctx.urc(u.text);
                } else {
                    later(d, () -> ctx.urc(u.text));
                }
            }
        }
        if (os.delay == null) {
            return canned != null ? canned : handle(handler, req, ctx);
        }
        Response fixed = canned;
        // Promised answers are not cancelled by stop(): the host is waiting for a final result.
        scheduler.schedule(os.delay, () -> ctx.execute(() -> {
            Response r = fixed;
            if (r == null) {
                try {
                    r = handle(handler, req, ctx);
                } catch (CommandException e) {
                    r = Response.of(e.result());
                }
            }
            ctx.complete(r);
        }));
        return Response.pending();
    }

    private static Response handle(CommandHandler h, Request req, CommandContext ctx) throws CommandException {
        return h == null ? Response.error() : h.handle(req, ctx);
    }

    /**
     * Whether {@code command} (with its AT) matches a {@code command:} pattern: equal, or equal up to a following
     * {@code =}, {@code ?} or {@code ,}; case-insensitive; the pattern's AT may be left out.
     */
    static boolean matches(String pattern, Pattern regex, String command) {
        if (regex != null) {
            return regex.matcher(command).matches();
        }
        String p = pattern.trim();
        if (!p.regionMatches(true, 0, "AT", 0, 2)) {
            p = "AT" + p;
        }
        if (command.length() < p.length() || !command.regionMatches(true, 0, p, 0, p.length())) {
            return false;
        }
        if (command.length() == p.length()) {
            return true;
        }
        char next = command.charAt(p.length());
        return next == '=' || next == '?' || next == ',';
    }

    // ---- events and actions ----

    private void fire(EventState es) {
        synchronized (this) {
            if (es.fired || stopped) {
                return;
            }
            es.fired = true;
        }
        run(es.e, es.e.trigger());
    }

    private void later(Duration d, Runnable task) {
        Scheduler.Cancellable[] self = new Scheduler.Cancellable[1];
        Runnable wrapped = () -> {
            synchronized (self) { // a real-time task can start before schedule() has returned
                timers.remove(self[0]);
            }
            if (!stopped) {
                task.run();
            }
        };
        synchronized (self) {
            self[0] = scheduler.schedule(d, wrapped);
            timers.add(self[0]);
        }
    }

    /** Runs an action's parts in the documented order; a part that fails is logged and noted, the rest still run. */
    void run(Scenario.Action a, String why) {
        target.note("scenario: " + why + ": " + a.describe());
        Network net = target.network();
        step(why, () -> {
            if (a.link != null) {
                net.setLinkModel(LinkModel.preset(a.link));
            }
        });
        step(why, () -> {
            if (a.registration != null) {
                net.radio().setRegistration(RegStatus.parse(a.registration));
            }
        });
        step(why, () -> {
            if (a.signal != null) {
                int[] s = a.signal();
                net.radio().setSignal(s[0], s[1]);
            }
        });
        step(why, () -> {
            if (a.clear != null) {
                if (a.clear.equalsIgnoreCase("all")) {
                    net.faults().clearAll();
                } else {
                    net.faults().clear(Scenario.faultKind(a.clear));
                }
            }
        });
        step(why, () -> {
            if (a.fault != null) {
                net.faults().inject(Fault.parse(a.fault));
            }
        });
        step(why, () -> {
            if (a.dropBearer != null) {
                net.bearers().drop(a.dropBearer);
            }
        });
        step(why, () -> {
            if (a.urc != null) {
                target.urc(a.urc);
            }
        });
        step(why, () -> {
            if (Boolean.TRUE.equals(a.reset)) {
                target.reset();
            }
        });
        step(why, () -> {
            if (a.powerCycle != null) {
                target.powerCycle(Durations.parse(a.powerCycle));
            }
        });
    }

    private void step(String why, Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            log.warn("scenario {}: {} failed: {}", scenario.name(), why, e.toString());
            target.note("scenario: " + why + " failed: " + e.getMessage());
        }
    }

    // ---- status ----

    /** What has happened so far, for the control API: overrides with their uses, events and whether they fired. */
    public synchronized Map<String, Object> status() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", scenario.name());
        m.put("description", scenario.description());
        m.put("running", !stopped);
        m.put("elapsedMs", (scheduler.nanoTime() - startNanos) / 1_000_000);
        List<Map<String, Object>> ov = new ArrayList<>();
        for (OverrideState os : overrides) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("match", os.o.match());
            o.put("answers", os.o.answers());
            o.put("delayMs", os.delay == null ? 0 : os.delay.toMillis());
            o.put("used", os.used);
            o.put("remaining", os.o.times == null ? null : os.o.times - os.used);
            ov.add(o);
        }
        m.put("overrides", ov);
        List<Map<String, Object>> ev = new ArrayList<>();
        for (EventState es : events) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("trigger", es.e.trigger());
            e.put("actions", es.e.describe());
            e.put("seen", es.seen);
            e.put("fired", es.fired);
            ev.add(e);
        }
        m.put("events", ev);
        return m;
    }
}
