package dev.vmodem.commands.multitech;

import dev.vmodem.at.command.CommandContext;
import dev.vmodem.at.response.Response;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers a command from a future (a bearer opening or closing): at once when the future is done by the time the
 * handler returns, otherwise {@link Response#pending()} now and {@link CommandContext#complete} later.
 *
 * <p>Not simply {@code future.whenComplete(... ctx.complete(...))}: the network may complete the future on its own
 * thread between the handler's check and its return, and a completion that comes before the engine knows the
 * command is pending is lost (the line would hang). Here whichever comes second, the handler returning or the
 * future completing, delivers the answer, exactly once.
 */
final class FutureAnswer {

    private static final Logger log = LoggerFactory.getLogger(FutureAnswer.class);
    private static final Object RETURNED = new Object();

    private FutureAnswer() {
    }

    static <T> Response await(CompletableFuture<T> future, CommandContext ctx, Function<T, Response> answer) {
        AtomicReference<Object> slot = new AtomicReference<>();
        future.whenComplete((value, failure) -> {
            Response r;
            if (failure != null) {
                log.warn("network request failed", failure);
                r = Response.error();
            } else {
                try {
                    r = answer.apply(value);
                } catch (RuntimeException e) {
                    log.error("answer to {} failed", value, e);
                    r = Response.error();
                }
            }
            if (!slot.compareAndSet(null, r)) {
                ctx.complete(r);
            }
        });
        if (slot.compareAndSet(null, RETURNED)) {
            return Response.pending();
        }
        return (Response) slot.get();
    }
}
