package io.peerdial.overlay.runtime;

import java.nio.channels.Selector;

/**
 * Stopping a selector loop thread, shared by the overlay's {@link UdpRuntime}, the relay's TURN
 * runtime and the node's TURN tap: the caller has already told its loop to stop (its own flag);
 * this wakes the selector so the loop sees it, and waits a bounded time for the thread to end —
 * unless called from the loop itself (a core's callback closing its own runtime), which must not
 * wait for itself. Interrupted while waiting: gives up the wait and keeps the interrupt flag.
 */
public final class SelectorLoops {

    private SelectorLoops() {}

    /** Wakes {@code selector} and waits up to {@code waitMs} for {@code loop}; true if it has ended (or is the caller). */
    public static boolean stop(Thread loop, Selector selector, long waitMs) {
        selector.wakeup();
        if (Thread.currentThread() == loop) return true;
        try {
            loop.join(waitMs);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return !loop.isAlive();
    }
}
