package dev.vmodem.net;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers {@link NetworkListener} events in the order they were posted, never under the lock of the state that
 * produced them. State owners post while holding their lock (so queue order is change order) and call
 * {@link #drain()} after releasing it; whichever thread finds nobody draining delivers everything queued, so two
 * listeners never run at once and a listener that causes another change does not recurse.
 */
final class Notifier {

    private static final Logger log = LoggerFactory.getLogger(Notifier.class);

    private final List<NetworkListener> listeners = new CopyOnWriteArrayList<>();
    private final Queue<Consumer<NetworkListener>> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean draining = new AtomicBoolean();

    void add(NetworkListener l) {
        listeners.add(l);
    }

    void remove(NetworkListener l) {
        listeners.remove(l);
    }

    void post(Consumer<NetworkListener> event) {
        queue.add(event);
    }

    void drain() {
        // The re-check after releasing the flag closes the window where another thread posted just as we finished.
        while (!queue.isEmpty() && draining.compareAndSet(false, true)) {
            try {
                Consumer<NetworkListener> e;
                while ((e = queue.poll()) != null) {
                    for (NetworkListener l : listeners) {
                        try {
                            e.accept(l);
                        } catch (RuntimeException ex) {
                            log.warn("network listener {} failed", l, ex);
                        }
                    }
                }
            } finally {
                draining.set(false);
            }
        }
    }
}
