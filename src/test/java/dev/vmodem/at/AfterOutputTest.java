package dev.vmodem.at;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vmodem.at.command.CommandContext;
import dev.vmodem.at.command.CommandRegistry;
import dev.vmodem.at.response.Response;
import dev.vmodem.time.VirtualScheduler;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@link CommandContext#afterOutput}: a handler's task (waking a transfer's worker) runs once the answer is written,
 * outside the engine's lock, so the host never waits for it.
 */
class AfterOutputTest {

    private final ByteArrayOutputStream written = new ByteArrayOutputStream();
    private final CommandRegistry registry = new CommandRegistry();
    private final AtEngine engine = new AtEngine(new Settings(), new VirtualScheduler(), registry,
            (b, off, len) -> written.write(b, off, len));

    private String exchange(String s) {
        engine.received(s.getBytes(StandardCharsets.ISO_8859_1), 0, s.length());
        String out = written.toString(StandardCharsets.ISO_8859_1);
        written.reset();
        return out;
    }

    @Test
    void theTaskRunsOnceTheWholeAnswerIsWritten() {
        List<String> seen = new ArrayList<>();
        registry.register("+WAKE", (req, ctx) -> {
            ctx.afterOutput(() -> seen.add("first: " + written.toString(StandardCharsets.ISO_8859_1)));
            ctx.afterOutput(() -> seen.add("second"));
            return Response.info("+WAKE: 1");
        });
        assertThat(seen).isEmpty();
        assertThat(exchange("AT+WAKE\r")).isEqualTo("AT+WAKE\r\r\n+WAKE: 1\r\n\r\nOK\r\n");
        assertThat(seen).containsExactly("first: AT+WAKE\r\r\n+WAKE: 1\r\n\r\nOK\r\n", "second");
        // once only: the next command runs nothing
        assertThat(exchange("AT\r")).isEqualTo("AT\r\r\nOK\r\n");
        assertThat(seen).hasSize(2);
    }

    @Test
    void theTaskRunsOutsideTheEngineLock() {
        List<Boolean> otherThreadGotIn = new ArrayList<>();
        CommandContext[] context = new CommandContext[1];
        registry.register("+WAKE", (req, ctx) -> {
            context[0] = ctx;
            ctx.afterOutput(() -> {
                // another thread takes the engine's lock and runs a task: it could not if this thread held it
                CompletableFuture<Boolean> other = CompletableFuture.supplyAsync(() -> {
                    boolean[] ran = {false};
                    context[0].execute(() -> ran[0] = true);
                    return ran[0];
                });
                try {
                    otherThreadGotIn.add(other.get(10, TimeUnit.SECONDS));
                } catch (Exception e) {
                    otherThreadGotIn.add(false);
                }
            });
            return Response.ok();
        });
        assertThat(exchange("AT+WAKE\r")).isEqualTo("AT+WAKE\r\r\nOK\r\n");
        assertThat(otherThreadGotIn).containsExactly(true);
    }

    @Test
    void outsideAStepTheTaskRunsAtOnce() {
        CommandContext[] context = new CommandContext[1];
        registry.register("+GRAB", (req, ctx) -> {
            context[0] = ctx;
            return Response.ok();
        });
        exchange("AT+GRAB\r");
        boolean[] ran = {false};
        context[0].afterOutput(() -> ran[0] = true);
        assertThat(ran[0]).isTrue();
    }

    @Test
    void aFailingTaskIsLoggedAndTheOthersAndTheModemCarryOn() {
        List<String> seen = new ArrayList<>();
        registry.register("+WAKE", (req, ctx) -> {
            ctx.afterOutput(() -> {
                throw new IllegalStateException("worker gone");
            });
            ctx.afterOutput(() -> seen.add("ran"));
            return Response.ok();
        });
        assertThat(exchange("AT+WAKE\r")).isEqualTo("AT+WAKE\r\r\nOK\r\n");
        assertThat(seen).containsExactly("ran");
        assertThat(exchange("AT\r")).isEqualTo("AT\r\r\nOK\r\n");
    }
}
