package io.peerdial.node.phone;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;

/** Collects a phone's events; tests wait for the next one that matches (with a timeout, no sleeps). */
final class EventLog implements Consumer<PhoneEvent> {
    static final long WAIT_S = 10;
    private final BlockingQueue<PhoneEvent> events = new LinkedBlockingQueue<>();

    @Override
    public void accept(PhoneEvent e) {
        events.add(e);
    }

    PhoneEvent await(Predicate<PhoneEvent> what, String description) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_S);
        while (true) {
            long left = deadline - System.nanoTime();
            PhoneEvent e = left <= 0 ? null : events.poll(left, TimeUnit.NANOSECONDS);
            if (e == null) throw new AssertionError("no event '" + description + "' within " + WAIT_S + " s");
            if (what.test(e)) return e;
        }
    }

    PhoneEvent state(int callId, CallState state) throws InterruptedException {
        return await(e -> e.kind() == PhoneEvent.Kind.STATE && e.callId() == callId && e.state() == state, "call " + callId + " " + state);
    }

    PhoneEvent incoming() throws InterruptedException {
        return await(e -> e.kind() == PhoneEvent.Kind.INCOMING, "incoming call");
    }
}
