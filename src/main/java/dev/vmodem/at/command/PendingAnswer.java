package dev.vmodem.at.command;

import dev.vmodem.at.response.Response;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers a command from a future: at once when the future is already done by the time the handler returns,
 * otherwise {@link Response#pending()} now and {@link CommandContext#complete} later.
 *
 * <p>Why not just {@code future.thenAccept(ctx::complete)}: a future that completes while the handler is still
 * running (already complete, or completed on another thread a moment later) would call {@code complete} before the
 * engine knows the command is pending, and the answer would be lost. Here whoever comes second (the handler
 * returning, or the future completing) delivers the answer, exactly once.
 */
public final class PendingAnswer {

    private static final Logger log = LoggerFactory.getLogger(PendingAnswer.class);
    private static final Object RETURNED = new Object();

    private PendingAnswer() {
    }

    public static <T> Response await(CompletableFuture<T> future, CommandContext ctx, Function<T, Response> answer) {
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
